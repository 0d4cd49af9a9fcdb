package article

import (
	"errors"
	"time"

	"github.com/xinwen-search/xinwen"
)

// Sentinel errors callers may branch on with errors.Is.
var (
	// ErrNoFrontMatter: a Hexo post does not open with a "---" block.
	ErrNoFrontMatter = errors.New("no front matter")
	// ErrEmpty: an item has neither title nor body.
	ErrEmpty = errors.New("neither title nor body")
	// ErrEncoding: bytes are neither UTF-8 nor GB18030.
	ErrEncoding = errors.New("unknown text encoding")
	// ErrBadJSON: a JSON Lines record is not a JSON object of the known shape.
	ErrBadJSON = errors.New("bad JSON record")
	// ErrNoID: a record has no id and Options.RequireID is set.
	ErrNoID = errors.New("record has no id")
	// ErrBadDate: a date string matches none of the known layouts.
	ErrBadDate = errors.New("bad date")
)

// Options tune parsing. The zero value is ready to use.
type Options struct {
	// Zone reads dates that carry no zone ("2022-02-09 11:06:55").
	// Nil means xinwen.DefaultZone, where the feeds are crawled.
	Zone *time.Location
	// RequireID rejects a JSON Lines record without an id (ErrNoID)
	// instead of deriving one from its url or content: an update through
	// the API must name the article it replaces.
	RequireID bool
}

// Warning is a problem that lost part of an item but not the item itself.
type Warning struct {
	Where  string `json:"where"`  // file or file:line, plus the field
	Reason string `json:"reason"` // what was wrong and what was done
}

func (w Warning) String() string { return w.Where + ": " + w.Reason }

func (o Options) zone() *time.Location {
	if o.Zone == nil {
		return xinwen.DefaultZone()
	}
	return o.Zone
}
