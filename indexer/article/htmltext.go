package article

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags end a paragraph where they open and where they close.
var blockTags = tagSet(
	"address", "article", "aside", "blockquote", "br", "caption", "center",
	"dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
	"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
	"li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
	"tbody", "tfoot", "thead", "tr", "ul",
)

// skipTags hide their content: code, media players, and ad machinery.
var skipTags = tagSet(
	"audio", "canvas", "head", "iframe", "noscript", "object", "script",
	"style", "svg", "template", "video",
)

// cellTags sit side by side in a row; a space keeps their words apart.
var cellTags = tagSet("td", "th")

func tagSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// HTMLToText reduces an HTML fragment to plain text with paragraphs
// separated by "\n". Block elements and <br> break paragraphs; scripts,
// styles, media and comments are dropped; entities are decoded; the text of
// unknown elements is kept. "<" before a non-ASCII letter, as in the
// pseudo-tag book titles "<和平宣言>", is text to the HTML tokenizer and
// stays; so do book titles that start with a Latin letter ("<Effective
// Java>", "<C语言程序设计>"), which the tokenizer reads as tags: see
// pseudoTag. Inside <pre>, tags that are not HTML ("<init>", "<el-amap>") are
// code and are kept as written. Newlines in text are kept, so plain text
// passes through as paragraphs. Lines are trimmed (U+3000 and no-break
// spaces included), blank lines and lines reading only "undefined" (a feed
// artefact) are dropped.
func HTMLToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var w textWriter
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		w.token(z, tt)
	}
	return cleanLines(w.b.String())
}

// textWriter accumulates text while walking tokens.
type textWriter struct {
	b    strings.Builder
	skip int // depth inside skipTags
	pre  int // depth inside <pre>
}

func (w *textWriter) token(z *html.Tokenizer, tt html.TokenType) {
	switch tt {
	case html.TextToken:
		if w.skip == 0 {
			w.b.Write(z.Text())
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		name, _ := z.TagName()
		w.open(string(name), tt == html.SelfClosingTagToken, z.Raw())
	case html.EndTagToken:
		name, _ := z.TagName()
		w.close(string(name), z.Raw())
	}
}

func (w *textWriter) open(name string, selfClosing bool, raw []byte) {
	switch {
	case (w.pre > 0 && atom.Lookup([]byte(name)) == 0) || pseudoTag(name, raw):
		if w.skip == 0 {
			w.b.Write(raw)
		}
	case skipTags[name]:
		if !selfClosing {
			w.skip++
		}
	case blockTags[name]:
		w.b.WriteByte('\n')
		if name == "pre" && !selfClosing {
			w.pre++
		}
	case cellTags[name]:
		w.b.WriteByte(' ')
	}
}

func (w *textWriter) close(name string, raw []byte) {
	switch {
	case w.pre > 0 && atom.Lookup([]byte(name)) == 0:
		if w.skip == 0 {
			w.b.Write(raw)
		}
	case skipTags[name]:
		w.skip = max(0, w.skip-1)
	case blockTags[name]:
		w.b.WriteByte('\n')
		if name == "pre" {
			w.pre = max(0, w.pre-1)
		}
	}
}

// pseudoTag reports whether a start tag the tokenizer found is text in
// angle brackets: a name HTML does not know, without the "-" of custom
// elements or the ":" of namespaced ones (Word's <o:p>), and either with
// letters beyond ASCII in it or without any attribute value, as in
// <Effective Java> and <C语言程序设计>.
func pseudoTag(name string, raw []byte) bool {
	if atom.Lookup([]byte(name)) != 0 || strings.ContainsAny(name, "-:") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return true
		}
	}
	return !bytes.ContainsRune(raw, '=')
}

// cleanLines trims every line, collapses runs of spaces inside it, and
// drops empty lines and "undefined" artefacts.
func cleanLines(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.SplitSeq(s, "\n") {
		line = collapseSpaces(dropInvisible(line))
		if line == "" || line == "undefined" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	return b.String()
}

// collapseSpaces trims a line (U+3000 and U+00A0 included) and folds runs
// of ASCII and no-break spaces inside it to one space. Interior U+3000 is
// kept: in Chinese text it is deliberate layout, and analysis folds it.
func collapseSpaces(line string) string {
	line = strings.TrimFunc(line, isLineSpace)
	if !strings.ContainsAny(line, "\t\r\f\v\u00A0") && !strings.Contains(line, "  ") {
		return line // most lines: nothing to fold
	}
	var b strings.Builder
	space := false
	for _, r := range line {
		if r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == '\v' || r == '\u00A0' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
