package search

import (
	"errors"
	"time"
)

// ErrBadQuery marks a request the caller got wrong (bad syntax, bad filter,
// out-of-range paging). The HTTP layer maps it to 400.
var ErrBadQuery = errors.New("bad query")

// ErrNotFound is returned by Get for an unknown article id.
var ErrNotFound = errors.New("not found")

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
)

// Limits on what one request may ask for.
const (
	MaxSize       = 100
	MaxQueryRunes = 256
	MaxTerms      = 32
	MaxWindow     = 10000 // page*size beyond this needs a cursor
	DefaultSize   = 10
	// DefaultFacetSize and MaxFacetSize bound the category facet.
	DefaultFacetSize = 50
	MaxFacetSize     = 1000
)

// Request is one search, already typed and validated by its caller's parser.
type Request struct {
	// Query uses the query syntax: words (all must match), "quoted phrases"
	// (exact contiguous match after normalization) and -word (exclude).
	// An empty Query with filters browses by date.
	Query string
	// Categories are hierarchy prefixes ("新闻联播" matches
	// "新闻联播/国内联播快讯"); an article matching any of them passes.
	Categories []string
	// From and To bound the date, inclusive; zero means open.
	From, To time.Time
	Sort     string // SortRelevance (default) or SortDate
	Page     int    // from 1
	Size     int    // 1..MaxSize
	// After is an opaque cursor from a previous Result.NextCursor; it
	// replaces Page for deep paging.
	After string
	// Recency boosts fresh articles in relevance order.
	Recency bool
	// NoFacets skips facet counting (cheaper).
	NoFacets bool
	// CountOnly answers the total and the facets without hits (size=0 in
	// the API): an analyst's counts by category and month.
	CountOnly bool
	// FacetSize is how many categories the facet lists, most frequent
	// first: 1..MaxFacetSize, 0 for DefaultFacetSize.
	FacetSize int
}

// Result is one page of hits with facets. Its JSON form is the public API.
type Result struct {
	Total      uint64  `json:"total"`
	TookMS     float64 `json:"took_ms"`
	Page       int     `json:"page"`
	Size       int     `json:"size"`
	Hits       []Hit   `json:"hits"`
	Facets     Facets  `json:"facets"`
	NextCursor string  `json:"next_cursor,omitempty"`
	// Truncated is set when the query was longer than the limits allow and
	// only its first part was searched.
	Truncated bool `json:"truncated,omitempty"`
}

// Hit is one matching article.
type Hit struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	TitleHTML   string   `json:"title_html"`
	SnippetHTML string   `json:"snippet_html"`
	URL         string   `json:"url"`
	Date        string   `json:"date"` // RFC 3339 in the index's zone, "" when unknown
	Categories  []string `json:"categories"`
	Source      string   `json:"source"`
	Score       float64  `json:"score"`
}

// Facets are counts over all matching articles, not just this page.
type Facets struct {
	Categories []FacetValue `json:"categories"`
	Months     []FacetValue `json:"months"`
}

// FacetValue is one facet bucket.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Doc is one stored article as GET /api/articles/:id returns it.
type Doc struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	URL        string   `json:"url"`
	Date       string   `json:"date"`
	Categories []string `json:"categories"`
	Source     string   `json:"source"`
	Thumbnail  string   `json:"thumbnail"`
}

// Stats describes the open index.
type Stats struct {
	Docs        uint64 `json:"docs"`
	Generation  string `json:"generation"`
	SizeBytes   int64  `json:"size_bytes"`
	DictVersion string `json:"dict_version"`
	// Zone is the one the generation was built in: its month facets count
	// in it.
	Zone string `json:"zone"`
}
