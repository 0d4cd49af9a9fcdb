package xinwen

import "context"

// Searcher answers the read side of the API: the search package's Index
// and Live implement it; the HTTP server and the command line consume it.
type Searcher interface {
	// Search runs req, which it normalizes first (SearchRequest.Normalize).
	Search(ctx context.Context, req SearchRequest) (*Result, error)
	// Get returns one stored article, or an error wrapping ErrNotFound.
	Get(ctx context.Context, id string) (*Doc, error)
	// Suggest completes prefix from title words, at most n of them.
	Suggest(ctx context.Context, prefix string, n int) ([]string, error)
	// Stats describes the index served now.
	Stats() Stats
}
