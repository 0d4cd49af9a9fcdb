package indexer

import (
	"errors"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/cluster"
)

func TestGate(t *testing.T) {
	day := time.Date(2024, 3, 1, 9, 0, 0, 0, xinwen.DefaultZone())
	art := func(id, title string, date time.Time) xinwen.Article {
		return xinwen.Article{ID: id, Title: title, Body: "正文。", Date: date}
	}
	tests := []struct {
		name string
		keep bool
		arts []xinwen.Article
		want []string // reason per article, "" when admitted
	}{
		{"distinct", false, []xinwen.Article{art("a", "人工智能大会开幕", day), art("b", "量子计算取得突破", day)}, []string{"", ""}},
		{"same id", false, []xinwen.Article{art("a", "人工智能大会开幕", day), art("a", "量子计算取得突破", day)}, []string{"", reasonDuplicate}},
		{"same story", false, []xinwen.Article{art("a", "人工智能大会开幕", day), art("b", " 人工智能大会开幕 ", day.Add(3*time.Hour))}, []string{"", ""}},
		{"same story kept", true, []xinwen.Article{art("a", "人工智能大会开幕", day), art("b", "人工智能大会开幕", day)}, []string{"", ""}},
		{"next day", false, []xinwen.Article{art("a", "人工智能大会开幕", day), art("b", "人工智能大会开幕", day.AddDate(0, 0, 1))}, []string{"", ""}},
		{"undated", false, []xinwen.Article{art("a", "人工智能大会开幕", time.Time{}), art("b", "人工智能大会开幕", time.Time{})}, []string{"", ""}},
		{"short title", false, []xinwen.Article{art("a", "短讯", day), art("b", "短讯", day)}, []string{"", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := NewGate(xinwen.DefaultZone(), "run", tt.keep)
			for i, a := range tt.arts {
				got := ""
				var skip *Skip
				if err := g.Admit(a); errors.As(err, &skip) {
					got = skip.Reason
				} else if err != nil {
					t.Fatalf("%s: %v, want a *Skip", a.ID, err)
				}
				if got != tt.want[i] {
					t.Errorf("article %d (%s): reason %q, want %q", i, a.ID, got, tt.want[i])
				}
			}
		})
	}
}

// A repeated story is admitted and joins the first copy's cluster; the
// same title on another day, an undated or short-titled repeat, or any
// repeat with clustering off is a story of its own.
func TestGateStory(t *testing.T) {
	day := time.Date(2024, 3, 1, 9, 0, 0, 0, xinwen.DefaultZone())
	art := func(id, title string, date time.Time) xinwen.Article {
		body := map[string]string{"a": "开幕式上发布了新一代大模型和多款智能终端产品。", "b": "参会企业签约项目四十余个，涵盖芯片与机器人领域。"}[id]
		return xinwen.Article{ID: id, Title: title, Body: body, Date: date}
	}
	tests := []struct {
		name string
		off  bool
		arts []xinwen.Article
		want []string // cluster per article
	}{
		{"same story", false, []xinwen.Article{art("a", "人工智能大会开幕", day), art("b", " 人工智能大会开幕 ", day.Add(3*time.Hour))}, []string{"a", "a"}},
		{"clustering off", true, []xinwen.Article{art("a", "人工智能大会开幕", day), art("b", "人工智能大会开幕", day)}, []string{"a", "b"}},
		{"next day", false, []xinwen.Article{art("a", "人工智能大会开幕", day), art("b", "人工智能大会开幕", day.AddDate(0, 0, 1))}, []string{"a", "b"}},
		{"undated", false, []xinwen.Article{art("a", "人工智能大会开幕", time.Time{}), art("b", "人工智能大会开幕", time.Time{})}, []string{"a", "b"}},
		{"short title", false, []xinwen.Article{art("a", "短讯", day), art("b", "短讯", day)}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := NewGate(xinwen.DefaultZone(), "run", tt.off)
			for i, a := range tt.arts {
				if err := g.Admit(a); err != nil {
					t.Fatalf("%s: %v", a.ID, err)
				}
				if s, err := g.Story(a); err != nil || s.Cluster != tt.want[i] || len(s.Bands) != cluster.Bands {
					t.Errorf("%s: story %+v, want cluster %q with a hash a band", a.ID, s, tt.want[i])
				}
			}
		})
	}
}
