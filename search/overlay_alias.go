package search

import (
	"context"
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// shadowed is a generation's shards with the overlay's ids hidden.
type shadowed struct {
	genAlias // the generation's alias; its other methods pass through
	ov       *overlay
}

// genAlias names the embedded index: embedded as bleve.Index, the
// field would hide the Index method.
type genAlias = bleve.Index

func (s shadowed) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return s.SearchInContext(context.Background(), req)
}

func (s shadowed) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	ids := s.ov.hiddenIDs()
	if len(ids) == 0 {
		return s.genAlias.SearchInContext(ctx, req)
	}
	r := *req
	r.Query = hide(req.Query, ids)
	return s.genAlias.SearchInContext(ctx, &r)
}

// hide excludes ids from q's matches without changing its scores. The
// one-clause conjunction keeps a query that matches nothing from turning
// into "everything but ids" (Bleve drops a match-none must clause).
func hide(q query.Query, ids []string) query.Query {
	return &query.BooleanQuery{
		Must:    query.NewConjunctionQuery([]query.Query{q}),
		MustNot: query.NewDocIDQuery(ids),
	}
}

// DocCount counts the generation's articles that are not hidden.
func (s shadowed) DocCount() (uint64, error) {
	n, err := s.genAlias.DocCount()
	ids := s.ov.hiddenIDs()
	if err != nil || len(ids) == 0 {
		return n, err
	}
	res, err := s.genAlias.Search(bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), 0, 0, false))
	if err != nil {
		return 0, fmt.Errorf("search: count hidden: %w", err)
	}
	return n - res.Total, nil
}

// withOverlay returns a view of ix that searches the overlay too. The
// view shares ix's shards: closing either closes them.
func (ix *Index) withOverlay(ov *overlay) *Index {
	v := *ix
	alias := bleve.NewIndexAlias(shadowed{genAlias: ix.alias, ov: ov})
	if o := ov.index(); o != nil {
		alias.Add(o)
	}
	v.alias = strictAlias{alias}
	return &v
}

// strictAlias fails a search when any index under it failed. Bleve's
// alias reports a failed shard (a deadline, a canceled request, an I/O
// error) only in the result's Status and answers with the other shards'
// hits: a timed-out search would pass for a complete one.
type strictAlias struct{ bleve.IndexAlias }

func (a strictAlias) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return a.SearchInContext(context.Background(), req)
}

func (a strictAlias) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := a.IndexAlias.SearchInContext(ctx, req)
	if err != nil || res.Status == nil || res.Status.Failed == 0 {
		return res, err
	}
	errs := make([]error, 0, len(res.Status.Errors))
	for _, e := range res.Status.Errors {
		errs = append(errs, e)
	}
	if len(errs) == 0 {
		errs = append(errs, errors.New("unknown error"))
	}
	return nil, fmt.Errorf("%d of %d indexes failed: %w", res.Status.Failed, res.Status.Total, errors.Join(errs...))
}
