package article

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const utf8BOM = "\uFEFF"

// maxReplacementRatio bounds how many U+FFFD a GB18030 decoding may yield
// (per rune) before the bytes count as some other encoding.
const maxReplacementRatio = 0.01

// DecodeText returns b as a string: valid UTF-8 passes through without its
// byte-order mark; anything else is read as GB18030 (a superset of GBK and
// GB2312) and accepted when it yields at most one U+FFFD per hundred runes.
// Stray '?' bytes that replaced half of a two-byte character, as in the
// Sogou dumps, are dropped together with the orphaned half first, so the
// rest of the line decodes in step. Otherwise the error wraps ErrEncoding.
func DecodeText(b []byte) (string, error) {
	if utf8.Valid(b) {
		return strings.TrimPrefix(string(b), utf8BOM), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(repairGBK(b))
	if err != nil {
		return "", fmt.Errorf("decode: gb18030: %w: %w", ErrEncoding, err)
	}
	s := strings.TrimPrefix(string(out), utf8BOM)
	bad := strings.Count(s, "\uFFFD")
	if bad > 0 && float64(bad) > maxReplacementRatio*float64(utf8.RuneCountInString(s)) {
		return "", fmt.Errorf("decode: %d of %d runes unreadable as utf-8 or gb18030: %w",
			bad, utf8.RuneCountInString(s), ErrEncoding)
	}
	return s, nil
}

// repairGBK drops a '?' that stands for one lost byte of a two-byte
// character, together with the surviving half, which would otherwise pair
// with its neighbour and garble the rest of the run.
func repairGBK(b []byte) []byte {
	if bytes.IndexByte(b, '?') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			if c == '?' && i+1 < len(b) && b[i+1] >= 0x81 && orphanFollows(b[i+1:]) {
				i += 2 // lost lead byte: drop '?' and the orphan trail byte
				continue
			}
			out = append(out, c)
			i++
		case i+1 < len(b) && b[i+1] == '?':
			i += 2 // lost trail byte: drop the orphan lead byte and '?'
		default:
			n := gbCharLen(b[i:])
			out = append(out, b[i:i+n]...)
			i += n
		}
	}
	return out
}

// gbCharLen is the length of the GB18030 sequence starting with a high byte.
func gbCharLen(b []byte) int {
	if len(b) >= 4 && b[1] >= '0' && b[1] <= '9' {
		return 4
	}
	return min(2, len(b))
}

// orphanFollows reports whether the high-byte run b reads better as common
// Chinese when its first byte is skipped.
func orphanFollows(b []byte) bool {
	return commonPairs(b[1:]) > commonPairs(b)
}

// commonPairs counts, over a short window, byte pairs that encode GB2312
// punctuation or level-1 (most frequent) hanzi. Text read out of step
// scores about half as well as text read in step.
func commonPairs(b []byte) int {
	n := 0
	for i := 0; i+1 < len(b) && i < 24; i += 2 {
		lead, trail := b[i], b[i+1]
		if lead < 0x81 || trail < 0x40 {
			break
		}
		if trail >= 0xA1 && (lead >= 0xA1 && lead <= 0xA3 || lead >= 0xB0 && lead <= 0xD7) {
			n++
		}
	}
	return n
}
