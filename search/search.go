package search

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/highlight"
	"github.com/xinwen-search/xinwen/search/syntax"
)

// Facet and re-ranking sizes.
const (
	recencyWindow   = 200 // hits re-ranked by the freshness boost
	recencyHalfLife = 60 * 24 * time.Hour
)

// searchOnce runs one request for its query as typed.
func (ix *Index) searchOnce(ctx context.Context, req xinwen.SearchRequest) (*xinwen.Result, error) {
	start := time.Now()
	req, err := normalize(req)
	if err != nil {
		return nil, err
	}
	p, err := analyze(syntax.Parse(req.Query))
	if err != nil {
		return nil, err
	}
	p.expand(ix.syn.Rules())
	q := buildQuery(p, req)
	window := 0
	if collapses(req) {
		window = ix.collapseWindow(p, req)
	}
	for {
		out, full, err := ix.searchWindow(ctx, q, p, req, window)
		if err != nil || window == 0 || !full || window >= xinwen.MaxWindow {
			if out != nil {
				out.TookMS = float64(time.Since(start).Microseconds()) / 1000
			}
			return out, err
		}
		window = min(xinwen.MaxWindow, window*4)
	}
}

// searchWindow runs the search; collapsed (window > 0), it cuts its page
// of stories from the first window ranked hits, and reports whether that
// window was too small to fill it.
func (ix *Index) searchWindow(ctx context.Context, q query.Query, p analyzed, req xinwen.SearchRequest, window int) (*xinwen.Result, bool, error) {
	sr, rerank, err := ix.searchRequest(q, p, req, window)
	if err != nil {
		return nil, false, err
	}
	asTyped := wantAsTyped(p, req)
	if req.CountOnly {
		// Counts need neither hits nor scores.
		sr.Size, sr.From, sr.SearchAfter, sr.Score, rerank = 0, 0, nil, "none", false
	}
	sctx, count := ctx, (*hitCount)(nil)
	if sr.Score != "none" {
		sctx = ix.globalScoring(ctx)
	}
	counted := !req.NoFacets || req.Histogram != "" || !req.NoCollapse
	if counted || byDate(p, req) {
		count = ix.facets.newCount(req.Histogram, !req.NoCollapse)
		count.dateOrder = byDate(p, req)
		count.lazyIDs = len(sr.Fields) == 0 && sr.Highlight == nil // Bleve loads fields by id
		sctx = context.WithValue(sctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(count.handlerMaker))
	}
	res, err := ix.alias.SearchInContext(sctx, sr)
	if err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	hits := []*bsearch.DocumentMatch(res.Hits)
	full := len(hits) == sr.Size
	cut := req
	if window > 0 {
		cut = wholeWindow(req, len(hits))
	}
	if asTyped {
		if err := ix.stored.resolveIDs(hits); err != nil {
			return nil, false, err
		}
		if hits, err = ix.asTypedRerank(ctx, hits, p); err != nil {
			return nil, false, err
		}
	}
	if rerank {
		hits = ix.recencyRerank(hits, cut)
	} else if asTyped {
		hits = pageOf(hits, cut)
	}
	var others map[string]int
	var clusters []string
	if window > 0 {
		if hits, clusters, others, err = ix.collapse(ctx, q, hits, req, count.stories); err != nil {
			return nil, false, err
		}
		full = full && len(hits) < req.Size
	}
	if err := ix.stored.resolveIDs(hits); err != nil {
		return nil, false, err
	}
	stored, err := ix.loadStored(ctx, hits)
	if err != nil {
		return nil, false, err
	}
	out := &xinwen.Result{Total: res.Total, Page: req.Page, Size: req.Size, Truncated: p.Truncated, Expanded: p.expanded}
	needles := needlesOf(p)
	out.Hits = make([]xinwen.Hit, 0, len(hits))
	for i, h := range hits {
		hit := ix.hit(h, stored[h.ID], needles)
		if clusters != nil {
			hit.Duplicates = max(others[clusters[i]]-1, 0)
		}
		out.Hits = append(out.Hits, hit)
	}
	if byDate(p, req) && !req.CountOnly && len(hits) == req.Size && uint64(req.Page*req.Size) < res.Total {
		out.NextCursor = encodeCursor(hits[len(hits)-1], sr.Sort)
	}
	out.Facets = xinwen.Facets{Categories: []xinwen.FacetValue{}, Months: []xinwen.FacetValue{}}
	if counted {
		out.Facets = count.facets(cmp.Or(req.FacetSize, xinwen.DefaultFacetSize))
		if count.stories != nil {
			out.TotalClusters = count.stories.total()
		}
	}
	return out, full, nil
}

// collapse keeps the first hit of each story in the ranked window, cuts
// the page, and gives each shown story its number of matches, from the
// counts the search made of every match (stories; Bleve's collector
// hands our counter every match, those before a cursor too), without
// searching again.
func (ix *Index) collapse(ctx context.Context, q query.Query, hits []*bsearch.DocumentMatch, req xinwen.SearchRequest, stories *storyCount) ([]*bsearch.DocumentMatch, []string, map[string]int, error) {
	hits, clusters, err := ix.storiesOf(ctx, hits)
	if err != nil {
		return nil, nil, nil, err
	}
	if req.After != "" {
		after, _ := decodeCursor(req.After, 1)
		if hits, clusters, err = ix.newerThan(ctx, q, after[0], hits, clusters); err != nil {
			return nil, nil, nil, err
		}
	}
	from := (req.Page - 1) * req.Size
	if req.After != "" {
		from = 0
	}
	from = min(from, len(hits))
	to := min(len(hits), from+req.Size)
	hits, clusters = hits[from:to], clusters[from:to]
	others := map[string]int{}
	for _, c := range clusters {
		// Most stories have one article and need no count of copies;
		// a story of one tabled article may have been joined by one
		// written over HTTP since.
		if ix.facets.clusters.shared(c) || stories.joinedIn(c) {
			others[c] = stories.matches(c)
		}
	}
	return hits, clusters, others, nil
}

// globalScoring asks the alias for BM25 statistics over all shards, so a
// document's score does not depend on which shard its id hashed to. The
// statistics of the body's bigrams, which Bleve does not hold in the
// shards, come with the context (ngramCardinalityKey).
func (ix *Index) globalScoring(ctx context.Context) context.Context {
	ctx = context.WithValue(ctx, ngramCardinalityKey{}, ix.ngramTerms)
	return context.WithValue(ctx, bsearch.SearchTypeKey, bsearch.GlobalScoring)
}

// normalize applies the rules every request obeys, then moves its date
// bounds within what Bleve takes.
func normalize(req xinwen.SearchRequest) (xinwen.SearchRequest, error) {
	req, err := req.Normalize()
	if err != nil {
		return req, fmt.Errorf("search: %w", err)
	}
	req.From, req.To = clampDate(req.From), clampDate(req.To)
	return req, nil
}

// A filter bound outside the dates Bleve's range queries take (1677-12-01
// to 2262-04-11, nanoseconds in an int64) would fail the search, so it is
// moved to the nearest one: the index holds no article beyond them.
var (
	minIndexDate = query.MinRFC3339CompatibleTime
	maxIndexDate = query.MaxRFC3339CompatibleTime
)

func clampDate(t time.Time) time.Time {
	switch {
	case t.IsZero():
		return t
	case t.Before(minIndexDate):
		return minIndexDate
	case t.After(maxIndexDate):
		return maxIndexDate
	}
	return t
}

func buildQuery(p analyzed, req xinwen.SearchRequest) query.Query {
	text := textQuery(p)
	must := filterQueries(req)
	if text != nil {
		must = append(must, text)
	}
	switch len(must) {
	case 0:
		return bleve.NewMatchAllQuery()
	case 1:
		return must[0]
	}
	return bleve.NewConjunctionQuery(must...)
}

// byDate tells whether hits come newest first: asked for, or browsing.
// Without words or phrases relevance has nothing to rank by (filters and
// exclusions do not score), so browsing is date order whatever the sort.
func byDate(p analyzed, req xinwen.SearchRequest) bool {
	return req.Sort == xinwen.SortDate || p.empty()
}

// searchRequest shapes the Bleve request: paging or cursor, sort, facets.
// It reports whether the hits must be re-ranked for freshness.
func (ix *Index) searchRequest(q query.Query, p analyzed, req xinwen.SearchRequest, window int) (*bleve.SearchRequest, bool, error) {
	byDate := byDate(p, req)
	from := (req.Page - 1) * req.Size
	rerank := recencyReranks(p, req)
	size := req.Size
	if rerank {
		size, from = recencyWindow, 0
	} else if wantAsTyped(p, req) {
		size, from = asTypedWindow, 0
	}
	if window > 0 {
		// Collapsed: the page is cut from a window of stories.
		size, from = max(size, window), 0
	}
	sr := bleve.NewSearchRequestOptions(q, size, from, false)
	if rerank {
		sr.Fields = []string{FieldDate}
	}
	if byDate {
		// Date order needs no relevance: like Elasticsearch sorting on a
		// field, it skips scoring (hits carry score 0).
		sr.Score = "none"
		// Newest first by sortkey, read from the facet tables by the hit
		// counter searchWindow installs (dateOrder).
		sr.SortByCustom(bsearch.SortOrder{&dateOrder{}})
	} else {
		// Score alone: a tie-break on _id would load every hit's stored
		// id. Cursors are therefore offered for date order only.
		sr.SortBy([]string{"-_score"})
	}
	if req.After != "" {
		if !byDate {
			return nil, false, fmt.Errorf("after: cursors page through sort=date only: %w", xinwen.ErrBadQuery)
		}
		after, err := decodeCursor(req.After, len(sr.Sort))
		if err != nil {
			return nil, false, err
		}
		sr.From = 0
		sr.SearchAfter = after
	}
	return sr, rerank, nil
}

// recencyReranks tells whether the hits of req are re-ranked by their
// freshness (recencyRerank).
func recencyReranks(p analyzed, req xinwen.SearchRequest) bool {
	return req.Recency && !byDate(p, req) && req.After == "" && req.Page*req.Size <= recencyWindow
}

// reranks tells whether the hits of req are re-ranked within a window.
func reranks(p analyzed, req xinwen.SearchRequest) bool {
	return recencyReranks(p, req) || wantAsTyped(p, req)
}

// recencyRerank multiplies each score by 1 + 0.5^(age/half-life), so an
// article from today counts double and one from four months ago barely
// gains, then cuts the requested page from the re-ordered window.
func (ix *Index) recencyRerank(hits []*bsearch.DocumentMatch, req xinwen.SearchRequest) []*bsearch.DocumentMatch {
	now := time.Now()
	for _, h := range hits {
		if d, err := time.Parse(time.RFC3339Nano, fieldsOf(h.Fields).str(FieldDate)); err == nil {
			age := max(now.Sub(d), 0)
			h.Score *= 1 + math.Pow(0.5, float64(age)/float64(recencyHalfLife))
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	from := (req.Page - 1) * req.Size
	if from >= len(hits) {
		return nil
	}
	return hits[from:min(len(hits), from+req.Size)]
}

// loadStored fetches the stored fields of the hits shown, after ranking:
// asked of the ranking search itself, every shard would decode the bodies
// of its own from+size best hits, most of them never shown. Hits of the
// generation's segments are read where the search found them
// (stored.go); the others by id.
func (ix *Index) loadStored(ctx context.Context, hits []*bsearch.DocumentMatch) (map[string]fieldsOf, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	out := make(map[string]fieldsOf, len(hits))
	var ids []string
	for _, h := range hits {
		if f, ok := ix.stored.fields(h, storedFields); ok {
			out[h.ID] = f
			continue
		}
		ids = append(ids, h.ID)
	}
	if len(ids) == 0 {
		return out, nil
	}
	sr := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	sr.Fields = storedFields
	sr.SortBy([]string{"_id"})
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: load hits: %w", err)
	}
	for _, h := range res.Hits {
		out[h.ID] = h.Fields
	}
	return out, nil
}

func (ix *Index) hit(h *bsearch.DocumentMatch, f fieldsOf, needles []highlight.Needle) xinwen.Hit {
	title := f.str(FieldTitle)
	return xinwen.Hit{
		ID: h.ID, Title: title,
		TitleHTML:   highlight.Title(title, needles),
		SnippetHTML: highlight.Snippet(f.str(FieldBody), needles),
		URL:         f.str(FieldURL),
		Date:        ix.formatDate(f.str(FieldDate)),
		Categories:  splitPath(f.str(FieldPath)),
		Source:      f.str(FieldSource),
		Score:       h.Score,
		Cluster:     clusterOf(h.ID, f),
	}
}

// encodeCursor captures where a page ended: the decoded sort values of
// its last hit, the form Bleve's SearchAfter takes.
func encodeCursor(h *bsearch.DocumentMatch, order bsearch.SortOrder) string {
	b, _ := json.Marshal(sortValues(h, order))
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, n int) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	var v []string
	if err == nil {
		err = json.Unmarshal(b, &v)
	}
	if err != nil || len(v) != n {
		return nil, fmt.Errorf("after: not a cursor from this search: %w", xinwen.ErrBadQuery)
	}
	return v, nil
}
