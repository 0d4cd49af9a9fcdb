package xinwen

import (
	"context"
	"fmt"
)

// Limits of GET /api/articles/:id/related.
const (
	DefaultRelatedSize = 5
	MaxRelatedSize     = 20
)

// Related answers GET /api/articles/:id/related: other stories on the
// article's subject, one hit per story, its own story left out.
type Related struct {
	Hits []Hit `json:"hits"`
}

// RelatedSearcher finds the stories related to an article; search.Live
// implements it.
type RelatedSearcher interface {
	// Related returns up to size related stories of article id, or an
	// error wrapping ErrNotFound.
	Related(ctx context.Context, id string, size int) (*Related, error)
}

// NormalizeRelatedSize fills the default size and checks its limits.
func NormalizeRelatedSize(size int) (int, error) {
	switch {
	case size == 0:
		return DefaultRelatedSize, nil
	case size < 0 || size > MaxRelatedSize:
		return 0, badQuery(fmt.Sprintf("size must be between 1 and %d", MaxRelatedSize))
	}
	return size, nil
}
