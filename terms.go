package xinwen

import (
	"context"
	"fmt"
)

// Limits of GET /api/terms and /api/trends.
const (
	DefaultTermsSize      = 10
	MaxTermsSize          = 100
	DefaultTermsMinLength = 2 // single characters are mostly particles and measure words
	MaxTermsMinLength     = 10
)

// TermsRequest asks for the terms over-represented in the matches of
// Search against the whole index (significant terms).
type TermsRequest struct {
	Search    SearchRequest // the foreground: its query and filters
	Size      int           // terms wanted, 1..MaxTermsSize; 0 means DefaultTermsSize
	MinLength int           // shortest term in runes, 1..MaxTermsMinLength; 0 means DefaultTermsMinLength
}

// Term is one significant term: the matches holding it (in title or
// body), the articles of the whole index holding it, and its JLH score.
type Term struct {
	Term       string  `json:"term"`
	Count      uint64  `json:"count"`
	Background uint64  `json:"background"`
	Score      float64 `json:"score"`
}

// TermsResult answers a TermsRequest. Total is the number of matches,
// Background of articles in the index, Sample of the matches whose text
// proposed the candidate terms.
type TermsResult struct {
	Terms      []Term `json:"terms"`
	Total      uint64 `json:"total"`
	Background uint64 `json:"background"`
	Sample     int    `json:"sample"`
}

// Trend is a term that rose: the articles holding it in the window and in
// the window of the same length before it.
type Trend struct {
	Term     string  `json:"term"`
	Count    uint64  `json:"count"`
	Previous uint64  `json:"previous"`
	Score    float64 `json:"score"`
}

// TrendsResult answers a trends request (a TermsRequest whose Search has
// both dates): the window, the one before it and their article counts.
type TrendsResult struct {
	Terms         []Trend `json:"terms"`
	From          string  `json:"from"`
	To            string  `json:"to"`
	PreviousFrom  string  `json:"previous_from"`
	PreviousTo    string  `json:"previous_to"`
	Total         uint64  `json:"total"`
	PreviousTotal uint64  `json:"previous_total"`
}

// TermsSearcher finds significant and rising terms; search.Live
// implements it.
type TermsSearcher interface {
	Terms(ctx context.Context, req TermsRequest) (*TermsResult, error)
	Trends(ctx context.Context, req TermsRequest) (*TrendsResult, error)
}

// Normalize fills the defaults and checks the limits, then normalizes the
// search; a trends request also needs both dates (trends true).
func (r TermsRequest) Normalize(trends bool) (TermsRequest, error) {
	switch {
	case r.Size < 0 || r.Size > MaxTermsSize:
		return r, badQuery(fmt.Sprintf("size must be between 1 and %d", MaxTermsSize))
	case r.MinLength < 0 || r.MinLength > MaxTermsMinLength:
		return r, badQuery(fmt.Sprintf("min_length must be between 1 and %d", MaxTermsMinLength))
	case trends && (r.Search.From.IsZero() || r.Search.To.IsZero()):
		return r, badQuery("trends need both from and to")
	}
	if r.Size == 0 {
		r.Size = DefaultTermsSize
	}
	if r.MinLength == 0 {
		r.MinLength = DefaultTermsMinLength
	}
	r.Search.Page, r.Search.Size, r.Search.After, r.Search.CountOnly, r.Search.NoFacets = 1, 0, "", false, true
	s, err := r.Search.Normalize()
	r.Search = s
	return r, err
}
