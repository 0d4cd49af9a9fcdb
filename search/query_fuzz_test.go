package search

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/highlight"
	"github.com/xinwen-search/xinwen/search/syntax"
)

// Seeds for these fuzzers live in testdata/fuzz/<FuzzName>/; go test runs
// them as ordinary tests, go test -fuzz=FuzzName explores from them.

// FuzzBuildQuery: whatever a reader types (the syntax's own checks are
// syntax.FuzzParse), analysis succeeds, the query it builds is accepted,
// and it has needles to highlight.
func FuzzBuildQuery(f *testing.F) {
	f.Add(`人工智能 "大模型" -广告`)
	f.Fuzz(func(t *testing.T, q string) {
		if utf8.RuneCountInString(q) > xinwen.MaxQueryRunes {
			return // SearchRequest.Normalize rejects it before parsing
		}
		p, err := analyze(syntax.Parse(q))
		if err != nil {
			t.Fatalf("analyze(%q): %v", q, err)
		}
		if textQuery(p) == nil && !(p.empty() && len(p.Excludes) == 0) {
			t.Fatalf("textQuery(%q) built nothing for %+v", q, p)
		}
		_ = needlesOf(p)
	})
}

// FuzzHighlight: titles and snippets are escaped text with balanced,
// unnested, non-empty <mark> elements and nothing else; a title keeps all
// its text, a snippet only text from the body.
func FuzzHighlight(f *testing.F) {
	f.Add("人工智能<script>alert(1)</script>赋能千行百业", "人工智能 script")
	f.Fuzz(func(t *testing.T, text, q string) {
		p, err := analyze(syntax.Parse(q))
		if err != nil {
			t.Fatal(err)
		}
		needles := needlesOf(p)
		flat := strings.ReplaceAll(string([]rune(text)), "\n", " ")

		title := checkMarked(t, highlight.Title(text, needles))
		if title != flat {
			t.Fatalf("Title lost text: %q, want %q", title, flat)
		}
		snip := checkMarked(t, highlight.Snippet(text, needles))
		if n := utf8.RuneCountInString(snip); n > highlight.MaxFragments*highlight.FragmentRunes+10 {
			t.Fatalf("snippet of %d runes", n)
		}
		for _, part := range strings.Split(snip, highlight.FragmentSep) {
			if part = strings.Trim(part, "…"); !strings.Contains(flat, part) {
				t.Fatalf("snippet part %q is not in the text %q", part, flat)
			}
		}
	})
}

// checkMarked validates highlighted HTML and returns its text, unescaped.
func checkMarked(t *testing.T, s string) string {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8: %q", s)
	}
	var text strings.Builder
	open := false
	for rest := s; rest != ""; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			i = len(rest)
		}
		checkEscaped(t, rest[:i], s)
		text.WriteString(rest[:i])
		rest = rest[i:]
		if rest == "" {
			break
		}
		tag := "<mark>"
		if open {
			tag = "</mark>"
		}
		if !strings.HasPrefix(rest, tag) {
			t.Fatalf("unexpected markup at %q in %q", rest, s)
		}
		if open && i == 0 && strings.HasSuffix(s[:len(s)-len(rest)], "<mark>") {
			t.Fatalf("empty <mark> in %q", s)
		}
		open = !open
		rest = rest[len(tag):]
	}
	if open {
		t.Fatalf("unclosed <mark> in %q", s)
	}
	return html.UnescapeString(text.String())
}

// checkEscaped fails unless s is text as html.EscapeString leaves it.
func checkEscaped(t *testing.T, s, whole string) {
	t.Helper()
	if strings.ContainsAny(s, `<>"'`) {
		t.Fatalf("unescaped character in %q (of %q)", s, whole)
	}
	for i := strings.IndexByte(s, '&'); i >= 0; {
		ok := false
		for _, e := range []string{"&lt;", "&gt;", "&amp;", "&#39;", "&#34;"} {
			ok = ok || strings.HasPrefix(s[i:], e)
		}
		if !ok {
			t.Fatalf("bare & at %q in %q", s[i:], whole)
		}
		j := strings.IndexByte(s[i+1:], '&')
		if j < 0 {
			break
		}
		i += 1 + j
	}
}
