package pinyin

import (
	"bufio"
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	gopinyin "github.com/mozillazg/go-pinyin"

	"github.com/xinwen-search/xinwen/data"
)

// Readings returns the toneless reading of word, one syllable a
// character ("银行" → yin hang), and false when a character has none (a
// Latin letter, a digit, punctuation). Runs of the word found in the
// phrase table read as the table says, longest run first; the other
// characters take their most common reading.
func Readings(word string) ([]string, bool) {
	t := phraseTable()
	runes := []rune(word)
	out := make([]string, 0, len(runes))
	for i := 0; i < len(runes); {
		if n, syl := t.longest(runes[i:]); n > 0 {
			out = append(out, syl...)
			i += n
			continue
		}
		s, ok := CharReading(runes[i])
		if !ok {
			return nil, false
		}
		out = append(out, s)
		i++
	}
	return out, len(out) > 0
}

// CharReading is r's most common reading without tones, from go-pinyin's
// table (Unihan's kMandarin and others), false for a rune it lacks.
func CharReading(r rune) (string, bool) {
	all, ok := gopinyin.PinyinDict[int(r)]
	if !ok {
		return "", false
	}
	first, _, _ := strings.Cut(all, ",")
	return Toneless(first), true
}

// toneless maps the toned vowels to plain letters and ü to v, as pinyin
// keyboards type it.
var toneless = strings.NewReplacer(
	"ā", "a", "á", "a", "ǎ", "a", "à", "a",
	"ē", "e", "é", "e", "ě", "e", "è", "e", "ê", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i",
	"ō", "o", "ó", "o", "ǒ", "o", "ò", "o",
	"ū", "u", "ú", "u", "ǔ", "u", "ù", "u",
	"ü", "v", "ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v",
	"ń", "n", "ň", "n", "ǹ", "n", "ḿ", "m",
)

// Toneless returns a toned syllable (lǜ) as keyboards type it (lv).
func Toneless(s string) string { return toneless.Replace(s) }

// phrases maps a word to its toneless syllables joined by spaces.
type phrases struct {
	words    map[string]string
	maxRunes int
}

var (
	loadPhrases sync.Once
	table       *phrases
)

func phraseTable() *phrases {
	loadPhrases.Do(func() { table = parsePhrases(data.PinyinPhrases) })
	return table
}

// parsePhrases reads "词: cí yǔ" lines; # comments and lines whose
// syllables do not match their characters one to one are skipped.
func parsePhrases(b []byte) *phrases {
	p := &phrases{words: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		word, reading, ok := strings.Cut(sc.Text(), ":")
		if !ok || strings.HasPrefix(word, "#") {
			continue
		}
		word, syl := strings.TrimSpace(word), strings.Fields(Toneless(reading))
		n := utf8.RuneCountInString(word)
		if n < 2 || n != len(syl) {
			continue
		}
		p.words[word] = strings.Join(syl, " ")
		p.maxRunes = max(p.maxRunes, n)
	}
	return p
}

// longest returns the length and reading of the longest phrase that
// starts runes, 0 when none of two or more characters does.
func (p *phrases) longest(runes []rune) (int, []string) {
	for n := min(len(runes), p.maxRunes); n >= 2; n-- {
		if r, ok := p.words[string(runes[:n])]; ok {
			return n, strings.Fields(r)
		}
	}
	return 0, nil
}

// Initials returns the first letter of each syllable: 乡村振兴's xczx.
func Initials(syl []string) string {
	b := make([]byte, 0, len(syl))
	for _, s := range syl {
		if s != "" {
			b = append(b, s[0])
		}
	}
	return string(b)
}

// allReadings are the readings of every character without tones, less
// the interjections without a vowel (m, n, ng, hm, hng): with them
// initials such as nb would split into syllables.
func allReadings() map[string]bool {
	out := map[string]bool{}
	for _, all := range gopinyin.PinyinDict {
		for _, r := range strings.Split(all, ",") {
			if r = Toneless(r); strings.ContainsAny(r, "aeiouv") {
				out[r] = true
			}
		}
	}
	return out
}
