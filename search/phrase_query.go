package search

import (
	"context"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// exactPhraseQuery matches the terms of a phrase at fixed position offsets in
// one field: what Bleve's MultiPhraseQuery does with one term per slot,
// at a fraction of the cost. Bleve's phrase searcher turns every
// candidate's term locations into maps of maps and walks phrase paths
// through them; on a phrase whose bigrams are in nearly every article
// (新闻联播, 央视网 in xwlb) that was 20-30 ms. Here a candidate is checked
// on its position lists directly, and the locations are dropped from the
// hit, so nothing downstream copies them.
//
// The score is the conjunction of the terms' scores, as in Bleve.
//
// A phrase may begin or end with one character that punctuation cuts off
// ("好，发展", "发展，好"). The text need not hold that character alone:
// in "很好，发展" it ends the bigram 很好, in "发展，好的" it begins 好的, at
// the same position the phrase gives it. Such an edge slot therefore
// matches the character or any bigram that ends (first slot) or begins
// (last slot) with it.
//
// Punctuation or space inside a phrase ("经济，社会") leaves a fixed gap of
// positions between its word runs, and a gap that size also lies between
// the bigrams of "经济和社会": positions cannot tell the two apart. Such a
// phrase is checked against the article's stored text as well (verify),
// only where its positions matched.
type exactPhraseQuery struct {
	field  string
	terms  []string // in phrase order
	offs   []uint64 // position of each term relative to the first
	expand []edge   // per term: how an edge character widens
	boost  float64
	// stored and runs, when set: the stored field holding the text and
	// the phrase's word runs, which must follow one another with only
	// punctuation or space between (zh.HasRuns).
	stored string
	runs   []string
	// within, when set, are the only documents (by id) the phrase is
	// checked in: a check of a few known hits must not walk the archive's
	// candidates to its first match (withinIDs).
	within []string
}

// withinIDs restricts every exact phrase of q (q itself, or the
// disjuncts of a disjunction) to the documents ids; q is returned.
func withinIDs(q query.Query, ids []string) query.Query {
	switch q := q.(type) {
	case *exactPhraseQuery:
		q.within = ids
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			withinIDs(d, ids)
		}
	}
	return q
}

var _ query.FieldableQuery = (*exactPhraseQuery)(nil)

// edge says which terms an edge slot's single character stands for.
type edge int

const (
	exact      edge = iota // the term itself
	endsWith               // the character, or a bigram ending with it
	startsWith             // the character, or a term starting with it
)

// newExactPhrase takes sparsePhrase's slots: one term or none per
// position.
func newExactPhrase(field string, slots [][]string, boost float64) *exactPhraseQuery {
	q := &exactPhraseQuery{field: field, boost: boost}
	for off, slot := range slots {
		if len(slot) == 1 && slot[0] != "" {
			q.terms = append(q.terms, slot[0])
			q.offs = append(q.offs, uint64(off))
			q.expand = append(q.expand, exact)
		}
	}
	return q
}

// widenEdges lets a first or last term of one character stand for the
// bigrams that hold it at that end (see exactPhraseQuery).
func (q *exactPhraseQuery) widenEdges() {
	if len(q.terms) < 2 {
		return
	}
	if utf8.RuneCountInString(q.terms[0]) == 1 {
		q.expand[0] = endsWith
	}
	if last := len(q.terms) - 1; utf8.RuneCountInString(q.terms[last]) == 1 {
		q.expand[last] = startsWith
	}
}

// Field and SetField make the query a bleve FieldableQuery, so that the
// alias gathers BM25 statistics for its field.
func (q *exactPhraseQuery) Field() string      { return q.field }
func (q *exactPhraseQuery) SetField(f string)  { q.field = f }
func (q *exactPhraseQuery) SetBoost(b float64) { q.boost = b }
func (q *exactPhraseQuery) Boost() float64     { return q.boost }

// Searcher implements query.Query: see newExactPhraseSearcher.
func (q *exactPhraseQuery) Searcher(ctx context.Context, i index.IndexReader, _ mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return newExactPhraseSearcher(ctx, i, q, options)
}
