package search

import (
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
)

// What the analyzers fold away (a soft hyphen, a zero-width space) does
// not stop a match from being marked: 人工\u00ad智能 is found by 人工智能, so
// it is highlighted too.
func TestInvisibleInsideMatchIsHighlighted(t *testing.T) {
	ix := openFixtures(t, []fixture{
		{id: "shy", title: "人工\u00ad智能新进展", body: "发展人工\u00ad智能产业。", date: "2025-01-01"},
		{id: "zwsp", title: "人工\u200b智能应用", body: "推进人工\u200b智能应用。", date: "2025-01-02"},
	})
	res := search(t, ix, xinwen.SearchRequest{Query: "人工智能", Size: 10})
	if len(res.Hits) != 2 {
		t.Fatalf("hits %v, want shy and zwsp", ids(res))
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.TitleHTML, "<mark>人工") || !strings.Contains(h.SnippetHTML, "<mark>人工") {
			t.Errorf("%s: not highlighted: title %q snippet %q", h.ID, h.TitleHTML, h.SnippetHTML)
		}
	}
}
