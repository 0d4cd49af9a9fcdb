package highlight

import (
	"html"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Snippet shape: up to MaxFragments fragments of about FragmentRunes
// characters, joined by FragmentSep.
const (
	FragmentRunes = 100
	MaxFragments  = 2
	FragmentSep   = " … "
	leadRunes     = 20 // context kept before the first match of a fragment
)

// folded is a text with its normalized form, and where each rune of the
// text starts in both. Spans are rune indexes.
type folded struct {
	text   string
	norm   string
	at     []int32 // byte offset in text of rune i; len(text) last
	normAt []int32 // byte offset in norm of rune i's folded form; len(norm) last
}

func fold(s string) folded {
	f := folded{text: s, at: make([]int32, 0, len(s)/2+1), normAt: make([]int32, 0, len(s)/2+1)}
	buf := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fold(string([]rune(s))) // each bad byte becomes U+FFFD
		}
		f.at = append(f.at, int32(i))
		f.normAt = append(f.normAt, int32(len(buf)))
		buf = appendFolded(buf, r, s[i:i+size])
		i += size
	}
	f.at = append(f.at, int32(len(s)))
	f.normAt = append(f.normAt, int32(len(buf)))
	f.norm = string(buf)
	return f
}

// runes is the number of runes of the text.
func (f folded) runes() int { return len(f.at) - 1 }

// slice is the text of runes [from, to).
func (f folded) slice(from, to int) string { return f.text[f.at[from]:f.at[to]] }

// runeAt is the rune whose folded form holds byte b of norm.
func (f folded) runeAt(b int) int {
	return sort.Search(len(f.normAt), func(i int) bool { return int(f.normAt[i]) > b }) - 1
}

// appendFolded appends the per-character form of zh.Normalize of r (NFKC
// width folding and lower case), whose UTF-8 is enc, to buf. ASCII and
// common Han are themselves; other characters of the Basic Multilingual
// Plane come from a table made once, because news text is full of
// full-width punctuation and NFKC per character was a tenth of a query's
// time.
func appendFolded(buf []byte, r rune, enc string) []byte {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(buf, byte(r))
	case r >= 0x4E00 && r <= 0x9FFF:
		return append(buf, enc...)
	case r <= 0xFFFF:
		if n := bmpFolds()[r]; n != "" {
			return append(buf, n...)
		}
		return append(buf, enc...)
	}
	return append(buf, foldRune(r)...)
}

// bmpFolds holds, for each character of the Basic Multilingual Plane that
// folding changes, its folded form ("" for the others): 1 MiB, made on
// first use.
var bmpFolds = sync.OnceValue(func() *[0x10000]string {
	var t [0x10000]string
	for r := rune(utf8.RuneSelf); r <= 0xFFFF; r++ {
		if (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0xD800 && r <= 0xDFFF) {
			continue
		}
		if n := foldRune(r); n != string(r) {
			t[r] = n
		}
	}
	return &t
})

// foldRune is the per-character form of zh.Normalize: NFKC width folding
// and lower case.
func foldRune(r rune) string {
	return strings.ToLower(norm.NFKC.String(string(r)))
}

// span is a half-open interval of rune indexes.
type span struct{ start, end int }

// matches finds every occurrence of every needle (already normalized) and
// returns merged rune spans; adjacent spans merge, so a word matched in two
// pieces is marked once.
func (f folded) matches(needles []Needle) []span {
	var out []span
	for _, n := range needles {
		if n.Text == "" {
			continue
		}
		for off := 0; ; {
			i := strings.Index(f.norm[off:], n.Text)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(n.Text)
			off = s + 1
			if n.Bounded && (s > 0 && isASCIIAlnum(f.norm[s-1]) || e < len(f.norm) && isASCIIAlnum(f.norm[e])) {
				continue
			}
			out = append(out, span{f.runeAt(s), f.runeAt(e-1) + 1})
		}
	}
	return mergeSpans(out)
}

func mergeSpans(sp []span) []span {
	if len(sp) < 2 {
		return sp
	}
	sort.Slice(sp, func(i, j int) bool { return sp[i].start < sp[j].start })
	out := sp[:1]
	for _, s := range sp[1:] {
		last := &out[len(out)-1]
		if s.start <= last.end {
			last.end = max(last.end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// markHTML escapes runes [from, to) of f and wraps the spans in <mark>.
func markHTML(f folded, from, to int, spans []span) string {
	var b strings.Builder
	pos := from
	for _, s := range spans {
		st, en := max(s.start, from), min(s.end, to)
		if st >= en {
			continue
		}
		b.WriteString(escape(f.slice(pos, st)))
		b.WriteString("<mark>")
		b.WriteString(escape(f.slice(st, en)))
		b.WriteString("</mark>")
		pos = en
	}
	b.WriteString(escape(f.slice(pos, to)))
	return b.String()
}

func escape(s string) string {
	return html.EscapeString(strings.ReplaceAll(s, "\n", " "))
}

// Title marks every match in a title.
func Title(title string, needles []Needle) string {
	f := fold(title)
	return markHTML(f, 0, f.runes(), f.matches(needles))
}

// Snippet picks the best one or two fragments of body, those holding the
// most distinct needles, and marks the matches in them. A body without a
// match gives its opening.
func Snippet(body string, needles []Needle) string {
	f := fold(body)
	spans := f.matches(needles)
	n := f.runes()
	if len(spans) == 0 {
		return markHTML(f, 0, min(n, 2*FragmentRunes), nil) + ellipsisIf(n > 2*FragmentRunes)
	}
	frags := pickFragments(f, spans)
	parts := make([]string, 0, len(frags))
	for _, fr := range frags {
		parts = append(parts, markHTML(f, fr.start, fr.end, spans))
	}
	out := strings.Join(parts, FragmentSep)
	if frags[0].start > 0 {
		out = "…" + out
	}
	return out + ellipsisIf(frags[len(frags)-1].end < n)
}

func ellipsisIf(b bool) string {
	if b {
		return "…"
	}
	return ""
}

// pickFragments scores a window starting shortly before each match by the
// number of distinct matched strings and matches inside it, and keeps the
// best non-overlapping ones in text order.
func pickFragments(f folded, spans []span) []span {
	type cand struct {
		w     span
		score int
	}
	n := f.runes()
	cands := make([]cand, 0, len(spans))
	for i, s := range spans {
		start := max(0, s.start-leadRunes)
		w := wholeMatches(span{start, min(n, start+FragmentRunes)}, spans)
		distinct := map[string]bool{}
		count := 0
		for _, t := range spans[i:] {
			if t.end > w.end {
				break
			}
			distinct[f.slice(t.start, t.end)] = true
			count++
		}
		cands = append(cands, cand{w, len(distinct)*10 + count})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var picked []span
	for _, c := range cands {
		if len(picked) == MaxFragments {
			break
		}
		if !overlapsAny(c.w, picked) {
			picked = append(picked, c.w)
		}
	}
	sort.Slice(picked, func(i, j int) bool { return picked[i].start < picked[j].start })
	return picked
}

// wholeMatches widens the window w so that it cuts through no match: a
// fragment ending in "看看<mark>大</mark>…" marks half a word.
func wholeMatches(w span, spans []span) span {
	for _, t := range spans {
		if t.start < w.start && w.start < t.end {
			w.start = t.start
		}
		if t.start < w.end && w.end < t.end {
			w.end = t.end
		}
	}
	return w
}

func overlapsAny(w span, ws []span) bool {
	for _, o := range ws {
		if w.start < o.end && o.start < w.end {
			return true
		}
	}
	return false
}

// Needle is a normalized string to mark. A Bounded one is marked only
// where no ASCII letter or digit touches it: "19", cut by jieba from a
// typed COVID-19, is not marked inside "BRII-196".
type Needle struct {
	Text    string
	Bounded bool
}

// Plain makes needles marked wherever they occur.
func Plain(ss ...string) []Needle {
	out := make([]Needle, len(ss))
	for i, s := range ss {
		out[i] = Needle{Text: s}
	}
	return out
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
