package fold_test

import (
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen/search/highlight"
	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// TestEveryBMPRuneAgrees walks the Basic Multilingual Plane and checks
// that every user of the chain agrees with it, for each rune between two
// Han characters: the analyzers' normalization, the bigram analyzer's
// word characters and offsets, and the highlighter's marks. (The article
// parser's invisible class is checked the same way in its own tests;
// search uses fold's rune classes themselves.)
func TestEveryBMPRuneAgrees(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		in := "甲" + string(r) + "乙"
		folded := fold.String(in)
		if got := zh.Normalize(in); got != folded {
			t.Fatalf("%U: zh.Normalize = %q, fold gives %q", r, got, folded)
		}
		checkBigrams(t, r, in, folded)
		if want := "<mark>" + htmlEscape(in) + "</mark>"; highlight.Title(in, highlight.Plain(folded)) != want {
			t.Fatalf("%U: Title = %q, want %q", r, highlight.Title(in, highlight.Plain(folded)), want)
		}
	}
}

// checkBigrams: the bigram analyzer makes a token of each pair of
// adjacent word characters of the folded text, each covering its span.
func checkBigrams(t *testing.T, r rune, in, folded string) {
	toks, err := zh.Analyze(zh.BigramAnalyzerName, in)
	if err != nil {
		t.Fatal(err)
	}
	var terms []string
	for _, tk := range toks {
		terms = append(terms, tk.Term)
		if !strings.Contains(fold.String(in[tk.Start:tk.End]), tk.Term) {
			t.Fatalf("%U: token %q covers %q", r, tk.Term, in[tk.Start:tk.End])
		}
	}
	if got, want := strings.Join(terms, "|"), strings.Join(wantBigrams(folded), "|"); got != want {
		t.Fatalf("%U: bigrams %q, want %q", r, got, want)
	}
}

// wantBigrams lists the bigrams of the word runs of s, by fold's class.
func wantBigrams(s string) []string {
	var out []string
	for _, run := range strings.FieldsFunc(s, func(r rune) bool { return !fold.IsWordRune(r) }) {
		rs := []rune(run)
		if len(rs) == 1 {
			out = append(out, run)
		}
		for i := 1; i < len(rs); i++ {
			out = append(out, string(rs[i-1:i+1]))
		}
	}
	return out
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "\n", " ").Replace(s)
}
