package search

import (
	"testing"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/syntax"
	"github.com/xinwen-search/xinwen/search/zh"
)

// The query uses the analyzers' word characters: 〇 (a number, not a
// letter) is inside a bigram run of 二〇二四年 in the index, so trimming
// must not take it for punctuation, and a term of numbers only is kept.
func TestQueryWordRunesAreTheAnalyzers(t *testing.T) {
	if got := trimLoneEdges("二〇二四年"); got != "二〇二四年" {
		t.Errorf("trimLoneEdges(二〇二四年) = %q", got)
	}
	if p := syntax.Parse("〇 ①"); len(p.Words) != 2 {
		t.Errorf("syntax.Parse(〇 ①) words %q, want both", p.Words)
	}
	ix := openFixtures(t, []fixture{
		{id: "d", title: "二〇二四年工作报告", body: "回顾二〇二四年。", date: "2025-01-01"},
		{id: "e", title: "二零二四年工作报告", body: "回顾二零二四年。", date: "2025-01-02"},
	})
	if res := search(t, ix, xinwen.SearchRequest{Query: "〇", Size: 10}); len(res.Hits) != 1 || res.Hits[0].ID != "d" {
		t.Errorf("〇: hits %v, want d", ids(res))
	}
}

// Every rune of the Basic Multilingual Plane typed alone is searched
// exactly when the analyzers index a term for it.
func TestQueryKeepsWhatTheAnalyzersIndex(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF || syntax.IsSpace(r) || r == '-' || isQuote(r) {
			continue
		}
		toks, err := zh.Analyze(zh.BigramAnalyzerName, string(r))
		if err != nil {
			t.Fatal(err)
		}
		if kept := len(syntax.Parse(string(r)).Words) == 1; kept != (len(toks) > 0) {
			t.Errorf("%U: query keeps it %v, analyzer gives %d terms", r, kept, len(toks))
		}
	}
}

func isQuote(r rune) bool {
	_, ok := syntax.CloseQuote(r)
	return ok
}
