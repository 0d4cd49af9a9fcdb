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
// <mark>) without trusting it: exactly <mark> and </mark> stay markup,
// balanced and unnested; every other "<" is escaped, and the text between
// is unescaped and escaped again, so it is well-formed whatever it held.
// Escaped text stays text: an article that says "&lt;mark&gt;" shows it.
// A buggy searcher can then at worst mis-highlight, never inject markup.
func safeMarked(s string) template.HTML {
	var b strings.Builder
	open := false
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			i = len(s)
		}
		b.WriteString(template.HTMLEscapeString(html.UnescapeString(s[:i])))
		switch s = s[i:]; {
		case s == "":
		case strings.HasPrefix(s, markOpen):
			if !open {
				b.WriteString(markOpen)
			}
			open, s = true, s[len(markOpen):]
		case strings.HasPrefix(s, markClose):
			if open {
				b.WriteString(markClose)
			}
			open, s = false, s[len(markClose):]
		default:
			b.WriteString("&lt;")
			s = s[1:]
		}
	}
	if open {
		b.WriteString(markClose)
	}
	return template.HTML(b.String()) //nolint:gosec // built above from escaped text plus <mark> only
}
