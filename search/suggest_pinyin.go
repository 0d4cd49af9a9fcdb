package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/pinyin"
)

// pinyinKeys index a suggester's Hanzi words by how they are typed in
// pinyin, each sorted by key: full is the whole reading (乡村振兴:
// xiangcunzhenxing), initials the first letters of words of three or
// more characters (xczx).
type pinyinKeys struct {
	full, initials []keyRef
}

// keyRef is a pinyin key and the index of its word in suggester.terms.
type keyRef struct {
	key  string
	term int32
}

// minInitialsRunes: the initials of shorter words are too ambiguous to
// suggest from (two letters match hundreds of words).
const minInitialsRunes = 3

func newPinyinKeys(terms []termCount) pinyinKeys {
	var k pinyinKeys
	for i, t := range terms {
		syl, ok := pinyin.Readings(t.term)
		if !ok {
			continue
		}
		k.full = append(k.full, keyRef{strings.Join(syl, ""), int32(i)})
		if len(syl) >= minInitialsRunes {
			k.initials = append(k.initials, keyRef{pinyin.Initials(syl), int32(i)})
		}
	}
	for _, refs := range [][]keyRef{k.full, k.initials} {
		sort.Slice(refs, func(a, b int) bool { return refs[a].key < refs[b].key })
	}
	return k
}

// withPrefix returns the refs whose key starts with p, at most
// suggestScan of them.
func withPrefix(refs []keyRef, p string) []keyRef {
	i := sort.Search(len(refs), func(i int) bool { return refs[i].key >= p })
	j := i
	for j < len(refs) && j-i < suggestScan && strings.HasPrefix(refs[j].key, p) {
		j++
	}
	return refs[i:j]
}

// Ranks of a suggestion: a word the input spells whole comes before the
// words it starts, then by count.
const (
	rankWhole = iota
	rankPrefix
)

// pinyinTail splits prefix into what comes before its pinyin and the
// pinyin: the trailing run of letters and Hanzi, with spaces inside it
// only between letters ("中国 xiang cun" → "中国 ", "xiang cun").
func pinyinTail(prefix string) (head, tail string) {
	i := len(prefix)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(prefix[:i])
		if r == ' ' || r == '\'' {
			before, _ := utf8.DecodeLastRuneInString(prefix[:i-size])
			after, _ := utf8.DecodeRuneInString(prefix[i:])
			if !isLetter(before) || !isLetter(after) {
				break
			}
		} else if !isLetter(r) && !unicode.Is(unicode.Han, r) {
			break
		}
		i -= size
	}
	return prefix[:i], prefix[i:]
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// pinyinCandidates adds to cands the Hanzi words that tail spells in
// pinyin, with their ranks.
func (sg *suggester) pinyinCandidates(tail string, cands map[string]ranked) {
	in, ok := pinyin.Parse(tail)
	if !ok {
		return
	}
	if ini, ok := in.Initials(); ok {
		for _, ref := range withPrefix(sg.py.initials, ini) {
			sg.addPinyin(ref.term, ref.key == ini, cands)
		}
		return
	}
	if lead := in.Lead(); lead != "" {
		for _, ref := range withPrefix(sg.py.full, lead) {
			sg.matchPinyin(in, ref.term, cands)
		}
		return
	}
	// Hanzi first (乡cun): the words that start with them.
	han := hanLead(in)
	i := sort.Search(len(sg.terms), func(i int) bool { return sg.terms[i].term >= han })
	for end := i + suggestScan; i < len(sg.terms) && i < end && strings.HasPrefix(sg.terms[i].term, han); i++ {
		sg.matchPinyin(in, int32(i), cands)
	}
}

// hanLead is the Hanzi typed before the first letter.
func hanLead(in pinyin.Input) string {
	var b strings.Builder
	for _, t := range in.Tokens {
		if t.Latin != "" {
			break
		}
		b.WriteRune(t.Han)
	}
	return b.String()
}

func (sg *suggester) matchPinyin(in pinyin.Input, term int32, cands map[string]ranked) {
	w := sg.terms[term].term
	syl, ok := pinyin.Readings(w)
	if !ok {
		return
	}
	if ok, whole := in.Match([]rune(w), syl); ok {
		sg.addPinyin(term, whole, cands)
	}
}

func (sg *suggester) addPinyin(term int32, whole bool, cands map[string]ranked) {
	t := sg.terms[term]
	rank := rankPrefix
	if whole {
		rank = rankWhole
	}
	c := cands[t.term]
	if _, seen := cands[t.term]; !seen || rank < c.rank {
		c.rank = rank
	}
	c.count += t.count
	cands[t.term] = c
}
