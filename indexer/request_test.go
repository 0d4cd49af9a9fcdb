package indexer

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

var cst = time.FixedZone("CST", 8*3600)

func TestReadRequest(t *testing.T) {
	body := strings.Join([]string{
		`{"id":"a1","title":"标题一","body":"<p>正文</p>","date":"2024-03-01","categories":["科技","人工智能"],"url":"https://e.com/a1","source":"新华社","thumbnail":"t.png"}`,
		`{"title":"没有编号"}`,
		`not json`,
		``,
		`{"id":"a1","title":"重复"}`,
		`{"id":"a\u0001b","title":"控制字符"}`,
		`{"id":"e1","title":"","body":""}`,
		`{"id":42,"title":"数字编号","categories":"国际 > 亚洲"}`,
		`{"id":"..","title":"点点"}`,
	}, "\n")
	docs, skipped, err := ReadRequest(strings.NewReader(body), cst)
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{docs[0].ID, docs[1].ID}; len(docs) != 2 || !slices.Equal(got, []string{"a1", "42"}) {
		t.Fatalf("ingested %+v, want a1 and 42", docs)
	}
	r := docs[0]
	if r.URL != "https://e.com/a1" || r.Source != "新华社" || r.Thumbnail != "t.png" || r.Body != "正文" ||
		xinwen.JoinCategory(r.Categories) != "科技/人工智能" || r.Date.IsZero() {
		t.Errorf("record a1 = %+v", r)
	}
	want := map[int]string{2: "record has no id", 3: "bad JSON record", 5: "seen before", 6: "control characters", 7: "neither title nor body", 9: "cannot name a page"}
	if len(skipped) != len(want) {
		t.Errorf("skipped %+v, want lines %v", skipped, want)
	}
	for _, s := range skipped {
		if !strings.Contains(s.Reason, want[s.Line]) || strings.HasPrefix(s.Reason, "jsonl:") {
			t.Errorf("line %d skipped for %q, want %q without the position prefix", s.Line, s.Reason, want[s.Line])
		}
	}
}

// A write request admits every record with one title on one day: a
// repeated story is clustered, not dropped.
func TestReadRequestNearDuplicate(t *testing.T) {
	body := strings.Join([]string{
		`{"id":"n1","title":"人工智能大会今日开幕","body":"正文一。","date":"2024-03-01 09:00:00"}`,
		`{"id":"n2","title":"人工智能大会今日开幕","body":"正文二。","date":"2024-03-01 18:00:00"}`,
		`{"id":"n3","title":"人工智能大会今日开幕","body":"正文三。","date":"2024-03-02"}`,
	}, "\n")
	docs, skipped, err := ReadRequest(strings.NewReader(body), cst)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 || docs[0].ID != "n1" || docs[1].ID != "n2" || docs[2].ID != "n3" {
		t.Errorf("admitted %+v, want n1, n2 and n3", docs)
	}
	if len(skipped) != 0 {
		t.Errorf("skipped %+v, want none", skipped)
	}
}
