package search

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/synonym"
	"github.com/xinwen-search/xinwen/search/zh"
)

// boostSynonym weighs a synonym's match against the typed word's: a
// synonym found in an article scores about as one bigram at this boost
// (see synonymQuery), where the typed word scores as its jieba words at
// boostTitleWord/boostBodyWord plus its bigrams, so an article with the
// word as typed ranks above one with only a synonym of it.
const boostSynonym = 0.5

// synonyms are the alternatives the synonyms file gave a query: per plain
// word and per exclusion, and the list the result reports.
type synonyms struct {
	words    [][]string // words[i]: the synonyms Words[i] is searched with
	excludes [][]string // excludes[i]: those Excludes[i] excludes too
	expanded []xinwen.Expansion
}

// expand looks up every plain word and exclusion of p in rules. Quoted
// phrases are not widened: a phrase asks for that exact text. An
// exclusion, quoted or not (the syntax does not tell them apart), excludes
// the synonyms too: -新冠 means no article on it, whatever it calls it. A synonym of one character, or one punctuation cuts a
// character off (see MaxLoneChars), is searched only within what the typed
// terms left of the budget; one beyond it is left out, and not reported.
func (p *analyzed) expand(rules *synonym.Set) {
	if rules.Rules() == 0 {
		return
	}
	p.synonyms.words = make([][]string, len(p.Words))
	for i, w := range p.Words {
		p.synonyms.words[i] = p.alternatives(w, rules)
	}
	p.synonyms.excludes = make([][]string, len(p.Excludes))
	for i, x := range p.Excludes {
		p.synonyms.excludes[i] = p.alternatives(x, rules)
	}
}

// alternatives returns the synonyms of term that fit the lone-character
// budget and could find more, and records them in p.expanded. A synonym
// holding the typed word (新冠肺炎 for 新冠), or another synonym kept
// (新型冠状病毒肺炎 beside 新型冠状病毒), finds nothing they do not: a
// word matches wherever its text occurs. It is left out, which saves its
// phrase query.
func (p *analyzed) alternatives(term string, rules *synonym.Set) []string {
	typed := synonym.Fold(term)
	var fit []string
	for _, alt := range rules.Lookup(term) {
		if strings.Contains(alt, typed) {
			continue
		}
		if n := substringExpansions(alt); n <= p.loneLeft {
			p.loneLeft -= n
			fit = append(fit, alt)
		}
	}
	var out []string
	for _, alt := range fit {
		if !slices.ContainsFunc(fit, func(o string) bool { return o != alt && strings.Contains(alt, o) }) {
			out = append(out, alt)
		}
	}
	if len(out) > 0 && !slices.ContainsFunc(p.expanded, func(e xinwen.Expansion) bool { return e.From == term }) {
		p.expanded = append(p.expanded, xinwen.Expansion{From: term, To: out})
	}
	return out
}

// wordAlts and excludeAlts are the synonyms of Words[i] and Excludes[i].
func (p analyzed) wordAlts(i int) []string {
	if i < len(p.synonyms.words) {
		return p.synonyms.words[i]
	}
	return nil
}

func (p analyzed) excludeAlts(i int) []string {
	if i < len(p.synonyms.excludes) {
		return p.synonyms.excludes[i]
	}
	return nil
}

// withSynonyms matches the typed word's query typed, or any of its
// synonyms, each as an exact phrase: a synonym of several words
// (美国联邦储备委员会) must stand as written, not scattered. Bleve scales a
// disjunction by the share of its branches that matched, so an article
// with the word and a synonym gains over one with either.
func withSynonyms(typed query.Query, alts []string) query.Query {
	if len(alts) == 0 {
		return typed
	}
	qs := []query.Query{typed}
	for _, alt := range alts {
		qs = append(qs, synonymQuery(alt))
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// synonymQuery finds alt as a substring, its boost divided among the
// bigrams its phrase query sums, so a long synonym counts no more than a
// short one. A synonym of ASCII letters and digits only (ai, who, mers)
// is found as a whole word instead: the reader did not type it, and as a
// substring it would match said, whole and farmers.
func synonymQuery(alt string) query.Query {
	if isASCIIWord(alt) {
		return bleve.NewDisjunctionQuery(
			termQuery(FieldTitle, alt, boostSynonym*boostTitleWord),
			termQuery(FieldBody, alt, boostSynonym*boostBodyWord),
		)
	}
	toks, err := zh.Analyze(zh.BigramAnalyzerName, alt)
	if err != nil || len(toks) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	kept := 0
	for _, slot := range sparsePhrase(toks) {
		if len(slot) > 0 {
			kept++
		}
	}
	boost := boostSynonym / float64(kept)
	return substringQuery(alt, boost*boostTitleWord, boost*boostBodyWord)
}
