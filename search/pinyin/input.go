package pinyin

import (
	"strings"
	"sync"
	"unicode"
)

// Input is typed text read as pinyin: runs of Latin letters (split where
// the reader put a space or an apostrophe) and Hanzi, in order.
type Input struct {
	Tokens []Token
}

// Token is a run of lower-case Latin letters or one Hanzi.
type Token struct {
	Latin string
	Han   rune // set when Latin is empty
}

// Parse reads s as pinyin input: Latin letters, Hanzi, spaces and
// apostrophes, at least one letter. Anything else (a digit, a dot, a
// Latin letter with an accent) means s is not pinyin: false.
func Parse(s string) (Input, bool) {
	var in Input
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			in.Tokens = append(in.Tokens, Token{Latin: run.String()})
			run.Reset()
		}
	}
	letters := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			run.WriteRune(unicode.ToLower(r))
			letters = true
		case r == ' ' || r == '\'' || r == '\u3000':
			flush()
		case unicode.Is(unicode.Han, r):
			flush()
			in.Tokens = append(in.Tokens, Token{Han: r})
		default:
			return Input{}, false
		}
	}
	flush()
	return in, letters
}

// Lead is the letters typed before the first Hanzi, spaces dropped:
// what a word's full reading starts with.
func (in Input) Lead() string {
	var b strings.Builder
	for _, t := range in.Tokens {
		if t.Latin == "" {
			break
		}
		b.WriteString(t.Latin)
	}
	return b.String()
}

// Latin tells whether the input is letters only, no Hanzi.
func (in Input) Latin() bool {
	for _, t := range in.Tokens {
		if t.Latin == "" {
			return false
		}
	}
	return len(in.Tokens) > 0
}

// Syllables splits the letters into pinyin syllables (xiangcun →
// xiang cun), the longest syllable first where two splits exist; partial
// lets the last one be the start of a syllable (xiangc → xiang c), as
// while typing. False when a run does not split, or the input holds
// Hanzi.
func (in Input) Syllables(partial bool) ([]string, bool) {
	var out []string
	for i, t := range in.Tokens {
		if t.Latin == "" {
			return nil, false
		}
		s, ok := split(t.Latin, partial && i == len(in.Tokens)-1)
		if !ok {
			return nil, false
		}
		out = append(out, s...)
	}
	return out, len(out) > 0
}

// Initials tells whether the input reads as the initials of a word
// (xczx): one run of letters that does not split into syllables.
func (in Input) Initials() (string, bool) {
	if len(in.Tokens) != 1 || in.Tokens[0].Latin == "" {
		return "", false
	}
	s := in.Tokens[0].Latin
	if _, ok := split(s, true); ok {
		return "", false
	}
	return s, true
}

// longestSyllable bounds the search for a split: zhuang, chuang, shuang.
const longestSyllable = 6

func split(s string, partial bool) ([]string, bool) {
	if s == "" {
		return nil, true
	}
	set := syllableSet()
	for n := min(len(s), longestSyllable); n >= 1; n-- {
		head := s[:n]
		whole := set.full[head]
		if !whole && !(partial && n == len(s) && set.prefix[head]) {
			continue
		}
		if rest, ok := split(s[n:], partial); ok {
			return append([]string{head}, rest...), true
		}
	}
	return nil, false
}

// syllables are every reading of go-pinyin's table without tones, and
// their prefixes.
type syllables struct {
	full, prefix map[string]bool
}

var (
	loadSyllables sync.Once
	sylSet        syllables
)

func syllableSet() syllables {
	loadSyllables.Do(func() {
		sylSet = syllables{full: map[string]bool{}, prefix: map[string]bool{}}
		for r := range allReadings() {
			sylSet.full[r] = true
			for i := 1; i <= len(r); i++ {
				sylSet.prefix[r[:i]] = true
			}
		}
	})
	return sylSet
}
