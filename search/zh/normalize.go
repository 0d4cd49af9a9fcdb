package zh

import (
	"slices"
	"strings"
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
	track   bool
	text    []byte
	scratch []byte  // one segment's NFKC form
	start   []int32 // start[i]: original offset of the segment that produced text[i]
	end     []int32 // end[i]: original end offset of that segment
}

// fold normalizes s into f.text. Common news characters (ASCII, Han,
// full-width forms, CJK punctuation) are mapped directly; everything else
// goes through NFKC one normalization segment at a time, so each segment's
// output maps back to exactly the original bytes it came from.
func (f *folder) fold(s string) {
	f.text = slices.Grow(f.text[:0], len(s))
	f.start, f.end = f.start[:0], f.end[:0]
	if f.track {
		f.start, f.end = slices.Grow(f.start, len(s)), slices.Grow(f.end, len(s))
	}
	for i := 0; i < len(s); {
		if n := f.appendSimple(s[i:], i); n > 0 {
			i += n
			continue
		}
		n := norm.NFKC.NextBoundaryInString(s[i:], true)
		if n <= 0 {
			_, n = utf8.DecodeRuneInString(s[i:])
		}
		f.scratch = norm.NFKC.AppendString(f.scratch[:0], s[i:i+n])
		m := len(f.text)
		for _, r := range string(f.scratch) {
			f.appendRune(r)
		}
		if f.track {
			f.mark(m, i, i+n)
		}
		i += n
	}
}

// appendSimple appends the leading runes of s that NFKC maps on their own
// (see simple) and returns their length. A simple rune followed by one that
// is not stays for the NFKC path: it may compose with what follows
// (e + U+0301 -> é).
func (f *folder) appendSimple(s string, base int) int {
	j := 0
	r, size := utf8.DecodeRuneInString(s)
	mapped, ok := simple(r)
	for ok && size > 0 {
		next, nsize := utf8.DecodeRuneInString(s[j+size:])
		nmapped, nok := simple(next)
		if !nok && nsize > 0 {
			break
		}
		m := len(f.text)
		f.appendRune(mapped)
		if f.track {
			f.mark(m, base+j, base+j+size)
		}
		j += size
		r, size, mapped, ok = next, nsize, nmapped, nok
	}
	return j
}

// simple maps the runes whose NFKC form is one fixed rune that never
// composes with a neighbour (checked against norm in the tests).
func simple(r rune) (rune, bool) {
	switch {
	case r < utf8.RuneSelf, 0x4e00 <= r && r <= 0x9fff:
		return r, true
	case 0xff01 <= r && r <= 0xff5e: // full-width ASCII
		return r - 0xfee0, true
	case r == 0x3001, r == 0x3002, 0x3008 <= r && r <= 0x3011,
		r == 0x2014, r == 0x2018, r == 0x2019, r == 0x201c, r == 0x201d:
		return r, true
	}
	return 0, false
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
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// WordRuns splits normalized text into its runs of word characters, the
// stretches the bigram fields index: "经济，社会" -> [经济 社会].
func WordRuns(normalized string) []string {
	return strings.FieldsFunc(normalized, func(r rune) bool { return !isWordRune(r) })
}

// HasRuns reports whether normalized text holds runs one after another
// with at least one character that is not a word character between each
// two: what a quoted phrase with punctuation inside means. The first run
// may end a longer run of the text and the last begin one; the runs
// between must stand alone.
func HasRuns(normalized string, runs []string) bool {
	if len(runs) == 0 {
		return false
	}
	for i := 0; ; {
		j := strings.Index(normalized[i:], runs[0])
		if j < 0 {
			return false
		}
		at := i + j
		if followedByRuns(normalized[at+len(runs[0]):], runs[1:]) {
			return true
		}
		_, size := utf8.DecodeRuneInString(normalized[at:])
		i = at + size
	}
}

// followedByRuns: rest begins with a separator, then runs[0], and so on.
func followedByRuns(rest string, runs []string) bool {
	for _, run := range runs {
		trimmed := strings.TrimLeftFunc(rest, func(r rune) bool { return !isWordRune(r) })
		if len(trimmed) == len(rest) || !strings.HasPrefix(trimmed, run) {
			return false
		}
		rest = trimmed[len(run):]
	}
	return true
}
