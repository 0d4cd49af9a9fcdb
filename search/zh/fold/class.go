package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsWordRune reports letters, numbers and marks: what a token must
// contain to be indexed, what bigram runs are made of, and what a query
// term must hold to be searched.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// HasWordRune reports whether s holds a word rune.
func HasWordRune(s string) bool {
	for _, r := range s {
		if IsWordRune(r) {
			return true
		}
	}
	return false
}

// invisible lists the characters the chain drops: they split words for a
// tokenizer without showing on screen.
const invisible = "\u00AD\u200B\u200C\u200D\u2060\uFEFF"

// IsInvisible reports the invisible characters: soft hyphen, zero-width
// space, non-joiner and joiner, word joiner and byte-order mark.
func IsInvisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// DropInvisible returns s without its invisible characters.
func DropInvisible(s string) string {
	if !strings.ContainsAny(s, invisible) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if IsInvisible(r) {
			return -1
		}
		return r
	}, s)
}
