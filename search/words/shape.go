package words

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// The shape rules reject strings that are phrases or fragments rather than
// words, from how jieba cut them (their pieces) and from where each
// character stands in the words jieba makes of the whole corpus. They use
// no list of words: only the dictionaries and the walked articles.
const (
	// minPlaced is how many occurrences a character needs before its
	// places are trusted; a rarer one is never the reason to reject.
	minPlaced = 20
	// ownShare: a candidate holding a dictionary word of two or more
	// characters must account for this share of that word's occurrences.
	// Below it the word mostly stands without the candidate's other
	// characters, and the candidate is a phrase built on it (居世界 holds
	// 2.6% of 世界's occurrences, 党领导 6%); a coined word owns most of
	// its part (新时代 80% of 时代, 大湾区 97% of 大湾). xwlb's words and
	// phrases part around a third.
	ownShare = 0.35
)

// placeShare: a character's share of its occurrences in each place.
type placeShare struct{ alone, first, inside, last float64 }

func (c *counter) share(r rune) (placeShare, bool) {
	p := c.chars[r]
	if p == nil || p.total() < minPlaced {
		return placeShare{}, false
	}
	t := float64(p.total())
	return placeShare{float64(p.alone) / t, float64(p.first) / t, float64(p.inside) / t, float64(p.last) / t}, true
}

// misshapen says why w, proposed as pieces, is no word ("" when it may
// be one). known tells dictionary words; occ counts occurrences of w's
// substrings.
func (c *counter) misshapen(w string, pieces []string, known func(string) bool, occ func(string) int) string {
	long := func(i int) bool { return utf8.RuneCountInString(pieces[i]) > 1 && known(pieces[i]) }
	single := func(i int) bool { return utf8.RuneCountInString(pieces[i]) == 1 }
	n := len(pieces)
	serial := isSerialName(w)
	if n > 1 && allOf(n, long) && !serial {
		// Two dictionary words side by side (经济发展, 交流合作): jieba
		// already finds both, and search finds the pair by them.
		return "compound of dictionary words"
	}
	if isNumeralMeasure(w) {
		return "numeral and measure word"
	}
	for i := 1; i < n-1; i++ {
		if s, ok := c.share(firstRune(pieces[i])); ok && single(i) && s.alone > 0.5 && long(i-1) && long(i+1) {
			return "function character between dictionary words" // 公布的数据, 国际和地区
		}
	}
	if r := c.badStart(w, pieces, n, long, single); r != "" {
		return r
	}
	if r := c.badEnd(w, pieces, n, long, single); r != "" {
		return r
	}
	if serial || slices.ContainsFunc(pieces, func(p string) bool { return coins(w, p, known, occ) }) {
		return ""
	}
	for i, p := range pieces {
		if long(i) && float64(occ(w)) < ownShare*float64(occ(p)) {
			return "phrase built on " + p
		}
	}
	return ""
}

// coins tells whether piece p of w is a string of two or more characters
// no dictionary holds that occurs almost only inside w (具身 in 具身智能):
// then w brings a new word, whatever the dictionary word beside it.
func coins(w, p string, known func(string) bool, occ func(string) int) bool {
	return utf8.RuneCountInString(p) > 1 && !known(p) && float64(occ(w)) >= 0.9*float64(occ(p))
}

// badStart rejects a string whose first character mostly stands inside or
// at the end of jieba's words (量达, 界人士, 斯克), or mostly alone, as a
// function word does (已超, 目前已). Before a dictionary word, a single
// character needs only a simple majority against it (年以来, 局今天).
func (c *counter) badStart(w string, pieces []string, n int, long, single func(int) bool) string {
	r := firstRune(w)
	s, ok := c.share(r)
	if !ok {
		return ""
	}
	limit := 0.75
	if n > 1 && single(0) && long(1) {
		limit = 0.5
	}
	switch {
	case s.inside+s.last > limit:
		return "starts inside words: " + string(r)
	case s.alone > 0.5 && (single(0) || n == 1):
		return "starts with a function character: " + string(r)
	}
	return ""
}

// badEnd is badStart's mirror: a last character that mostly begins or
// stands inside words (打击乌, 全国各) or stands alone (声明说). After a
// dictionary word a single character that stands alone a quarter of the
// time is a particle or complement (落实好, 建成后).
func (c *counter) badEnd(w string, pieces []string, n int, long, single func(int) bool) string {
	r, _ := utf8.DecodeLastRuneInString(w)
	s, ok := c.share(r)
	if !ok {
		return ""
	}
	afterWord := n > 1 && single(n-1) && long(n-2)
	limit, alone := 0.75, 0.5
	if afterWord {
		limit, alone = 0.5, 0.25
	}
	switch {
	case s.first+s.inside > limit:
		return "ends where words begin: " + string(r)
	case s.alone > alone && single(n-1) && n > 1:
		return "ends with a function character: " + string(r)
	}
	return ""
}

// isNumeralMeasure tells a numeral followed by one more character (二十届,
// 三年): a count of something, not a word. Numerals alone (十五五, the
// plan's name) pass.
func isNumeralMeasure(w string) bool {
	last, size := utf8.DecodeLastRuneInString(w)
	head := w[:len(w)-size]
	return head != "" && !strings.ContainsRune(numerals, last) &&
		strings.Trim(head, numerals) == ""
}

// isSerialName tells a name followed by a serial number and 号 (鹊桥二号,
// 神舟十八号, 华龙一号): one craft, ship or reactor of a series, a word
// though jieba knows both its name and the number, and though the
// series' name stands mostly without this number.
func isSerialName(w string) bool {
	head, ok := strings.CutSuffix(w, "号")
	if !ok {
		return false
	}
	name := strings.TrimRight(head, numerals)
	return name != "" && name != head
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func allOf(n int, f func(int) bool) bool {
	for i := range n {
		if !f(i) {
			return false
		}
	}
	return true
}
