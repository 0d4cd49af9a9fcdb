package search

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/xinwen-search/xinwen"
)

// A typed word of more than maxExactBonusWords jieba words is usually a
// pasted headline or sentence. Its bigrams all match anywhere in an
// article, so the one article holding it as typed can rank below a longer
// one that repeats its words. Asking every candidate for the exact string
// in the Bleve query tripled the long queries' p99; instead the best
// asTypedWindow hits (recencyWindow when the recency boost re-ranks too)
// are checked, by a second search of their ids for the
// exact phrase, and those that hold it move ahead of those that do not.

// asTypedWindow is how many of the first hits the as-typed check sees:
// each one is an id the search loads and a candidate the phrase checks.
const asTypedWindow = 50

// longWords are the typed words too long for the as-typed bonus of the
// Bleve query (textQuery).
func (p analyzed) longWords() []string {
	var out []string
	for i, w := range p.Words {
		if len(p.terms[i]) > maxExactBonusWords {
			out = append(out, w)
		}
	}
	return out
}

// wantAsTyped tells whether a search re-ranks its first hits by the
// as-typed check: relevance order, a long word, and a page within the
// window.
func wantAsTyped(p analyzed, req xinwen.SearchRequest) bool {
	return !req.CountOnly && !byDate(p, req) && req.After == "" &&
		req.Page*req.Size <= asTypedWindow && len(p.longWords()) > 0
}

// asTypedRerank adds to each hit the best score of the window once for
// every long word it holds as typed (title or body, punctuation as typed),
// so that they rank first and keep their order among themselves; the
// others keep theirs below them.
func (ix *Index) asTypedRerank(ctx context.Context, hits []*bsearch.DocumentMatch, p analyzed) ([]*bsearch.DocumentMatch, error) {
	if len(hits) == 0 {
		return hits, nil
	}
	ids := make([]string, len(hits))
	top := 0.0
	for i, h := range hits {
		ids[i] = h.ID
		top = max(top, h.Score)
	}
	held := map[string]int{}
	for _, w := range p.longWords() {
		q := bleve.NewConjunctionQuery(query.NewDocIDQuery(ids), substringQuery(w, 1, 1))
		sr := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
		sr.Score = "none"
		res, err := ix.alias.SearchInContext(ctx, sr)
		if err != nil {
			return nil, fmt.Errorf("search: as typed: %w", err)
		}
		for _, h := range res.Hits {
			held[h.ID]++
		}
	}
	if len(held) == 0 {
		return hits, nil
	}
	for _, h := range hits {
		h.Score += top * float64(held[h.ID])
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	return hits, nil
}

// pageOf cuts the requested page from a re-ranked window.
func pageOf(hits []*bsearch.DocumentMatch, req xinwen.SearchRequest) []*bsearch.DocumentMatch {
	from := (req.Page - 1) * req.Size
	if from >= len(hits) {
		return nil
	}
	return hits[from:min(len(hits), from+req.Size)]
}
