package eval

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/indexer"
	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Query is one search: a quoted phrase, or words separated by spaces that
// must all match.
type Query struct {
	Text   string
	Phrase bool
}

// Engine is one search engine under evaluation.
type Engine interface {
	Name() string
	// All returns the id of every matching article and the total the
	// engine reported for the query.
	All(ctx context.Context, q Query) (ids []string, total uint64, err error)
	// Top returns the ids of the first k hits, best first.
	Top(ctx context.Context, q Query, k int) ([]string, error)
	// SizeBytes is the index's size on disk.
	SizeBytes() int64
	Close() error
}

// Engine names, as the table shows them.
const (
	NameXinwen = "xinwen"
	NameCJK    = "Bleve cjk"
	NameJieba  = "jieba words"
	NamePhrase = "cjk, words contiguous"
)

// xinwenEngine is the product: indexer.Build, then search.Index.Search.
type xinwenEngine struct {
	ix *search.Index
}

var _ Engine = (*xinwenEngine)(nil)

// buildXinwen indexes jsonl with xinwen's own indexer into dir and opens
// the published generation.
func buildXinwen(ctx context.Context, dir, jsonl string, docs int, zone *time.Location, log *slog.Logger) (*xinwenEngine, error) {
	seg, err := zh.Default()
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	// Every engine must index the same articles: the near-duplicate rule
	// would otherwise drop some that the truth and the baselines hold.
	cfg := indexer.Config{Dir: dir, Sources: []string{jsonl}, DictVersion: seg.Version(),
		KeepDuplicates: true, Zone: zone, Log: log}
	if _, err := indexer.Build(ctx, cfg); err != nil {
		return nil, fmt.Errorf("eval: build xinwen: %w", err)
	}
	gen, err := generation.Current(dir)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	ix, err := search.Open(gen, search.Options{DictVersion: seg.Version()})
	if err != nil {
		return nil, fmt.Errorf("eval: open xinwen: %w", err)
	}
	if n := ix.Stats().Docs; n != uint64(docs) {
		ix.Close()
		return nil, fmt.Errorf("eval: xinwen indexed %d articles of %d: the engines would not compare", n, docs)
	}
	return &xinwenEngine{ix: ix}, nil
}

func (e *xinwenEngine) Name() string     { return NameXinwen }
func (e *xinwenEngine) SizeBytes() int64 { return e.ix.Stats().SizeBytes }
func (e *xinwenEngine) Close() error     { return e.ix.Close() }
func (e *xinwenEngine) text(q Query) string {
	if q.Phrase {
		return `"` + q.Text + `"`
	}
	return q.Text
}

// All pages through every hit with the API's own cursor, 100 at a time, as
// a client exporting results would: cursors page through date order only,
// so the hits come newest first. The cursor is part of what is measured.
// Recall counts articles, so near-duplicates are not collapsed.
func (e *xinwenEngine) All(ctx context.Context, q Query) ([]string, uint64, error) {
	req := xinwen.SearchRequest{Query: e.text(q), Size: xinwen.MaxSize, Sort: xinwen.SortDate, NoFacets: true, NoCollapse: true}
	var ids []string
	var total uint64
	for page := 0; ; page++ {
		res, err := e.ix.Search(ctx, req)
		if err != nil {
			return nil, 0, fmt.Errorf("eval: xinwen %q: %w", req.Query, err)
		}
		total = res.Total
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		// The page bound stops a cursor that never ends; the caller sees
		// the disagreement between total and hits.
		if res.NextCursor == "" || len(res.Hits) == 0 || uint64(page) > total/xinwen.MaxSize+1 {
			return ids, total, nil
		}
		req.After = res.NextCursor
	}
}

// Top is the first k hits in relevance order. They are not collapsed: a
// known item's target must not hide behind a copy of its story, and the
// baselines have no stories.
func (e *xinwenEngine) Top(ctx context.Context, q Query, k int) ([]string, error) {
	res, err := e.ix.Search(ctx, xinwen.SearchRequest{Query: e.text(q), Size: k, NoFacets: true, NoCollapse: true})
	if err != nil {
		return nil, fmt.Errorf("eval: xinwen %q: %w", q.Text, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}
