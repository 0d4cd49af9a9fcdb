package search

import "github.com/xinwen-search/xinwen"

// The sentinels this package's checks wrap are the domain's, under the
// names its write side uses: errors.Is matches either name.
var (
	ErrBadQuery = xinwen.ErrBadQuery
	ErrNotFound = xinwen.ErrNotFound
	ErrTooLarge = xinwen.ErrTooLarge
)

var (
	_ xinwen.Searcher = (*Index)(nil)
	_ xinwen.Searcher = (*Live)(nil)
)
