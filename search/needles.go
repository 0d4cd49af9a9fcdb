package search

import (
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/highlight"
	"github.com/xinwen-search/xinwen/search/zh"
)

// needlesOf lists what to mark for a query: each typed word and phrase as
// a whole, wherever it occurs (the search matched it as a substring), and
// the words the query analyzer cut a typed word into (an article may hold
// them apart), and the synonyms each word was searched with (matched as
// substrings too); those of ASCII letters and digits only are bounded.
func needlesOf(p analyzed) []highlight.Needle {
	var out []highlight.Needle
	for _, ph := range p.Phrases {
		out = append(out, highlight.Needle{Text: zh.Normalize(ph)})
	}
	for i, w := range p.Words {
		nw := zh.Normalize(w)
		out = append(out, highlight.Needle{Text: nw})
		for _, t := range p.terms[i] {
			if t != nw && (utf8.RuneCountInString(t) > 1 || utf8.RuneCountInString(w) == 1) {
				out = append(out, highlight.Needle{Text: t, Bounded: isASCIIWord(t)})
			}
		}
		for _, alt := range p.wordAlts(i) {
			out = append(out, highlight.Needle{Text: alt, Bounded: isASCIIWord(alt)})
		}
	}
	return out
}

// isASCIIWord tells whether s is ASCII letters and digits only.
func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIAlnum(s[i]) {
			return false
		}
	}
	return s != ""
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
