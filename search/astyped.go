package search

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh"
)

// A typed word that jieba cuts into several words (常务会议审议, or a
// pasted headline) matches wherever its words or bigrams occur, so the
// article holding it as typed can rank below a longer one that repeats its
// words, or below one whose title holds a few of them. The Bleve query
// rewards the as-typed form only for words of up to maxExactBonusWords
// jieba words (asking every candidate for a pasted sentence tripled the
// long queries' p99), and that bonus is a should clause that BM25
// normalises down in a long 快讯 bundle. So the best asTypedWindow hits
// (recencyWindow when the recency boost re-ranks too) are checked, by a
// second search of their ids for each such word as typed, and those that
// hold more of them move ahead of those that hold fewer.

// asTypedWindow is how many of the first hits the as-typed check sees:
// each one is an id the search loads and a candidate the phrase checks.
const asTypedWindow = 50

// multiWords are the typed words of more than one jieba word: those whose
// as-typed form says more than their words.
func (p analyzed) multiWords() []string {
	var out []string
	for i, w := range p.Words {
		if len(p.terms[i]) > 1 {
			out = append(out, w)
		}
	}
	return out
}

// wantAsTyped tells whether a search re-ranks its first hits by the
// as-typed check: relevance order, a word of several jieba words, and a
// page within the window.
func wantAsTyped(p analyzed, req xinwen.SearchRequest) bool {
	return !req.CountOnly && !byDate(p, req) && req.After == "" &&
		req.Page*req.Size <= asTypedWindow && len(p.multiWords()) > 0
}

// asTypedRerank adds to each hit the best score of the window once for
// typed word of several jieba words it holds as typed (title or body,
// punctuation as typed), so that they rank first and keep their order among themselves; the
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
	for _, w := range p.multiWords() {
		q := bleve.NewConjunctionQuery(query.NewDocIDQuery(ids), withinIDs(substringQuery(w, 1, 1), ids))
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
	whole, err := ix.titledAs(ctx, held, p)
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		h.Score += top * float64(held[h.ID])
		if whole[h.ID] {
			h.Score += top / 2
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	return hits, nil
}

// titledAs tells which of the held hits, when there are several, have the
// typed words (spaces aside) for their whole title: a pasted headline
// finds its own article before one whose longer title holds it
// (金融服务实体经济质效不断提升 before 一季度金融服务实体经济质效不断提升).
// Half the window's best score keeps them below hits that hold more of
// the typed words.
func (ix *Index) titledAs(ctx context.Context, held map[string]int, p analyzed) (map[string]bool, error) {
	if len(held) < 2 {
		return nil, nil
	}
	ids := make([]string, 0, len(held))
	for id := range held {
		ids = append(ids, id)
	}
	sr := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	sr.Fields, sr.Score = []string{FieldTitle}, "none"
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: as typed titles: %w", err)
	}
	typed := withoutSpace(zh.Normalize(strings.Join(p.Words, "")))
	out := map[string]bool{}
	for _, h := range res.Hits {
		if t, ok := h.Fields[FieldTitle].(string); ok && withoutSpace(zh.Normalize(t)) == typed {
			out[h.ID] = true
		}
	}
	return out, nil
}

func withoutSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// pageOf cuts the requested page from a re-ranked window.
func pageOf(hits []*bsearch.DocumentMatch, req xinwen.SearchRequest) []*bsearch.DocumentMatch {
	from := (req.Page - 1) * req.Size
	if from >= len(hits) {
		return nil
	}
	return hits[from:min(len(hits), from+req.Size)]
}
