// Package xinwen holds the domain of the xinwen search engine: the types
// that the indexer, the search package, the HTTP server and the command
// line exchange, the rules every request obeys, and the small interfaces
// each consumer needs. It imports no Bleve, Gin or jieba package, so any
// layer can depend on it.
package xinwen

import (
	"strings"
	"time"
	_ "time/tzdata" // DefaultZone must load in slim containers without zoneinfo
)

// DefaultZoneName is the zone of the news sources: dates written without a
// zone are read in it, and month facets count in it, unless configured.
const DefaultZoneName = "Asia/Shanghai"

var defaultZone = loadDefaultZone()

func loadDefaultZone() *time.Location {
	loc, err := time.LoadLocation(DefaultZoneName)
	if err != nil {
		// The fixed offset China has used since 1991.
		return time.FixedZone("CST", 8*60*60)
	}
	return loc
}

// DefaultZone returns the location named DefaultZoneName.
func DefaultZone() *time.Location { return defaultZone }

// CategorySep separates the levels of a category path: "科技/人工智能".
const CategorySep = "/"

// JoinCategory joins category levels into a path.
func JoinCategory(levels []string) string { return strings.Join(levels, CategorySep) }

// SplitCategory splits a path into its levels; the empty path has none.
func SplitCategory(path string) []string {
	if path == "" {
		return nil
	}
	return strings.Split(path, CategorySep)
}
