package highlight

import (
	"html"
	"slices"
	"sort"
	"strings"
)

// Snippet shape: up to MaxFragments fragments of about FragmentRunes
// characters, joined by FragmentSep.
const (
	FragmentRunes = 100
	MaxFragments  = 2
	FragmentSep   = " … "
	leadRunes     = 20 // context kept before the first match of a fragment
)

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
			out = append(out, f.runeSpan(s, e))
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
	f := foldText(title)
	defer f.release()
	return markHTML(f, 0, f.runes(), f.matches(needles))
}

// Snippet picks the best one or two fragments of body, those holding the
// most distinct needles, and marks the matches in them. A body without a
// match gives its opening.
func Snippet(body string, needles []Needle) string {
	f := foldText(body)
	defer f.release()
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
	var distinct []string // the matched strings of one window; a few
	for i, s := range spans {
		start := max(0, s.start-leadRunes)
		w := wholeMatches(span{start, min(n, start+FragmentRunes)}, spans)
		distinct = distinct[:0]
		count := 0
		for _, t := range spans[i:] {
			if t.end > w.end {
				break
			}
			if m := f.slice(t.start, t.end); !slices.Contains(distinct, m) {
				distinct = append(distinct, m)
			}
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
