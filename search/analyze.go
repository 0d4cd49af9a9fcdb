package search

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/syntax"
	"github.com/xinwen-search/xinwen/search/zh"
)

// analyzed is a query as the search runs it: the syntax's words, phrases
// and exclusions within MaxLoneChars, each word cut by the query analyzer.
type analyzed struct {
	syntax.Query // Truncated also when MaxLoneChars left items out
	// terms[i] are the distinct jieba query-mode words of Words[i], cut
	// once for both matching and highlighting; partial[i] says they leave
	// some of the word out (a stop word: 部就 -> 部).
	terms   [][]string
	partial []bool
	// loneLeft is what remains of MaxLoneChars after the typed terms;
	// synonyms may spend it (see expand).
	loneLeft int
	synonyms // empty until expand
}

// MaxLoneChars is how many lone characters a query may expand: words,
// phrases and exclusions of one character (疫, "猫", -狗), and characters
// punctuation cuts off at the edge of a quoted phrase ("发展，好"). Each
// is matched through every bigram that holds it, thousands for a common
// one (的: 145 ms on the 24k index); items past the limit are left out and
// the result says truncated.
const MaxLoneChars = 3

// analyze keeps q within MaxLoneChars and cuts every plain word with the
// query analyzer.
func analyze(q syntax.Query) (analyzed, error) {
	p := analyzed{Query: q}
	budget := MaxLoneChars
	keep := func(items []string, cost func(string) int) []string {
		out := items[:0:0]
		for _, it := range items {
			n := cost(it)
			if n > budget {
				p.Truncated = true
				continue
			}
			budget -= n
			out = append(out, it)
		}
		return out
	}
	p.Phrases = keep(p.Phrases, substringExpansions)
	p.Words = keep(p.Words, wordExpansions)
	p.Excludes = keep(p.Excludes, substringExpansions)
	p.loneLeft = budget
	p.terms = make([][]string, len(p.Words))
	p.partial = make([]bool, len(p.Words))
	for i, w := range p.Words {
		var err error
		if p.terms[i], p.partial[i], err = cutWord(w); err != nil {
			return analyzed{}, err
		}
	}
	return p, nil
}

// cutWord returns the distinct query-mode words of w, and whether they
// leave some of it out.
func cutWord(w string) (terms []string, partial bool, err error) {
	toks, err := zh.Analyze(zh.QueryAnalyzerName, w)
	if err != nil {
		return nil, false, fmt.Errorf("search: analyze %q: %w", w, err)
	}
	cut := make([]string, len(toks))
	for k, t := range toks {
		cut[k] = t.Term
	}
	partial = strings.Join(cut, "") != strings.Join(zh.WordRuns(zh.Normalize(w)), "")
	return dedupTerms(toks), partial, nil
}

// empty tells whether nothing in p scores: no words, no phrases.
func (p analyzed) empty() bool { return len(p.Words) == 0 && len(p.Phrases) == 0 }

// substringExpansions counts the dictionary expansions substringQuery
// makes of s: one for a single character, one for each edge character
// punctuation cuts off (see exactPhraseQuery).
func substringExpansions(s string) int {
	toks, err := zh.Analyze(zh.BigramAnalyzerName, s)
	switch {
	case err != nil || len(toks) == 0:
		return 0
	case len(toks) == 1:
		if isOneChar([]string{toks[0].Term}) {
			return 1
		}
		return 0
	}
	n := 0
	for _, t := range []zh.Token{toks[0], toks[len(toks)-1]} {
		if utf8.RuneCountInString(t.Term) == 1 {
			n++
		}
	}
	return n
}

// wordExpansions counts them for a plain word, as wordQuery matches it.
func wordExpansions(w string) int {
	w = trimLoneEdges(w)
	if hasNonHanWordRune(w) {
		return substringExpansions(w)
	}
	grams, err := analyzeTerms(zh.BigramAnalyzerName, w)
	if err == nil && isOneChar(grams) {
		return 1
	}
	return 0
}
