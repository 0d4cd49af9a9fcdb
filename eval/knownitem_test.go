package eval

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
)

// inventedBundle is shaped like a 快讯 bundle: a lead-in line, then a short
// sub-headline before each story, then the scraper's trailing lines.
const inventedBundle = "央视网消息（新闻联播）：\n" +
	"沿海港口集装箱吞吐量创新高\n" +
	"今天，沿海主要港口发布数据，一季度集装箱吞吐量同比增长。\n" +
	"另据统计，自动化码头运行平稳。\n" +
	"高原铁路完成冬季检修 列车恢复运行\n" +
	"高原铁路部门近日完成冬季设备检修，列车运行恢复正常。\n" +
	"这一行没有句号但后面什么也没有\n" +
	"---\n" +
	"更新时间：2025-03-03T20:00:00Z"

func TestSubheadlines(t *testing.T) {
	got := Subheadlines(inventedBundle)
	want := []string{"沿海港口集装箱吞吐量创新高", "高原铁路完成冬季检修 列车恢复运行"}
	if !slices.Equal(got, want) {
		t.Errorf("Subheadlines = %q, want %q", got, want)
	}
	long := strings.Repeat("很长的标题", 7) + "\n正文。"
	if got := Subheadlines(long); len(got) != 0 {
		t.Errorf("a line over 30 characters taken as a sub-headline: %q", got)
	}
}

func TestContentWords(t *testing.T) {
	got := contentWords("新能源汽车的销量在增长，汽车")
	for _, w := range got {
		if len([]rune(w)) < 2 || w == "的" {
			t.Errorf("contentWords kept %q", w)
		}
	}
	seen := map[string]bool{}
	for _, w := range got {
		if seen[w] {
			t.Errorf("contentWords repeats %q: %q", w, got)
		}
		seen[w] = true
	}
}

func TestPickWords(t *testing.T) {
	words := []string{"甲乙", "丙丁", "戊己", "庚辛"}
	for seed := range uint64(50) {
		q, ok := pickWords(words, rand.New(rand.NewPCG(seed, 0)))
		picked := strings.Fields(q)
		if !ok || len(picked) < 2 || len(picked) > 3 {
			t.Fatalf("pickWords = %q, %v", q, ok)
		}
		last := -1
		for _, w := range picked {
			i := slices.Index(words, w)
			if i <= last {
				t.Errorf("pickWords = %q: not in title order", q)
			}
			last = i
		}
	}
	if _, ok := pickWords([]string{"一个"}, rand.New(rand.NewPCG(1, 1))); ok {
		t.Error("pickWords made a query of one word")
	}
}

func TestKnownItemQueries(t *testing.T) {
	docs := []Doc{
		newDoc(xinwen.Article{ID: "u", Title: "山区学校开设人工智能课程"}),
		newDoc(xinwen.Article{ID: "r1", Title: "春季植树活动启动"}),
		newDoc(xinwen.Article{ID: "r2", Title: "春季植树活动启动"}),
		newDoc(xinwen.Article{ID: "k", Title: "国内联播快讯", Body: inventedBundle,
			Categories: []string{"新闻联播", "国内联播快讯"}}),
	}
	for _, q := range TitleQueries(docs, 10, rand.New(rand.NewPCG(1, 2))) {
		if q.Target == "r1" || q.Target == "r2" {
			t.Errorf("a recurring title made a query: %+v", q)
		}
	}
	subs := SubheadlineQueries(docs, 10, rand.New(rand.NewPCG(1, 3)))
	if len(subs) != 2 {
		t.Fatalf("SubheadlineQueries = %+v, want one per sub-headline", subs)
	}
	for _, q := range subs {
		if q.Target != "k" {
			t.Errorf("sub-headline query %+v does not target the bundle", q)
		}
	}
}

func TestPastedQueries(t *testing.T) {
	docs := []Doc{
		newDoc(xinwen.Article{ID: "u", Title: "山区学校开设人工智能课程"}),
		newDoc(xinwen.Article{ID: "r1", Title: "春季植树活动启动"}),
		newDoc(xinwen.Article{ID: "r2", Title: "春季植树活动启动"}),
		newDoc(xinwen.Article{ID: "k", Title: "国内联播快讯", Body: inventedBundle,
			Categories: []string{"新闻联播", "国内联播快讯"}}),
	}
	titles := PastedTitleQueries(docs, 10, rand.New(rand.NewPCG(1, 4)))
	var got []string
	for _, q := range titles {
		if q.Query != q.Source {
			t.Errorf("pasted title %+v: the query is not the title as it stands", q)
		}
		got = append(got, q.Target)
	}
	slices.Sort(got)
	// r1 and r2 share a title.
	if want := []string{"k", "u"}; !slices.Equal(got, want) {
		t.Errorf("PastedTitleQueries targets %q, want %q", got, want)
	}
	subs := PastedSubheadlineQueries(docs, 10, rand.New(rand.NewPCG(1, 5)))
	var lines []string
	for _, q := range subs {
		if q.Target != "k" || q.Query != q.Source {
			t.Errorf("pasted sub-headline %+v: want the line as it stands, targeting the bundle", q)
		}
		lines = append(lines, q.Query)
	}
	slices.Sort(lines)
	if want := []string{"沿海港口集装箱吞吐量创新高", "高原铁路完成冬季检修 列车恢复运行"}; !slices.Equal(lines, want) {
		t.Errorf("PastedSubheadlineQueries = %q, want %q", lines, want)
	}
	again := PastedSubheadlineQueries(docs, 10, rand.New(rand.NewPCG(1, 5)))
	if !slices.EqualFunc(subs, again, func(a, b KnownItem) bool { return a == b }) {
		t.Error("the same seed gave different pasted sub-headlines")
	}
}
