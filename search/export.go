package search

import (
	"context"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/highlight"
	"github.com/xinwen-search/xinwen/search/syntax"
)

// exportPage is how many hits one step of an export asks for: what an
// export holds in memory, whatever its total.
const exportPage = 500

// Export streams every article matching req, in its order, to opt.Row,
// after opt.Begin with their number. It holds the served generation from
// the first page to the last, so a reindex published meanwhile never
// mixes into it.
func (l *Live) Export(ctx context.Context, req xinwen.SearchRequest, opt xinwen.ExportOptions) error {
	h, err := l.acquire()
	if err != nil {
		return err
	}
	defer h.mu.RUnlock()
	return h.ix.Export(ctx, req, opt)
}

// Export streams every article matching req; see Live.Export. Paging,
// facets and the freshness boost do not apply, and the query is searched
// as typed (no pinyin rewrite).
//
// It walks the matches with Bleve's search_after, one page of exportPage
// at a time, each page a fresh search that keeps only its top page: memory
// stays constant and the cost is one search per page. Date order pages on
// the unique sortkey (date, then id); relevance order on the score, then
// the sortkey as the tie-break. Scores are pooled over all shards
// (Index.globalScoring) and the generation does not change under the export, so
// a hit scores the same on every page and none is skipped or repeated.
func (ix *Index) Export(ctx context.Context, req xinwen.SearchRequest, opt xinwen.ExportOptions) error {
	req.Page, req.Size, req.After, req.CountOnly, req.NoFacets, req.Recency = 1, 0, "", false, true, false
	req, err := normalize(req)
	if err != nil {
		return err
	}
	p, err := analyze(syntax.Parse(req.Query))
	if err != nil {
		return err
	}
	p.expand(ix.syn.Rules())
	q, order, scored := buildQuery(p, req), exportOrder(p, req), !byDate(p, req)
	needles := needlesOf(p)
	var after []string
	for first := true; ; first = false {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("search: export: %w", err)
		}
		sr := bleve.NewSearchRequestOptions(q, exportPage, 0, false)
		sr.Sort, sr.SearchAfter = order, after
		sctx := ctx
		if scored {
			sctx = ix.globalScoring(ctx)
		} else {
			sr.Score = "none"
		}
		res, err := ix.alias.SearchInContext(sctx, sr)
		if err != nil {
			return fmt.Errorf("search: export: %w", err)
		}
		if first && opt.Begin != nil {
			if err := opt.Begin(res.Total); err != nil {
				return err
			}
		}
		if err := ix.exportRows(ctx, res.Hits, needles, opt); err != nil {
			return err
		}
		if len(res.Hits) < exportPage {
			return nil
		}
		after = sortValues(res.Hits[len(res.Hits)-1], order)
	}
}

// exportOrder is the order an export walks: newest first by the sortkey,
// or by score with the sortkey breaking ties, so every hit has one place.
func exportOrder(p analyzed, req xinwen.SearchRequest) bsearch.SortOrder {
	key := &bsearch.SortField{Field: FieldSortKey, Type: bsearch.SortFieldAsString, Desc: true, Missing: bsearch.SortFieldMissingLast}
	if byDate(p, req) {
		return bsearch.SortOrder{key}
	}
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, key}
}

// sortValues are the sort values of h in the form SearchAfter takes.
func sortValues(h *bsearch.DocumentMatch, order bsearch.SortOrder) []string {
	vals := make([]string, len(order))
	for i, o := range order {
		switch {
		case o.RequiresScoring():
			vals[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		case i < len(h.DecodedSort):
			vals[i] = h.DecodedSort[i]
		}
	}
	return vals
}

// exportRows loads one page's stored fields and hands each row on.
func (ix *Index) exportRows(ctx context.Context, hits []*bsearch.DocumentMatch, needles []highlight.Needle, opt xinwen.ExportOptions) error {
	stored, err := ix.loadStored(ctx, hits)
	if err != nil {
		return err
	}
	for _, h := range hits {
		f := fieldsOf(stored[h.ID])
		row := xinwen.ExportRow{
			ID: h.ID, Date: ix.formatDate(f.str(FieldDate)), Title: f.str(FieldTitle), URL: f.str(FieldURL),
			Categories: splitPath(f.str(FieldPath)), Source: f.str(FieldSource),
		}
		if opt.Body {
			row.Body = f.str(FieldBody)
		}
		if opt.Snippet {
			row.Snippet = highlight.Snippet(f.str(FieldBody), needles)
		}
		if err := opt.Row(row); err != nil {
			return err
		}
	}
	return nil
}
