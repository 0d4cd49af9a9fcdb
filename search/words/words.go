// Package words finds candidate new words in article text: strings that
// jieba cuts into pieces (or joins by its HMM) and that no dictionary
// holds, recurring across articles, holding together (cohesion: the
// pointwise mutual information of their parts) and standing free (boundary
// entropy: varied characters on both sides), and shaped like words rather
// than phrases or fragments (shape.go). It reads the articles through a
// callback, twice, keeps none of them, and bounds what it counts; no
// Bleve.
package words

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is the text words are found in.
type Article struct {
	Title, Body string
	Date        time.Time
}

// Walk calls fn for every article to search, in any order, stopping at
// its first error. Find walks twice.
type Walk func(fn func(Article) error) error

// Options tune Find; zero values take the defaults.
type Options struct {
	Size        int               // candidates returned; default 100
	MinCount    int               // articles a candidate occurs in; default 5
	MinCohesion float64           // bits; default 4
	MinEntropy  float64           // bits, on both sides; default 1.5
	Known       func(string) bool // the dictionaries' words (normalized); required
	MaxKeys     int               // distinct strings the first pass keeps; default 2,000,000
}

func (o Options) withDefaults() Options {
	o.Size = cmp.Or(o.Size, 100)
	o.MinCount = cmp.Or(o.MinCount, 5)
	o.MinCohesion = cmp.Or(o.MinCohesion, 4)
	o.MinEntropy = cmp.Or(o.MinEntropy, 1.5)
	o.MaxKeys = cmp.Or(o.MaxKeys, 2_000_000)
	return o
}

// Candidate is a string that may be a word missing from the dictionaries.
type Candidate struct {
	Word      string    `json:"word"`
	Count     int       `json:"count"`      // articles holding it
	FirstSeen time.Time `json:"first_seen"` // date of the earliest of them
	Cohesion  float64   `json:"cohesion"`   // min over its splits of log2 p(w)/(p(x)p(y))
	Entropy   float64   `json:"entropy"`    // min of left and right boundary entropy, bits
	Examples  []string  `json:"examples"`   // up to two contexts from different articles
}

// Find returns up to opt.Size candidates, most frequent first. The first
// walk proposes every run of up to three adjacent jieba words (2–6 Han
// characters, no dictionary word, not starting or ending on a function
// character) and counts its articles; the second measures, for those in
// opt.MinCount articles, the occurrences of their substrings, their
// neighbours, first date and examples.
func Find(ctx context.Context, walk Walk, opt Options) ([]Candidate, error) {
	opt = opt.withDefaults()
	if opt.Known == nil {
		return nil, fmt.Errorf("words: find: no dictionary")
	}
	c := newCounter(opt)
	if err := walk(func(a Article) error { c.add(a); return ctx.Err() }); err != nil {
		return nil, fmt.Errorf("words: find: %w", err)
	}
	m := newMeasure(c.frequent(opt.MinCount))
	if err := walk(func(a Article) error { m.add(a); return ctx.Err() }); err != nil {
		return nil, fmt.Errorf("words: find: %w", err)
	}
	return pick(m.candidates(opt, c), opt.Size, opt.Known), nil
}

// pick orders candidates by count (then cohesion), drops a string inside
// a kept one found in about as many articles (within 10%: it occurs only
// as part of it) and a kept one joined to a dictionary word of two or
// more characters (乌军 kept, 打击乌军 dropped: once the shorter is in the
// dictionary the longer is a compound), and keeps size.
func pick(cs []Candidate, size int, known func(string) bool) []Candidate {
	slices.SortFunc(cs, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(b.Cohesion, a.Cohesion), strings.Compare(a.Word, b.Word))
	})
	count := make(map[string]int, len(cs))
	for _, c := range cs {
		count[c.Word] = c.Count
	}
	inside := map[string]bool{}
	for _, o := range cs {
		for _, sub := range substrings(o.Word) {
			if n, ok := count[sub]; ok && sub != o.Word && o.Count*10 >= n*9 {
				inside[sub] = true
			}
		}
	}
	var out []Candidate
	kept := map[string]bool{}
	for _, c := range cs {
		if !inside[c.Word] && !extends(c.Word, kept, known) {
			out = append(out, c)
			kept[c.Word] = true
		}
		if len(out) == size {
			break
		}
	}
	return out
}

// extends tells whether w is a kept candidate and a dictionary word of
// two or more characters, in either order.
func extends(w string, kept map[string]bool, known func(string) bool) bool {
	word := func(s string) bool { return utf8.RuneCountInString(s) > 1 && known(s) }
	for i := range w {
		if i == 0 {
			continue
		}
		x, y := w[:i], w[i:]
		if kept[x] && word(y) || kept[y] && word(x) {
			return true
		}
	}
	return false
}

// substrings lists every substring of w, w included, by runes.
func substrings(w string) []string {
	r := []rune(w)
	var out []string
	for i := range r {
		for j := i + 1; j <= len(r); j++ {
			out = append(out, string(r[i:j]))
		}
	}
	return out
}
