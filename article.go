package xinwen

import "time"

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
