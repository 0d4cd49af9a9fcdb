package search

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/xinwen-search/xinwen"
)

// A collapsed search shows one hit per story (near-duplicate cluster):
// the best-ranked member among the matches. Its page is cut from a window
// of ranked hits that starts at the first, so page 2 never repeats a
// story of page 1; a window too small to fill the page is widened, up to
// MaxWindow hits. Each shown hit then counts the other members of its
// cluster among the matches, by a second search of the query within the
// shown clusters.

// collapses tells whether a request shows one hit per story.
func collapses(req xinwen.SearchRequest) bool {
	return !req.NoCollapse && !req.CountOnly && req.Cluster == ""
}

// collapseWindow is the first window a collapsed page is cut from: room
// for every story of the pages up to it with the copies an index like
// this one holds (copyShare), and a margin; at most four copies a story.
// A window too small is widened (searchOnce), so the page is the same.
// A re-ranked search keeps four copies a story: its window is what the
// re-ranking orders.
func (ix *Index) collapseWindow(p analyzed, req xinwen.SearchRequest) int {
	stories := req.Page * req.Size
	most := min(xinwen.MaxWindow, max(stories*4, 50))
	if reranks(p, req) {
		return most
	}
	share := min(ix.facets.clusters.copyShare(), 0.75)
	return min(most, int(float64(stories)/(1-share)*windowMargin)+windowSlack)
}

// The margin of a collapse window over the stories it must hold: a
// query's top hits may hold more copies than the index's average.
const (
	windowMargin = 1.25
	windowSlack  = 10
)

// wholeWindow is req asking for every hit of a window of n as one page,
// so the re-rankings order the window without cutting it.
func wholeWindow(req xinwen.SearchRequest, n int) xinwen.SearchRequest {
	req.Page, req.Size = 1, max(n, 1)
	return req
}

// storiesOf keeps the first hit of each cluster of the ranked window, and
// returns them with their clusters.
func (ix *Index) storiesOf(ctx context.Context, hits []*bsearch.DocumentMatch) ([]*bsearch.DocumentMatch, []string, error) {
	clusters, err := ix.hitClusters(ctx, hits)
	if err != nil {
		return nil, nil, err
	}
	seen := make(map[string]bool, len(hits))
	var out []*bsearch.DocumentMatch
	var outC []string
	for i, h := range hits {
		if !seen[clusters[i]] {
			seen[clusters[i]] = true
			out = append(out, h)
			outC = append(outC, clusters[i])
		}
	}
	return out, outC, nil
}

// hitClusters reads the cluster of each hit from the facet tables, and of
// hits from other readers (the overlay) from their stored field.
func (ix *Index) hitClusters(ctx context.Context, hits []*bsearch.DocumentMatch) ([]string, error) {
	out := make([]string, len(hits))
	var missing []string
	for i, h := range hits {
		t := ix.facets.byShard[h.Index]
		if d := h.IndexInternalID.Value(); t != nil && d < uint64(len(t.clusters)) {
			if c := t.clusters[d]; c != noCluster {
				out[i] = ix.facets.clusters.names[c]
				continue
			}
			// Without a cluster an article is its own story, named by its id.
			if err := ix.stored.resolveIDs(hits[i : i+1]); err != nil {
				return nil, err
			}
			out[i] = h.ID
			continue
		}
		missing = append(missing, h.ID)
	}
	if len(missing) == 0 {
		return out, nil
	}
	sr := bleve.NewSearchRequestOptions(query.NewDocIDQuery(missing), len(missing), 0, false)
	sr.Fields = []string{FieldCluster}
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: clusters of hits: %w", err)
	}
	byID := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = clusterOf(h.ID, h.Fields)
	}
	for i, h := range hits {
		if out[i] == "" {
			out[i] = byID[h.ID]
			if out[i] == "" {
				out[i] = h.ID
			}
		}
	}
	return out, nil
}

// inClusters restricts q to the given clusters.
func inClusters(q query.Query, clusters []string) query.Query {
	terms := make([]query.Query, len(clusters))
	for i, c := range clusters {
		t := query.NewTermQuery(c)
		t.SetField(FieldCluster)
		terms[i] = t
	}
	return query.NewConjunctionQuery([]query.Query{q, query.NewDisjunctionQuery(terms)})
}

// matchesPerCluster counts the matches of q in each of the clusters.
func (ix *Index) matchesPerCluster(ctx context.Context, q query.Query, clusters []string) (map[string]int, error) {
	out := map[string]int{}
	if len(clusters) == 0 {
		return out, nil
	}
	sr := bleve.NewSearchRequestOptions(inClusters(q, clusters), 0, 0, false)
	sr.Score = "none"
	sr.AddFacet("c", bleve.NewFacetRequest(FieldCluster, len(clusters)))
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: cluster matches: %w", err)
	}
	if f := res.Facets["c"]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out[t.Term] = t.Count
		}
	}
	return out, nil
}

// newerThan drops the stories of a cursor page shown on an earlier page:
// those with a match at the cursor or newer, which led their story there.
func (ix *Index) newerThan(ctx context.Context, q query.Query, after string, hits []*bsearch.DocumentMatch, clusters []string) ([]*bsearch.DocumentMatch, []string, error) {
	if len(clusters) == 0 {
		return hits, clusters, nil
	}
	incl := true
	newer := query.NewTermRangeInclusiveQuery(after, "", &incl, &incl)
	newer.SetField(FieldSortKey)
	seen, err := ix.matchesPerCluster(ctx, query.NewConjunctionQuery([]query.Query{q, newer}), clusters)
	if err != nil {
		return nil, nil, err
	}
	var outH []*bsearch.DocumentMatch
	var outC []string
	for i, h := range hits {
		if seen[clusters[i]] == 0 {
			outH, outC = append(outH, h), append(outC, clusters[i])
		}
	}
	return outH, outC, nil
}
