package search

import "github.com/xinwen-search/xinwen"

var (
	_ xinwen.Searcher = (*Index)(nil)
	_ xinwen.Searcher = (*Live)(nil)
)
