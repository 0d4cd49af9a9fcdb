package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xinwen-search/xinwen/search/zh"
)

// Boosts: whole-word matches outrank substring-only ones, titles outrank
// bodies, and a query's words standing together outrank scattered ones.
const (
	boostTitleWord   = 2.0
	boostBodyWord    = 1.0
	boostTitleNgram  = 0.6
	boostBodyNgram   = 0.3
	boostTitlePhrase = 2.0
	boostBodyPhrase  = 1.0
	boostProximity   = 1.5
)

// parsed is a query string taken apart by the query syntax.
type parsed struct {
	words     []string // plain words: all must match, as words or substrings
	phrases   []string // "quoted": exact contiguous match
	excludes  []string // -word or -"phrase"
	truncated bool     // the query exceeded MaxQueryRunes or MaxTerms
}

func (p parsed) empty() bool { return len(p.words) == 0 && len(p.phrases) == 0 }

// quotePairs maps each opening quote the search box may receive to its
// closing quote: ASCII, full-width and Chinese quotes.
var quotePairs = map[rune]rune{'"': '"', '＂': '＂', '“': '”', '「': '」', '『': '』'}

// parseQuery splits q into words, phrases and exclusions. It never fails on
// what a reader might type: an unclosed quote runs to the end, and an
// over-long query is cut to the limits and flagged.
func parseQuery(q string) parsed {
	var p parsed
	if utf8.RuneCountInString(q) > MaxQueryRunes {
		q = string([]rune(q)[:MaxQueryRunes])
		p.truncated = true
	}
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if isSpace(rs[i]) {
			i++
			continue
		}
		neg := false
		if rs[i] == '-' && i+1 < len(rs) && !isSpace(rs[i+1]) {
			neg = true
			i++
		}
		var term string
		phrase := false
		if closeQ, ok := quotePairs[rs[i]]; ok {
			j := i + 1
			for j < len(rs) && rs[j] != closeQ {
				j++
			}
			term, phrase = strings.TrimSpace(string(rs[i+1:j])), true
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !isSpace(rs[j]) {
				j++
			}
			term = string(rs[i:j])
			i = j
		}
		if term == "" || !hasWordRune(term) {
			continue
		}
		if len(p.words)+len(p.phrases)+len(p.excludes) >= MaxTerms {
			p.truncated = true
			break
		}
		switch {
		case neg:
			p.excludes = append(p.excludes, term)
		case phrase:
			p.phrases = append(p.phrases, term)
		default:
			p.words = append(p.words, term)
		}
	}
	return p
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// textQuery builds the scoring part of a search: nil when p is empty.
func textQuery(p parsed) (query.Query, error) {
	if p.empty() {
		return nil, nil
	}
	b := bleve.NewBooleanQuery()
	for _, w := range p.words {
		q, err := wordQuery(w)
		if err != nil {
			return nil, err
		}
		b.AddMust(q)
	}
	for _, ph := range p.phrases {
		b.AddMust(substringQuery(ph, boostTitlePhrase, boostBodyPhrase))
	}
	if len(p.words) > 1 {
		b.AddShould(substringQuery(strings.Join(p.words, ""), boostProximity*boostTitlePhrase, boostProximity*boostBodyPhrase))
	}
	for _, x := range p.excludes {
		b.AddMustNot(substringQuery(x, 1, 1))
	}
	return b, nil
}

// wordQuery matches one typed word: either all of its jieba words (in title
// or body), or the word as an exact substring through the bigram fields.
// The substring branch guarantees that any text the article contains is
// found; the word branch scores higher.
func wordQuery(w string) (query.Query, error) {
	toks, err := zh.Analyze(zh.QueryAnalyzerName, w)
	if err != nil {
		return nil, fmt.Errorf("search: analyze %q: %w", w, err)
	}
	alts := []query.Query{substringQuery(w, boostTitleNgram, boostBodyNgram)}
	if len(toks) > 0 {
		all := bleve.NewConjunctionQuery()
		for _, t := range dedupTerms(toks) {
			all.AddQuery(bleve.NewDisjunctionQuery(
				termQuery(FieldTitle, t, boostTitleWord),
				termQuery(FieldBody, t, boostBodyWord),
			))
		}
		alts = append(alts, all)
	}
	return bleve.NewDisjunctionQuery(alts...), nil
}

// substringQuery matches text containing s contiguously (after
// normalization) in the title or the body.
func substringQuery(s string, titleBoost, bodyBoost float64) query.Query {
	return bleve.NewDisjunctionQuery(
		phraseQuery(FieldTitleNgram, s, titleBoost),
		phraseQuery(FieldBodyNgram, s, bodyBoost),
	)
}

func phraseQuery(field, s string, boost float64) query.Query {
	q := bleve.NewMatchPhraseQuery(s)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func termQuery(field, term string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func dedupTerms(toks []zh.Token) []string {
	seen := make(map[string]bool, len(toks))
	var out []string
	for _, t := range toks {
		if !seen[t.Term] {
			seen[t.Term] = true
			out = append(out, t.Term)
		}
	}
	return out
}

// filterQueries turns the request's filters into must-clauses.
func filterQueries(req Request) []query.Query {
	var out []query.Query
	if len(req.Categories) > 0 {
		cats := make([]query.Query, 0, len(req.Categories))
		for _, c := range req.Categories {
			q := bleve.NewTermQuery(normalizeCategory(c))
			q.SetField(FieldCategory)
			q.SetBoost(0)
			cats = append(cats, q)
		}
		out = append(out, bleve.NewDisjunctionQuery(cats...))
	}
	if !req.From.IsZero() || !req.To.IsZero() {
		incl := true
		q := bleve.NewDateRangeInclusiveQuery(req.From, req.To, &incl, &incl)
		q.SetField(FieldDate)
		q.SetBoost(0)
		out = append(out, q)
	}
	return out
}

// normalizeCategory accepts "a/b", "a > b" and " a / b " alike.
func normalizeCategory(c string) string {
	c = strings.ReplaceAll(c, ">", categorySep)
	parts := strings.Split(c, categorySep)
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, categorySep)
}
