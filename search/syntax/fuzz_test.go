package syntax

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Seeds for these fuzzers live in testdata/fuzz/<FuzzName>/; go test runs
// them as ordinary tests, go test -fuzz=FuzzName explores from them.

// FuzzParse: whatever a reader types, parsing stays within the limits,
// keeps only terms with a word character and flags what it cut.
func FuzzParse(f *testing.F) {
	f.Add(`人工智能 "大模型" -广告`)
	f.Fuzz(func(t *testing.T, q string) {
		if utf8.RuneCountInString(q) > xinwen.MaxQueryRunes {
			return // SearchRequest.Normalize rejects it before parsing
		}
		p := Parse(q)
		terms := append(append(append([]string(nil), p.Words...), p.Phrases...), p.Excludes...)
		if len(terms) > xinwen.MaxTerms || len(terms) != p.Len() {
			t.Fatalf("%d terms (Len %d), limit %d", len(terms), p.Len(), xinwen.MaxTerms)
		}
		runes := 0
		for _, term := range terms {
			if term == "" || !fold.HasWordRune(fold.String(term)) || !utf8.ValidString(term) {
				t.Fatalf("bad term %q from %q", term, q)
			}
			runes += utf8.RuneCountInString(term)
		}
		if runes > xinwen.MaxQueryRunes {
			t.Fatalf("terms hold %d runes, limit %d", runes, xinwen.MaxQueryRunes)
		}
		if p.Truncated && utf8.RuneCountInString(q) <= xinwen.MaxQueryRunes && len(terms) < xinwen.MaxTerms {
			t.Fatalf("truncated without reason: %q", q)
		}
	})
}

// FuzzLex: tokens tile the query's non-space text in order, each kind
// shaped as documented.
func FuzzLex(f *testing.F) {
	f.Add(`人工智能 "大模型" -广告`)
	f.Fuzz(func(t *testing.T, q string) {
		toks := Lex(q)
		q = string([]rune(q)) // as Lex reads invalid UTF-8
		end := 0
		for i, tok := range toks {
			if tok.Pos < end || !strings.HasPrefix(q[tok.Pos:], tok.Val) || tok.Val == "" {
				t.Fatalf("token %d %v does not follow at %d in %q", i, tok, end, q)
			}
			if gap := q[end:tok.Pos]; strings.TrimFunc(gap, IsSpace) != "" || (i > 0 && toks[i-1].Kind == Word && gap == "") {
				t.Fatalf("token %d %v after %q in %q", i, tok, gap, q)
			}
			end = tok.Pos + len(tok.Val)
			checkToken(t, tok, toks[i+1:], q[end:])
		}
		if strings.TrimFunc(q[end:], IsSpace) != "" {
			t.Fatalf("%q left over in %q", q[end:], q)
		}
	})
}

// checkToken checks tok's shape, given the tokens and text after it.
func checkToken(t *testing.T, tok Token, next []Token, rest string) {
	t.Helper()
	first, _ := utf8.DecodeRuneInString(tok.Val)
	_, quote := CloseQuote(first)
	switch tok.Kind {
	case Word:
		if quote || strings.ContainsFunc(tok.Val, IsSpace) {
			t.Fatalf("word %v", tok)
		}
	case Exclude:
		if tok.Val != "-" || len(next) == 0 || next[0].Kind == Exclude || next[0].Pos != tok.Pos+1 {
			t.Fatalf("exclusion %v before %v", tok, next)
		}
	case Phrase:
		close, _ := CloseQuote(tok.Open)
		switch {
		case first != tok.Open || !quote:
			t.Fatalf("phrase %v opens with %q", tok, first)
		case tok.Close == 0 && (rest != "" || strings.ContainsRune(tok.Text(), close)):
			t.Fatalf("unclosed phrase %v before %q", tok, rest)
		case tok.Close != 0 && (tok.Close != close || strings.ContainsRune(tok.Text(), close)):
			t.Fatalf("phrase %v closed by %q", tok, tok.Close)
		}
	default:
		t.Fatalf("token of kind %v", tok.Kind)
	}
}
