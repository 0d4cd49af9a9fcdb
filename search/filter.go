package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xinwen-search/xinwen"
)

// filterQueries turns the request's filters into must-clauses.
func filterQueries(req xinwen.SearchRequest) []query.Query {
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
		out = append(out, &dateRangeQuery{from: req.From, to: req.To})
	}
	if req.Cluster != "" {
		q := bleve.NewTermQuery(req.Cluster)
		q.SetField(FieldCluster)
		q.SetBoost(0)
		out = append(out, q)
	}
	return out
}

// normalizeCategory accepts "a/b", "a > b" and " a / b " alike, each level
// folded as newRecord indexes it (categoryLevel).
func normalizeCategory(c string) string {
	levels := xinwen.SplitCategory(strings.ReplaceAll(c, ">", xinwen.CategorySep))
	out := levels[:0]
	for _, l := range levels {
		if l = categoryLevel(l); l != "" {
			out = append(out, l)
		}
	}
	return xinwen.JoinCategory(out)
}
