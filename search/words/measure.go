package words

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/zh"
)

// numerals are the Han characters of numbers.
const numerals = "零〇一二三四五六七八九十百千万亿两"

// around is how many characters an example shows on each side.
const around = 10

// stats is what the second walk learns of one candidate.
type stats struct {
	df          int
	last        int // the article that last counted in df
	left, right map[rune]int
	// occurrences at the left or right edge of a Han run: a boundary each
	freeLeft, freeRight int
	// occurrences after a numeral: a measure word's phrase (5日称, 3人死亡)
	afterNumber int
	first       Article
	examples    []string
}

// measure is the second walk: occurrences of the candidates' substrings
// (for cohesion) and the candidates' neighbours, dates and examples.
type measure struct {
	cand map[string]*stats
	occ  map[string]int // every substring of a candidate
	han  int            // Han characters walked: occ's denominator
	n    int            // articles
}

func newMeasure(words []string) *measure {
	m := &measure{cand: map[string]*stats{}, occ: map[string]int{}}
	for _, w := range words {
		m.cand[w] = &stats{last: -1, left: map[rune]int{}, right: map[rune]int{}}
		for _, s := range substrings(w) {
			m.occ[s] = 0
		}
	}
	return m
}

// add looks up every string of 1 to maxRunes Han characters of a's text.
// Substrings of the normalized text are looked up without copying.
func (m *measure) add(a Article) {
	text := zh.Normalize(a.Title + "\n" + a.Body)
	var offs []int // byte offsets of the current Han run's characters, and its end
	for i, r := range text {
		if unicode.Is(unicode.Han, r) {
			offs = append(offs, i)
			continue
		}
		m.run(a, text, append(offs, i))
		offs = offs[:0]
	}
	m.run(a, text, append(offs, len(text)))
	m.n++
}

// run counts the strings of one Han run, offs its characters' offsets
// followed by its end.
func (m *measure) run(a Article, text string, offs []int) {
	chars := len(offs) - 1
	m.han += chars
	for i := 0; i < chars; i++ {
		for j := i + 1; j <= chars && j-i <= maxRunes; j++ {
			s := text[offs[i]:offs[j]]
			n, ok := m.occ[s]
			if !ok {
				continue
			}
			m.occ[s] = n + 1
			if st := m.cand[s]; st != nil {
				m.seen(st, a, text, offs, i, j)
			}
		}
	}
}

func (m *measure) seen(st *stats, a Article, text string, offs []int, i, j int) {
	if i == 0 {
		st.freeLeft++
		if before, _ := utf8.DecodeLastRuneInString(text[:offs[i]]); unicode.IsDigit(before) {
			st.afterNumber++
		}
	} else {
		r, _ := utf8.DecodeRuneInString(text[offs[i-1]:])
		st.left[r]++
		if strings.ContainsRune(numerals, r) {
			st.afterNumber++
		}
	}
	if j == len(offs)-1 {
		st.freeRight++
	} else {
		r, _ := utf8.DecodeRuneInString(text[offs[j]:])
		st.right[r]++
	}
	if st.last == m.n {
		return
	}
	st.last = m.n
	st.df++
	if st.df == 1 || a.Date.Before(st.first.Date) {
		st.first = a
	}
	if len(st.examples) < 2 {
		st.examples = append(st.examples, example(text, offs[i], offs[j]))
	}
}

// example is the text around [from, to), around characters each side.
func example(text string, from, to int) string {
	for k := 0; k < around && from > 0; k++ {
		_, n := utf8.DecodeLastRuneInString(text[:from])
		from -= n
	}
	for k := 0; k < around && to < len(text); k++ {
		_, n := utf8.DecodeRuneInString(text[to:])
		to += n
	}
	return text[from:to]
}

// candidates returns the measured strings that pass opt's thresholds and
// the shape rules (shape.go) of the first walk.
func (m *measure) candidates(opt Options, first *counter) []Candidate {
	var out []Candidate
	count := func(s string) int { return m.occ[s] }
	for w, st := range m.cand {
		occ := st.freeLeft
		for _, n := range st.left {
			occ += n
		}
		if st.df < opt.MinCount || st.afterNumber*3 > occ ||
			first.misshapen(w, first.pieces(w), opt.Known, count) != "" {
			continue
		}
		c := Candidate{Word: w, Count: st.df, FirstSeen: st.first.Date, Examples: st.examples,
			Cohesion: m.cohesion(w), Entropy: min(entropy(st.left, st.freeLeft), entropy(st.right, st.freeRight))}
		if c.Cohesion >= opt.MinCohesion && c.Entropy >= opt.MinEntropy {
			c.Cohesion = math.Round(c.Cohesion*100) / 100
			c.Entropy = math.Round(c.Entropy*100) / 100
			out = append(out, c)
		}
	}
	return out
}

// cohesion is the least pointwise mutual information over w's splits
// into two parts, in bits.
func (m *measure) cohesion(w string) float64 {
	r := []rune(w)
	pw := float64(m.occ[w]) / float64(m.han)
	best := math.Inf(1)
	for k := 1; k < len(r); k++ {
		px := float64(m.occ[string(r[:k])]) / float64(m.han)
		py := float64(m.occ[string(r[k:])]) / float64(m.han)
		best = min(best, math.Log2(pw/(px*py)))
	}
	return best
}

// entropy of a side's neighbours, in bits; each of the free boundaries
// (punctuation, the text's edge) counts as a neighbour of its own.
func entropy(side map[rune]int, free int) float64 {
	total := float64(free)
	for _, n := range side {
		total += float64(n)
	}
	if total == 0 {
		return 0
	}
	h := float64(free) * math.Log2(total) / total
	for _, n := range side {
		p := float64(n) / total
		h -= p * math.Log2(p)
	}
	return h
}
