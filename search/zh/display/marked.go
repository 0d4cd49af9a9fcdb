package display

import (
	"html"
	"strings"
)

const (
	markOpen  = "<mark>"
	markClose = "</mark>"
)

// span is a marked range [from, to) of bytes of the plain text.
type span struct{ from, to int32 }

// Marked converts searcher-produced HTML: text escaped, matches in
// <mark>. The text is converted as a whole, its entities decoded and the
// tags taken out, so that a phrase straddling a mark converts as the
// phrase it is (头<mark>发</mark> → 頭<mark>髮</mark>); the tags never
// pass through the converter. Each converted character is marked when
// the characters it came from were: an entry that changes the length of
// its phrase maps its whole value to its whole key, so a mark on part
// of such a phrase widens to the whole of it. The text is escaped again
// on the way out. HTML that no entry changes comes back as it was.
func (c *Converter) Marked(h string) string {
	if c == nil {
		return h
	}
	plain, marks := unmark(h)
	out, from, to, changed := c.c.Append(nil, nil, nil, plain)
	if !changed {
		return h
	}
	var b strings.Builder
	open := false
	run := 0 // start of the text not yet written
	for j := range out {
		if j > 0 && from[j] == from[j-1] && to[j] == to[j-1] {
			continue // the rest of a rune, or of a value from one key
		}
		if m := marked(marks, from[j], to[j]); m != open {
			b.WriteString(html.EscapeString(string(out[run:j])))
			tag := markClose
			if m {
				tag = markOpen
			}
			b.WriteString(tag)
			open, run = m, j
		}
	}
	b.WriteString(html.EscapeString(string(out[run:])))
	if open {
		b.WriteString(markClose)
	}
	return b.String()
}

// unmark decodes h into its plain text and the spans of it in <mark>.
// Unbalanced tags are read leniently: an open mark ends at the next
// </mark> or at the end, a stray </mark> is dropped.
func unmark(h string) (plain []byte, marks []span) {
	open := int32(-1)
	for h != "" {
		i, tag := nextTag(h)
		plain = append(plain, html.UnescapeString(h[:i])...)
		h = h[i:]
		switch tag {
		case markOpen:
			if open < 0 {
				open = int32(len(plain))
			}
		case markClose:
			if open >= 0 {
				marks = append(marks, span{open, int32(len(plain))})
				open = -1
			}
		}
		h = h[len(tag):]
	}
	if open >= 0 {
		marks = append(marks, span{open, int32(len(plain))})
	}
	return plain, marks
}

// nextTag finds the first <mark> or </mark> in h: its index and the tag,
// or len(h) and "".
func nextTag(h string) (int, string) {
	for i := 0; ; {
		j := strings.IndexByte(h[i:], '<')
		if j < 0 {
			return len(h), ""
		}
		i += j
		for _, tag := range []string{markOpen, markClose} {
			if strings.HasPrefix(h[i:], tag) {
				return i, tag
			}
		}
		i++
	}
}

// marked reports whether [from, to) overlaps a mark.
func marked(marks []span, from, to int32) bool {
	for _, m := range marks {
		if m.from < to && from < m.to {
			return true
		}
	}
	return false
}
