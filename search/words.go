package search

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/words"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Words lists candidate new words in the served articles dated from..to
// (zero: unbounded), up to size (see package words). It holds the served
// generation for both of its walks.
func (l *Live) Words(ctx context.Context, from, to time.Time, size int) ([]words.Candidate, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	return h.ix.Words(ctx, from, to, size)
}

// Words lists candidate new words in ix's articles; see Live.Words.
// Words in the dictionaries, user dictionaries and the live word list of
// the shared segmenter are known.
func (ix *Index) Words(ctx context.Context, from, to time.Time, size int) ([]words.Candidate, error) {
	seg, err := zh.Default()
	if err != nil {
		return nil, err
	}
	walk := func(fn func(words.Article) error) error { return ix.eachArticle(ctx, from, to, fn) }
	return words.Find(ctx, walk, words.Options{Size: size, Known: seg.Known})
}

// eachArticle streams the stored title, body and date of every article
// dated from..to, one page of exportPage at a time in sortkey order.
func (ix *Index) eachArticle(ctx context.Context, from, to time.Time, fn func(words.Article) error) error {
	var q query.Query = bleve.NewMatchAllQuery()
	if !from.IsZero() || !to.IsZero() {
		incl := true
		dq := bleve.NewDateRangeInclusiveQuery(from, to, &incl, &incl)
		dq.SetField(FieldDate)
		q = dq
	}
	var after []string
	for {
		sr := bleve.NewSearchRequestOptions(q, exportPage, 0, false)
		sr.Fields = []string{FieldTitle, FieldBody, FieldDate}
		sr.Sort, sr.SearchAfter, sr.Score = exportOrder(analyzed{}, xinwen.SearchRequest{}), after, "none"
		res, err := ix.alias.SearchInContext(ctx, sr)
		if err != nil {
			return fmt.Errorf("search: words: %w", err)
		}
		for _, h := range res.Hits {
			f := fieldsOf(h.Fields)
			d, _ := time.Parse(time.RFC3339Nano, f.str(FieldDate))
			if err := fn(words.Article{Title: f.str(FieldTitle), Body: f.str(FieldBody), Date: d}); err != nil {
				return err
			}
		}
		if len(res.Hits) < exportPage {
			return nil
		}
		after = sortValues(res.Hits[len(res.Hits)-1], sr.Sort)
	}
}
