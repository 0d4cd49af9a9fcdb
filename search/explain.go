package search

import (
	"slices"
	"strings"

	"github.com/xinwen-search/xinwen/search/synonym"
	"github.com/xinwen-search/xinwen/search/syntax"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Explain cuts text as the index (query false) or a query does and says
// what produced every token (zh.Explain). A query's words also bring the
// synonyms rules widens them with, exactly those a search for text would
// use (its syntax, lone-character budget and expand): each a token of
// source zh.SourceSynonym over the typed word's span, at the position of
// the word's first token (as a synonym filter places it), naming the word
// it expands. rules may be nil: no synonyms.
func Explain(text string, query bool, rules *synonym.Set) ([]zh.Explained, error) {
	toks, err := zh.Explain(text, query)
	if err != nil || !query || rules.Rules() == 0 {
		return toks, err
	}
	p, err := analyze(syntax.Parse(text))
	if err != nil {
		return nil, err
	}
	p.expand(rules)
	for _, e := range p.expanded {
		if start, end, ok := span(text, e.From); ok {
			toks = insertSynonyms(toks, start, end, e.From, e.To)
		}
	}
	return toks, nil
}

// span finds the typed term in text: the byte offsets of the first word
// or phrase the query syntax reads as term, so a term inside a longer one
// (新冠 in 新冠肺炎) is not mistaken for it.
func span(text, term string) (start, end int, ok bool) {
	for _, t := range syntax.Lex(text) {
		if t.Kind != syntax.Exclude && t.Text() == term {
			start = t.Pos + strings.Index(t.Val, term)
			return start, start + len(term), true
		}
	}
	return 0, 0, false
}

// insertSynonyms puts a token for each of alts after the tokens inside
// [start, end), at the position of the first of them (or of the token
// before the span when none is inside: a word of stop words only).
func insertSynonyms(toks []zh.Explained, start, end int, word string, alts []string) []zh.Explained {
	at := slices.IndexFunc(toks, func(t zh.Explained) bool { return t.Start >= end })
	if at < 0 {
		at = len(toks)
	}
	pos := 0
	if i := slices.IndexFunc(toks, func(t zh.Explained) bool { return t.Start >= start }); i >= 0 && i < at {
		pos = toks[i].Position
	} else if at > 0 {
		pos = toks[at-1].Position
	}
	syn := make([]zh.Explained, len(alts))
	for i, alt := range alts {
		syn[i] = zh.Explained{Token: zh.Token{Term: alt, Start: start, End: end, Position: pos},
			Source: zh.SourceSynonym, Expands: word}
	}
	return slices.Insert(toks, at, syn...)
}
