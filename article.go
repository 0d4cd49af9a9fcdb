package xinwen

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on what one write may carry.
const (
	MaxIngest  = 10000 // articles per write request
	MaxIDBytes = 256
)

// Article is one news item as xinwen indexes and returns it.
type Article struct {
	// ID is the source's id when it has one, else a stable id derived from
	// the path relative to the source root.
	ID    string `json:"id"`
	Title string `json:"title"`
	// Body is plain text: HTML reduced to text, paragraphs separated by "\n",
	// scripts and styles dropped, entities decoded.
	Body string `json:"body"`
	// Categories is one hierarchy path, outermost first
	// (["新闻联播", "国内联播快讯"]).
	Categories []string `json:"categories,omitempty"`
	// Date is zero when the source had none or it could not be parsed.
	Date      time.Time `json:"date,omitzero"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source,omitempty"`
	Thumbnail string    `json:"thumbnail,omitempty"`
}

// CheckID reports whether id can name an article written over HTTP: it
// must be addressable as /api/articles/:id.
func CheckID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("id is required: %w", ErrBadQuery)
	case len(id) > MaxIDBytes:
		return fmt.Errorf("id longer than %d bytes: %w", MaxIDBytes, ErrBadQuery)
	case id == "." || id == "..":
		return fmt.Errorf("id %q cannot name a page: %w", id, ErrBadQuery)
	case !utf8.ValidString(id) || strings.ContainsFunc(id, unicode.IsControl):
		return fmt.Errorf("id must be valid UTF-8 without control characters: %w", ErrBadQuery)
	}
	return nil
}
