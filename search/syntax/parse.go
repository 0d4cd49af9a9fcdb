package syntax

import (
	"strings"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Query is a query string taken apart: its terms in the order typed, by
// role.
type Query struct {
	Words     []string // plain words: all must match, as words or substrings
	Phrases   []string // quoted: exact contiguous match, spaces at the ends trimmed
	Excludes  []string // -word or -"phrase"
	Truncated bool     // terms past xinwen.MaxTerms were left out
}

// Len is the number of terms.
func (q Query) Len() int { return len(q.Words) + len(q.Phrases) + len(q.Excludes) }

// Parse takes apart q, a query SearchRequest.Normalize accepted. It never
// fails on what a reader might type: an unclosed quote runs to the end,
// terms without a word character are dropped, and terms past
// xinwen.MaxTerms are left out and flagged.
func Parse(q string) Query {
	var p Query
	toks := Lex(q)
	for i := 0; i < len(toks); i++ {
		neg := toks[i].Kind == Exclude
		if neg {
			i++ // Lex puts a word or phrase after every Exclude
		}
		t := toks[i]
		term := t.Text()
		if t.Kind == Phrase {
			term = strings.TrimSpace(term)
		}
		if term == "" || !fold.HasWordRune(fold.String(term)) {
			continue
		}
		if p.Len() >= xinwen.MaxTerms {
			p.Truncated = true
			break
		}
		switch {
		case neg:
			p.Excludes = append(p.Excludes, term)
		case t.Kind == Phrase:
			p.Phrases = append(p.Phrases, term)
		default:
			p.Words = append(p.Words, term)
		}
	}
	return p
}
