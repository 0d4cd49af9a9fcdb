// Package cluster finds near-duplicate articles: the same wire story
// carried by several outlets, retitled, trimmed, wrapped in a dateline and
// an editor's line, or in Traditional script. It owns the text signature
// (MinHash over character shingles of the folded body, with its numbers),
// the LSH band keys that find candidates, the checks that keep look-alikes
// apart (a date window, the numbers a story quotes) and the assignment of
// cluster ids. It knows nothing of Bleve or of HTTP.
package cluster
