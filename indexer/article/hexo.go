package article

import (
	"fmt"
	"io"
	"strings"

	"github.com/xinwen-search/xinwen"
	"golang.org/x/net/html"
)

// ParseHexo parses one Hexo post: a YAML front matter block between "---"
// lines, then an HTML (or plain text) body. relPath is the post's path
// relative to the source root; it names the post in errors and warnings and
// gives the stable id "hexo-" + 16 hex digits of its SHA-1.
//
// Front matter that strict YAML rejects is read line by line instead (with a
// Warning); scalar values are taken as written, so the title 12_00 stays
// "12_00". Title, author and categories are the feed's; author becomes
// Source, thumbnail falls back to headimg. A date that does not parse leaves
// Date zero with a Warning. The error wraps ErrNoFrontMatter, ErrEncoding or
// ErrEmpty.
func ParseHexo(r io.Reader, relPath string, opt Options) (xinwen.Article, []Warning, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return xinwen.Article{}, nil, fmt.Errorf("hexo: %s: %w", relPath, err)
	}
	text, err := DecodeText(raw)
	if err != nil {
		return xinwen.Article{}, nil, fmt.Errorf("hexo: %s: %w", relPath, err)
	}
	head, body, ok := splitFrontMatter(text)
	if !ok {
		return xinwen.Article{}, nil, fmt.Errorf("hexo: %s: %w", relPath, ErrNoFrontMatter)
	}
	fm, warns := parseFrontMatter(head, relPath)
	a, more := fm.article(relPath, opt)
	warns = append(warns, more...)
	a.Body = HTMLToText(body)
	more, err = finish(&a, relPath)
	if err != nil {
		return xinwen.Article{}, warns, fmt.Errorf("hexo: %s: %w", relPath, err)
	}
	return a, append(warns, more...), nil
}

// splitFrontMatter cuts text after leading blank lines (and a BOM) into the
// front matter between the opening and closing "---" lines and the body.
func splitFrontMatter(text string) (head, body string, ok bool) {
	text = strings.TrimLeft(text, " \t\r\n\uFEFF")
	first, rest, found := strings.Cut(text, "\n")
	if !found || strings.TrimRight(first, " \t\r") != "---" {
		return "", "", false
	}
	for off := 0; off <= len(rest); {
		line, _, _ := strings.Cut(rest[off:], "\n")
		if strings.TrimRight(line, " \t\r") == "---" {
			end := min(off+len(line)+1, len(rest))
			return rest[:off], rest[end:], true
		}
		off += len(line) + 1
	}
	return "", "", false
}

// frontMatter holds the known fields as written, before interpretation.
type frontMatter struct {
	fields     map[string]string
	categories []string
}

func (fm frontMatter) article(relPath string, opt Options) (xinwen.Article, []Warning) {
	f := fm.fields
	a := xinwen.Article{
		ID:         stableID("hexo-", relPath),
		Title:      html.UnescapeString(f["title"]),
		Categories: hexoCategories(fm.categories),
		URL:        first(f["url"], f["link"], f["permalink"]),
		Source:     html.UnescapeString(f["author"]),
		Thumbnail:  first(f["thumbnail"], f["headimg"]),
	}
	var warns []Warning
	date, err := ParseDate(f["date"], opt.zone())
	if err != nil {
		warns = append(warns, Warning{Where: relPath + ": date", Reason: err.Error() + "; date left empty"})
	}
	a.Date = date
	return a, warns
}

// first returns the first argument that is not blank.
func first(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// hexoCategories reads Hexo's categories list as one hierarchy path. An
// item may hold several levels: a path ("新媒体/趣头条") or, in the older
// layout, "site - feed" ("币世界 - 快讯"), which the newer one lists as two
// levels.
func hexoCategories(items []string) []string {
	var out []string
	for _, it := range items {
		for _, part := range strings.Split(it, " - ") {
			out = append(out, splitCategoryPath(part)...)
		}
	}
	return out
}
