package fold

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// String returns the folded form of s, without the offset map.
func String(s string) string {
	var t Text
	t.fold(s, false)
	for _, step := range steps().steps {
		t.apply(step, false)
	}
	return string(t.Bytes)
}

// Text is folded text with, for each of its bytes, the span of the
// original text it came from: the offset map. A span maps to a span, so
// the map composes through steps that change lengths.
type Text struct {
	Bytes   []byte  // the folded text
	scratch []byte  // one segment's NFKC form
	start   []int32 // start[i]: original offset of the segment that produced Bytes[i]
	end     []int32 // end[i]: original end offset of that segment
	next    *Text   // the input of a further step, kept for reuse
}

// Fold sets t to the folded form of s and its offset map. A Text is
// reused across calls to save allocations.
func (t *Text) Fold(s string) {
	t.fold(s, true)
	for _, step := range steps().steps {
		t.apply(step, true)
	}
}

// Span maps the folded byte range [i, j), j > i, to the range of the
// original text that produced it.
func (t *Text) Span(i, j int) (start, end int) {
	return int(t.start[i]), int(t.end[j-1])
}

// fold runs the width step over s into t.Bytes: NFKC (full-width Latin,
// digits and punctuation to ASCII), lower case, invisible characters
// dropped, NUL to space, in one pass. Common news characters (ASCII, Han,
// full-width forms, CJK punctuation) are mapped directly; everything else
// goes through NFKC one normalization segment at a time, so each
// segment's output maps back to exactly the original bytes it came from.
// The hot loop appends to local slices: appending through a pointer
// costs a write barrier per rune while the GC runs.
func (t *Text) fold(s string, track bool) {
	b := builder{track: track, buf: slices.Grow(t.Bytes[:0], len(s)), scratch: t.scratch}
	if track {
		b.start, b.end = slices.Grow(t.start[:0], len(s)), slices.Grow(t.end[:0], len(s))
	}
	for i := 0; i < len(s); {
		if n := b.appendSimple(s[i:], i); n > 0 {
			i += n
			continue
		}
		n := norm.NFKC.NextBoundaryInString(s[i:], true)
		if n <= 0 {
			_, n = utf8.DecodeRuneInString(s[i:])
		}
		b.scratch = norm.NFKC.AppendString(b.scratch[:0], s[i:i+n])
		m := len(b.buf)
		for _, r := range string(b.scratch) {
			b.buf = appendRune(b.buf, r)
		}
		b.mark(m, i, i+n)
		i += n
	}
	t.Bytes, t.scratch, t.start, t.end = b.buf, b.scratch, b.start, b.end
}

// builder is the state of one fold.
type builder struct {
	track   bool
	buf     []byte
	scratch []byte  // one segment's NFKC form
	start   []int32 // as Text.start
	end     []int32
}

// appendSimple appends the leading runes of s that NFKC maps on their own
// (see simple) and returns their length. A simple rune followed by one that
// is not stays for the NFKC path: it may compose with what follows
// (e + U+0301 -> é).
func (b *builder) appendSimple(s string, base int) int {
	j := 0
	buf, start, end := b.buf, b.start, b.end
	r, size := decodeRune(s)
	mapped, ok := simple(r)
	for ok && size > 0 {
		next, nsize := decodeRune(s[j+size:])
		nmapped, nok := simple(next)
		if !nok && nsize > 0 {
			break
		}
		m := len(buf)
		buf = appendRune(buf, mapped)
		if b.track {
			for range len(buf) - m {
				start, end = append(start, int32(base+j)), append(end, int32(base+j+size))
			}
		}
		j += size
		r, size, mapped, ok = next, nsize, nmapped, nok
	}
	b.buf, b.start, b.end = buf, start, end
	return j
}

// decodeRune is utf8.DecodeRuneInString with its three-byte case, every
// common Han character, decoded inline: called for each rune of every
// text folded, the library's out-of-line decoding was a fifth of a fold.
func decodeRune(s string) (rune, int) {
	if len(s) >= 3 && s[0]&0xf0 == 0xe0 && s[1]&0xc0 == 0x80 && s[2]&0xc0 == 0x80 {
		r := rune(s[0]&0x0f)<<12 | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f)
		if r >= 0x800 && (r < 0xd800 || r > 0xdfff) { // neither overlong nor a surrogate
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s)
}

// simple maps the runes whose NFKC form is one fixed rune that never
// composes with a neighbour (checked against norm in the tests).
func simple(r rune) (rune, bool) {
	switch {
	case r < utf8.RuneSelf, 0x4e00 <= r && r <= 0x9fff:
		return r, true
	case 0xff01 <= r && r <= 0xff5e: // full-width ASCII
		return r - 0xfee0, true
	case r == 0x3000: // ideographic space
		return ' ', true
	case r == 0x3001, r == 0x3002, 0x3008 <= r && r <= 0x3011,
		r == 0x2014, r == 0x2018, r == 0x2019, r == 0x201c, r == 0x201d:
		return r, true
	}
	return 0, false
}

// mark maps buf[n:] to the original span [from, to).
func (b *builder) mark(n, from, to int) {
	if !b.track {
		return
	}
	for k := n; k < len(b.buf); k++ {
		b.start = append(b.start, int32(from))
		b.end = append(b.end, int32(to))
	}
}

// appendRune applies the per-rune steps to one rune of NFKC output: lower
// case, invisible characters dropped, NUL to space.
func appendRune(buf []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		} else if r == 0 {
			r = ' '
		}
		return append(buf, byte(r))
	case 0x4e00 <= r && r <= 0x9fff: // CJK unified ideographs: no case; three bytes
		return append(buf, byte(0xe0|r>>12), byte(0x80|(r>>6)&0x3f), byte(0x80|r&0x3f))
	case IsInvisible(r):
		return buf
	}
	return utf8.AppendRune(buf, unicode.ToLower(r))
}
