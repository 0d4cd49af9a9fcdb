package web

import (
	"html"
	"html/template"
	"strings"
)

const (
	markOpen  = "<mark>"
	markClose = "</mark>"
)

// safeMarked renders searcher-produced HTML (text escaped, matches in
// <mark>) without trusting it: it decodes entities, escapes everything and
// re-allows exactly <mark> and </mark>, balanced. A buggy searcher can then
// at worst mis-highlight, never inject markup.
func safeMarked(s string) template.HTML {
	esc := template.HTMLEscapeString(html.UnescapeString(s))
	const escOpen, escClose = "&lt;mark&gt;", "&lt;/mark&gt;"
	var b strings.Builder
	open := false
	for esc != "" {
		i := strings.Index(esc, "&lt;")
		if i < 0 {
			b.WriteString(esc)
			break
		}
		b.WriteString(esc[:i])
		esc = esc[i:]
		switch {
		case strings.HasPrefix(esc, escOpen):
			if !open {
				b.WriteString(markOpen)
			}
			open, esc = true, esc[len(escOpen):]
		case strings.HasPrefix(esc, escClose):
			if open {
				b.WriteString(markClose)
			}
			open, esc = false, esc[len(escClose):]
		default:
			b.WriteString("&lt;")
			esc = esc[len("&lt;"):]
		}
	}
	if open {
		b.WriteString(markClose)
	}
	return template.HTML(b.String()) //nolint:gosec // built above from escaped text plus <mark> only
}
