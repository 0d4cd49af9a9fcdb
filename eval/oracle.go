package eval

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/zh"
)

// Kind is how an oracle string was cut from its text.
type Kind int

// Oracle string kinds, in equal shares.
const (
	// KindHan is a run of Han characters at a random offset.
	KindHan Kind = iota
	// KindBoundary crosses a jieba word boundary and starts or ends inside
	// a word: no sequence of whole words spells it.
	KindBoundary
	// KindInside is 2-3 characters strictly inside one longer dictionary
	// word (人民 inside 人民币).
	KindInside
	// KindMixed holds at least one ASCII letter or digit and one Han
	// character (5g网, 1月1日).
	KindMixed
	numKinds
)

var kindNames = [numKinds]string{"Han run", "across a word boundary", "inside a longer word", "Han with digits/Latin"}

func (k Kind) String() string { return kindNames[k] }

// Oracle string lengths in characters.
const (
	minProbeRunes = 2
	maxProbeRunes = 10
	maxInside     = 3
	titleShare    = 4 // one sample in titleShare comes from a title
	triesPerProbe = 200
)

// Probe is one oracle string: an exact substring of some article.
type Probe struct {
	Text string
	Kind Kind
	From string // the article it was cut from
}

// SampleProbes draws n distinct oracle strings from the normalized title
// and body of random docs, about n/4 of each kind.
func SampleProbes(docs []Doc, n int, rng *rand.Rand) []Probe {
	seen := map[string]bool{}
	var out []Probe
	for k := range numKinds {
		want := n / int(numKinds)
		if int(k) < n%int(numKinds) {
			want++
		}
		for got, tries := 0, 0; got < want && tries < want*triesPerProbe; tries++ {
			d := &docs[rng.IntN(len(docs))]
			text := d.NormBody
			if rng.IntN(titleShare) == 0 || text == "" {
				text = d.NormTitle
			}
			s, ok := cutters[k]([]rune(text), rng)
			if !ok || seen[s] {
				continue
			}
			seen[s] = true
			out = append(out, Probe{Text: s, Kind: k, From: d.ID})
			got++
		}
	}
	return out
}

// cutters cut one string of their kind from a normalized text.
var cutters = [numKinds]func([]rune, *rand.Rand) (string, bool){
	KindHan: cutHan, KindBoundary: cutBoundary, KindInside: cutInside, KindMixed: cutMixed,
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isProbeRune is what oracle strings are made of: letters and digits.
func isProbeRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// runAround returns the maximal run [a, e) around i of runes satisfying in.
func runAround(rs []rune, i int, in func(rune) bool) (int, int) {
	a, e := i, i
	for a > 0 && in(rs[a-1]) {
		a--
	}
	for e < len(rs) && in(rs[e]) {
		e++
	}
	return a, e
}

// cutAcross picks a random window of 2..10 runes inside [a, e) that holds
// both rs[j-1] and rs[j].
func cutAcross(rs []rune, a, e, j int, rng *rand.Rand) (int, int, bool) {
	n := min(minProbeRunes+rng.IntN(maxProbeRunes-minProbeRunes+1), e-a)
	lo, hi := max(a, j-n+1), min(j-1, e-n)
	if n < minProbeRunes || lo > hi {
		return 0, 0, false
	}
	s := lo + rng.IntN(hi-lo+1)
	return s, s + n, true
}

func cutHan(rs []rune, rng *rand.Rand) (string, bool) {
	if len(rs) == 0 {
		return "", false
	}
	i := rng.IntN(len(rs))
	if !isHan(rs[i]) {
		return "", false
	}
	a, e := runAround(rs, i, isHan)
	n := min(minProbeRunes+rng.IntN(maxProbeRunes-minProbeRunes+1), e-a)
	if n < minProbeRunes {
		return "", false
	}
	s := a + rng.IntN(e-a-n+1)
	return string(rs[s : s+n]), true
}

func cutMixed(rs []rune, rng *rand.Rand) (string, bool) {
	var joints []int // j: rs[j-1], rs[j] are ASCII alphanumeric and Han, either way round
	for j := 1; j < len(rs); j++ {
		if isASCIIAlnum(rs[j-1]) && isHan(rs[j]) || isHan(rs[j-1]) && isASCIIAlnum(rs[j]) {
			joints = append(joints, j)
		}
	}
	if len(joints) == 0 {
		return "", false
	}
	j := joints[rng.IntN(len(joints))]
	a, e := runAround(rs, j, isProbeRune)
	s, t, ok := cutAcross(rs, a, e, j, rng)
	return string(rs[s:t]), ok
}

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// sentenceAround returns the sentence [a, e) holding rs[i]: text between
// sentence-ending punctuation or line breaks.
func sentenceAround(rs []rune, i int) (int, int) {
	return runAround(rs, i, func(r rune) bool { return !strings.ContainsRune("。!?;\n", r) })
}

// words segments rs[a:e] with the query analyzer and returns the words'
// rune spans in rs.
func words(rs []rune, a, e int) []runeSpan {
	text := string(rs[a:e])
	toks, err := zh.Analyze(zh.QueryAnalyzerName, text)
	if err != nil {
		return nil
	}
	out := make([]runeSpan, 0, len(toks))
	for _, t := range toks {
		s := a + utf8.RuneCountInString(text[:t.Start])
		out = append(out, runeSpan{s, s + utf8.RuneCountInString(text[t.Start:t.End])})
	}
	return out
}

type runeSpan struct{ start, end int }

func cutBoundary(rs []rune, rng *rand.Rand) (string, bool) {
	if len(rs) == 0 {
		return "", false
	}
	a, e := sentenceAround(rs, rng.IntN(len(rs)))
	bounds := map[int]bool{}
	var joints []int // word boundaries between two Han characters
	for _, w := range words(rs, a, e) {
		bounds[w.start], bounds[w.end] = true, true
		if j := w.start; j > 0 && isHan(rs[j-1]) && isHan(rs[j]) {
			joints = append(joints, j)
		}
	}
	if len(joints) == 0 {
		return "", false
	}
	j := joints[rng.IntN(len(joints))]
	ra, re := runAround(rs, j, isHan)
	s, t, ok := cutAcross(rs, ra, re, j, rng)
	if !ok || bounds[s] && bounds[t] { // whole words: not this kind
		return "", false
	}
	return string(rs[s:t]), true
}

func cutInside(rs []rune, rng *rand.Rand) (string, bool) {
	if len(rs) == 0 {
		return "", false
	}
	a, e := sentenceAround(rs, rng.IntN(len(rs)))
	var long []runeSpan // Han words of 3 or more characters
	for _, w := range words(rs, a, e) {
		if w.end-w.start > maxInside-1 && allHan(rs[w.start:w.end]) {
			long = append(long, w)
		}
	}
	if len(long) == 0 {
		return "", false
	}
	w := long[rng.IntN(len(long))]
	size := w.end - w.start
	n := minProbeRunes + rng.IntN(min(maxInside, size-1)-minProbeRunes+1)
	s := w.start + rng.IntN(size-n+1)
	return string(rs[s : s+n]), true
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !isHan(r) {
			return false
		}
	}
	return true
}
