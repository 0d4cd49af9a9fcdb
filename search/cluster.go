package search

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// MaxDuplicates is how many other members of its cluster an article
// lists.
const MaxDuplicates = 100

// clusterOf is the stored cluster of an article, or its own id when it
// has none (written over HTTP before clustering, or clustering off).
func clusterOf(id string, f fieldsOf) string {
	if c := f.str(FieldCluster); c != "" {
		return c
	}
	return id
}

// duplicates lists the ids of the other members of cluster c, in date
// order, at most MaxDuplicates.
func (ix *Index) duplicates(ctx context.Context, c, except string) ([]string, error) {
	q := query.NewTermQuery(c)
	q.SetField(FieldCluster)
	sr := bleve.NewSearchRequestOptions(q, MaxDuplicates+1, 0, false)
	sr.SortBy([]string{FieldSortKey})
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: duplicates of %q: %w", except, err)
	}
	ids := []string{}
	for _, h := range res.Hits {
		if h.ID != except && len(ids) < MaxDuplicates {
			ids = append(ids, h.ID)
		}
	}
	return ids, nil
}
