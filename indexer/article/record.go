package article

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Record is one item read from a stream of many (JSON Lines, Sogou dumps).
type Record struct {
	Article  Article
	Where    string    // name:line of the record's first line
	Warnings []Warning // parts of the record that were lost
}

// htmlMarkers are tags whose presence makes a body HTML rather than text.
var htmlMarkers = tagSet(
	"a", "b", "br", "div", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6",
	"i", "iframe", "img", "li", "ol", "p", "pre", "script", "section", "span",
	"strong", "style", "table", "td", "tr", "ul",
)

// looksLikeHTML reports whether s contains a common HTML tag such as
// "<p>", "<br/>", "<div class=…>" or "</span>". Book titles written as
// "<和平宣言>" and comparisons like "a < b" are not tags.
func looksLikeHTML(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		rest := strings.TrimPrefix(s[i+1:], "/")
		n := 0
		for n < len(rest) && n < 12 && isASCIIAlnum(rest[n]) {
			n++
		}
		if n > 0 && n < len(rest) && strings.IndexByte(" \t\n\r/>", rest[n]) >= 0 &&
			htmlMarkers[strings.ToLower(rest[:n])] {
			return true
		}
		next := strings.IndexByte(s[i+1:], '<')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// bodyText turns a body that may be HTML or plain text into text.
func bodyText(s string) string {
	if looksLikeHTML(s) {
		return HTMLToText(s)
	}
	return cleanLines(s)
}

// splitCategoryPath reads a category path written as one string:
// "新闻联播/国内联播快讯" or "新闻联播 > 国内联播快讯".
func splitCategoryPath(s string) []string {
	s = strings.ReplaceAll(s, " > ", "/")
	return cleanPath(strings.Split(s, "/"))
}

// article interprets a decoded JSON record.
func (jr jsonRecord) article(where string, opt Options) (Article, []Warning, error) {
	id, err := rawID(jr.ID)
	if err != nil {
		return Article{}, nil, fmt.Errorf("id: %w: %w", ErrBadJSON, err)
	}
	cats, err := rawCategories(jr.Categories)
	if err != nil {
		return Article{}, nil, fmt.Errorf("categories: %w: %w", ErrBadJSON, err)
	}
	a := Article{
		ID: id, Title: jr.Title, Body: bodyText(jr.Body), Categories: cats,
		URL: jr.URL, Source: jr.Source, Thumbnail: jr.Thumbnail,
	}
	var warns []Warning
	a.Date, err = ParseDate(jr.Date, opt.zone())
	if err != nil {
		warns = append(warns, Warning{Where: where + ": date", Reason: err.Error() + "; date left empty"})
	}
	return a, warns, nil
}

// rawID accepts a string or a number; null or absent is "".
func rawID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", err
	}
	return n.String(), nil
}

// rawCategories accepts a list of strings or one string path.
func rawCategories(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return splitCategoryPath(s), nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, err
	}
	return list, nil
}
