package xinwen

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
)

// Limits on what one request may ask for.
const (
	MaxSize       = 100
	DefaultSize   = 10
	MaxQueryRunes = 256
	// MaxTerms bounds the words, phrases and exclusions searched; a query
	// with more is searched for its first MaxTerms and the result says
	// truncated.
	MaxTerms  = 32
	MaxWindow = 10000 // page*size beyond this needs a cursor
	// DefaultFacetSize and MaxFacetSize bound the category facet.
	DefaultFacetSize = 50
	MaxFacetSize     = 1000
	MaxCategories    = 20
	MaxCategoryRunes = 200
	// MaxCursorBytes is far above any cursor a result hands out (a date
	// key and an id), and bounds what a forged one costs to decode.
	MaxCursorBytes = 1024
)

// SearchRequest is one search. Its zero fields mean their defaults;
// Normalize fills them and checks every rule a request obeys, and the
// search package calls it, so every caller gets the same rules.
type SearchRequest struct {
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
	Page     int    // from 1; 0 means 1
	Size     int    // 1..MaxSize; 0 means DefaultSize
	// After is an opaque cursor from a previous Result.NextCursor; it
	// replaces Page for deep paging.
	After string
	// Recency boosts fresh articles in relevance order.
	Recency bool
	// NoFacets skips facet counting (cheaper).
	NoFacets bool
	// CountOnly answers the total and the facets without hits (size=0 in
	// the API): an analyst's counts by category and month. Size is then
	// 0, and no page is too deep.
	CountOnly bool
	// FacetSize is how many categories the facet lists, most frequent
	// first: 1..MaxFacetSize, 0 for DefaultFacetSize.
	FacetSize int
	// NoRewrite searches a query of letters as typed even when it finds
	// few articles and reads as the pinyin of a frequent word (rewrite=0
	// in the API); otherwise the search answers for that word and says so
	// in Result.Rewritten.
	NoRewrite bool
	// Histogram buckets the matches by date (HistogramDay, …) in
	// Facets.Histogram; "" for none. It is counted even with NoFacets.
	Histogram string
	// NoCollapse lists every matching article (collapse=false in the
	// API); by default a search shows one hit per story (near-duplicate
	// cluster), its best-ranked member, with the number of the others
	// among the matches in Hit.Duplicates.
	NoCollapse bool
	// Cluster restricts the search to one story's articles (a Hit.Cluster);
	// such a search lists them all, uncollapsed.
	Cluster string
}

// Normalize returns r with its defaults filled in, its query trimmed and
// its categories trimmed of spaces and CategorySep, empty and repeated
// ones dropped; or an error wrapping ErrBadQuery (ErrQueryTooLong and
// ErrDeepPage for those two) naming the first rule r breaks. It is
// idempotent.
func (r SearchRequest) Normalize() (SearchRequest, error) {
	var err error
	if r.Query, err = NormalizeQuery(r.Query); err != nil {
		return r, err
	}
	if r.Categories, err = normalizeCategories(r.Categories); err != nil {
		return r, err
	}
	if r.Sort, err = normalizeSort(r.Sort); err != nil {
		return r, err
	}
	if err = r.fillPaging(); err != nil {
		return r, err
	}
	return r, r.check()
}

// NormalizeQuery trims q and checks it: valid UTF-8 of at most
// MaxQueryRunes characters. A suggestion prefix obeys it too.
func NormalizeQuery(q string) (string, error) {
	q = strings.TrimSpace(q)
	if !utf8.ValidString(q) {
		return "", badQuery("q must be valid UTF-8")
	}
	if utf8.RuneCountInString(q) > MaxQueryRunes {
		return "", fmt.Errorf("q must be at most %d characters: %w", MaxQueryRunes, ErrQueryTooLong)
	}
	return q, nil
}

// normalizeCategories drops empty and repeated values, keeping order.
func normalizeCategories(raw []string) ([]string, error) {
	var out []string
	for _, c := range raw {
		c = strings.Trim(strings.TrimSpace(c), CategorySep)
		if c == "" || slices.Contains(out, c) {
			continue
		}
		if !utf8.ValidString(c) || utf8.RuneCountInString(c) > MaxCategoryRunes {
			return nil, badQuery(fmt.Sprintf("category must be valid UTF-8 of at most %d characters", MaxCategoryRunes))
		}
		out = append(out, c)
	}
	if len(out) > MaxCategories {
		return nil, badQuery(fmt.Sprintf("at most %d categories", MaxCategories))
	}
	return out, nil
}

func normalizeSort(s string) (string, error) {
	switch s {
	case "", SortRelevance:
		return SortRelevance, nil
	case SortDate:
		return SortDate, nil
	}
	return "", badQuery("sort must be relevance or date")
}

// fillPaging fills the page and size defaults and checks them: a count
// has size 0 and pages nothing, so no window applies to it; a cursor
// replaces the page, so none applies to it either.
func (r *SearchRequest) fillPaging() error {
	if r.Page == 0 {
		r.Page = 1
	}
	switch {
	case r.CountOnly:
		r.Size = 0
	case r.Size == 0:
		r.Size = DefaultSize
	}
	switch {
	case r.Page < 1:
		return badQuery("page must be an integer of at least 1")
	case r.Size < 0 || r.Size > MaxSize:
		return badQuery(fmt.Sprintf("size must be between 0 and %d", MaxSize))
	case r.After == "" && !r.CountOnly && r.Page > MaxWindow/r.Size:
		return fmt.Errorf("page*size must be at most %d; to go deeper, sort=date and pass after=<next_cursor> from the previous page: %w",
			MaxWindow, ErrDeepPage)
	}
	return nil
}

// check holds the rules that change nothing.
func (r SearchRequest) check() error {
	switch {
	case !r.From.IsZero() && !r.To.IsZero() && r.From.After(r.To):
		return badQuery("from must not be after to")
	case r.FacetSize < 0 || r.FacetSize > MaxFacetSize:
		return badQuery(fmt.Sprintf("facet_size must be between 1 and %d", MaxFacetSize))
	case len(r.After) > MaxCursorBytes || !utf8.ValidString(r.After):
		return badQuery("after is not a cursor from next_cursor")
	}
	return checkHistogram(r.Histogram)
}
