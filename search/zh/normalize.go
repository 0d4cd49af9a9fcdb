package zh

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds s the way the analyzers do before segmenting: NFKC
// (full-width Latin, digits and punctuation to ASCII), lower case, zero-width
// characters dropped, NUL to space. The highlighter and the phrase verifier
// use it to compare text with indexed terms.
func Normalize(s string) string {
	var f folder
	f.fold(s)
	return string(f.text)
}

// folder holds normalized text and, when track is set, a map from each of
// its bytes back to the span of the original text that produced it.
type folder struct {
	track bool
	text  []byte
	start []int32 // start[i]: original offset of the segment that produced text[i]
	end   []int32 // end[i]: original end offset of that segment
}

// fold normalizes s into f.text. Already-normalized stretches (most news
// text) are copied rune by rune; only the rest goes through norm.Iter.
func (f *folder) fold(s string) {
	f.text = slices.Grow(f.text[:0], len(s))
	f.start, f.end = f.start[:0], f.end[:0]
	if f.track {
		f.start, f.end = slices.Grow(f.start, len(s)), slices.Grow(f.end, len(s))
	}
	var it norm.Iter
	for i := 0; i < len(s); {
		n := norm.NFKC.QuickSpanString(s[i:])
		f.appendRunes(s[i:i+n], i)
		i += n
		if i == len(s) {
			break
		}
		i += f.appendSegment(&it, s, i)
	}
}

// appendRunes appends normalized text whose runes each map to themselves.
func (f *folder) appendRunes(s string, base int) {
	for i, r := range s {
		n := len(f.text)
		f.appendRune(r)
		if f.track {
			size := utf8.RuneLen(r)
			if r == utf8.RuneError {
				_, size = utf8.DecodeRuneInString(s[i:])
			}
			f.mark(n, base+i, base+i+size)
		}
	}
}

// appendSegment appends the normalization of the segment starting at s[i]
// and returns its length in s. One rune can decompose into several segments
// (㈱ -> "(株)"), so Next is called until the input position moves.
func (f *folder) appendSegment(it *norm.Iter, s string, i int) int {
	n := len(f.text)
	it.InitString(norm.NFKC, s[i:])
	for !it.Done() {
		seg := it.Next()
		for len(seg) > 0 {
			r, size := utf8.DecodeRune(seg)
			f.appendRune(r)
			seg = seg[size:]
		}
		if it.Pos() > 0 {
			break
		}
	}
	adv := it.Pos()
	if adv == 0 { // cannot happen on non-empty input; never loop forever
		_, adv = utf8.DecodeRuneInString(s[i:])
	}
	if f.track {
		f.mark(n, i, i+adv)
	}
	return adv
}

// mark maps text[n:] to the original span [from, to).
func (f *folder) mark(n, from, to int) {
	for k := n; k < len(f.text); k++ {
		f.start = append(f.start, int32(from))
		f.end = append(f.end, int32(to))
	}
}

func (f *folder) appendRune(r rune) {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		} else if r == 0 {
			r = ' '
		}
		f.text = append(f.text, byte(r))
	case 0x4e00 <= r && r <= 0x9fff: // CJK unified ideographs: no case
		f.text = utf8.AppendRune(f.text, r)
	case isZeroWidth(r):
	default:
		f.text = utf8.AppendRune(f.text, unicode.ToLower(r))
	}
}

// isZeroWidth reports invisible characters that would split words if kept.
func isZeroWidth(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

// span maps the normalized byte range [i, j) back to the original text.
func (f *folder) span(i, j int) (int, int) {
	return int(f.start[i]), int(f.end[j-1])
}

// isWordRune reports letters, digits and marks: what a token must contain
// to be indexed and what bigram runs are made of.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}
