package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/xinwen-search/xinwen"
)

// Trends compares a window (req.Search's from and to, with its query and
// categories) with the window of the same length just before it. The
// candidates are the window's significant terms against the whole index
// (Terms, trendCandidates of them for each term asked); each is counted
// exactly in both windows, and they are ordered by how far the window's
// count passes what the previous window predicts, in standard deviations
// of a Poisson count: (count - expected) / sqrt(expected + 1), expected
// being the previous count scaled by the ratio of the two windows'
// article totals, so a window that simply holds more articles lifts
// nothing.
const trendCandidates = 4

// Trends finds the terms that rose most in req.Search's window.
func (ix *Index) Trends(ctx context.Context, req xinwen.TermsRequest) (*xinwen.TrendsResult, error) {
	req, err := req.Normalize(true)
	if err != nil {
		return nil, fmt.Errorf("search: trends: %w", err)
	}
	sig, err := ix.terms(ctx, req, req.Size*trendCandidates)
	if err != nil {
		return nil, err
	}
	prev := req.Search
	prev.From, prev.To = previousWindow(req.Search.From, req.Search.To)
	out := &xinwen.TrendsResult{Terms: []xinwen.Trend{}, Total: sig.Total,
		From: ix.formatTime(req.Search.From), To: ix.formatTime(req.Search.To),
		PreviousFrom: ix.formatTime(prev.From), PreviousTo: ix.formatTime(prev.To)}
	pq, _, err := ix.matchQuery(prev)
	if err != nil {
		return nil, err
	}
	if out.PreviousTotal, err = ix.count(ctx, pq); err != nil {
		return nil, err
	}
	for _, t := range sig.Terms {
		tr := xinwen.Trend{Term: t.Term, Count: t.Count}
		if tr.Previous, err = ix.count(ctx, query.NewConjunctionQuery([]query.Query{pq, holding(t.Term)})); err != nil {
			return nil, err
		}
		if tr.Score = rise(tr.Count, out.Total, tr.Previous, out.PreviousTotal); tr.Score > 0 {
			out.Terms = append(out.Terms, tr)
		}
	}
	slices.SortFunc(out.Terms, func(a, b xinwen.Trend) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Term, b.Term)) })
	out.Terms = out.Terms[:min(len(out.Terms), req.Size)]
	return out, nil
}

// previousWindow is the window of the same length ending just before from
// (both bounds inclusive, as a search's).
func previousWindow(from, to time.Time) (time.Time, time.Time) {
	end := from.Add(-time.Nanosecond)
	return end.Add(-to.Sub(from)), end
}

// rise scores a count against the previous window's, scaled to the
// window's total: 0 when it did not rise.
func rise(count, total, prev, prevTotal uint64) float64 {
	expected := float64(prev)
	if prevTotal > 0 {
		expected *= float64(total) / float64(prevTotal)
	}
	d := float64(count) - expected
	if d <= 0 {
		return 0
	}
	return math.Round(d/math.Sqrt(expected+1)*1e3) / 1e3
}

// formatTime writes a window bound in the index's zone.
func (ix *Index) formatTime(t time.Time) string {
	return t.In(ix.zone).Format(time.RFC3339)
}
