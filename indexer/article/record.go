package article

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen"
)

// Parsed is one item read from a stream of many (JSON Lines, Sogou dumps):
// the article, and the facts of its parsing.
type Parsed struct {
	Article  xinwen.Article
	Where    string    // name:line of the record's first line
	Warnings []Warning // parts of the record that were lost
}

// htmlMarkers are tags whose presence makes a body HTML rather than text:
// the elements of documents and article bodies, not every name HTML knows
// ("<Big Data>" in a text is a book title, not the <big> element).
var htmlMarkers = tagSet(
	"a", "article", "aside", "audio", "b", "blockquote", "body", "br",
	"caption", "center", "code", "dd", "div", "dl", "dt", "em", "figcaption",
	"figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head",
	"header", "hr", "html", "i", "iframe", "img", "li", "main", "meta", "nav",
	"ol", "p", "pre", "script", "section", "small", "source", "span",
	"strong", "style", "sub", "sup", "table", "tbody", "td", "th", "thead",
	"title", "tr", "u", "ul", "video",
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

// bodyText turns a body that may be HTML or plain text into text. Plain
// text is entity-decoded too: exports leave "&#x3000;" and "&amp;" in
// bodies that carry no tag.
func bodyText(s string) string {
	if looksLikeHTML(s) {
		return HTMLToText(s)
	}
	return cleanLines(html.UnescapeString(s))
}

// splitCategoryPath reads a category path written as one string:
// "新闻联播/国内联播快讯" or "新闻联播 > 国内联播快讯".
func splitCategoryPath(s string) []string {
	s = strings.ReplaceAll(s, " > ", "/")
	return cleanPath(strings.Split(s, "/"))
}

// article interprets a decoded JSON record.
func (jr jsonRecord) article(where string, opt Options) (xinwen.Article, []Warning, error) {
	cats, err := rawCategories(jr.Categories)
	if err != nil {
		return xinwen.Article{}, nil, fmt.Errorf("categories: %w: %w", ErrBadJSON, err)
	}
	var bad error // the first field that is a list or an object
	text := func(field string, t jsonText) string {
		s, err := t.text(field)
		bad = cmp.Or(bad, err)
		return s
	}
	a := xinwen.Article{
		ID:         strings.TrimSpace(text("id", jr.ID)),
		Title:      html.UnescapeString(text("title", jr.Title)),
		Body:       bodyText(text("body", jr.Body)),
		Categories: cats,
		URL:        text("url", jr.URL),
		Source:     html.UnescapeString(text("source", jr.Source)),
		Thumbnail:  text("thumbnail", jr.Thumbnail),
	}
	if bad != nil {
		return xinwen.Article{}, nil, bad
	}
	var warns []Warning
	date, err := jr.Date.text("date")
	if err == nil {
		a.Date, err = ParseDate(date, opt.zone())
	}
	if err != nil {
		warns = append(warns, Warning{Where: where + ": date", Reason: err.Error() + "; date left empty"})
	}
	return a, warns, nil
}

// contentID is the id of a JSON Lines record that has none: from its url
// when it has one, else from its title, date and body. The same article
// read again, from another file or on another day, gets the same id (an
// incremental run updates it instead of adding it twice), and two articles
// never share one by sitting on the same line of two files.
func contentID(a xinwen.Article) string {
	if a.URL != "" {
		return stableID("jl-", "url\x00"+a.URL)
	}
	date := ""
	if !a.Date.IsZero() {
		date = a.Date.UTC().Format(time.RFC3339)
	}
	return stableID("jl-", strings.Join([]string{"text", a.Title, date, a.Body}, "\x00"))
}

// rawCategories accepts a list of strings or one string path. A list item
// holding a path ("体育/网球") adds its levels, so every prefix filters.
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
	var out []string
	for _, item := range list {
		out = append(out, splitCategoryPath(item)...)
	}
	return out, nil
}
