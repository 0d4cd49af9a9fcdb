package eval

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/registry"

	"github.com/xinwen-search/xinwen/search/pinyin"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Pinyin suggestion accuracy is measured on the pinyinWords most frequent
// Hanzi words of two or more characters in the titles, each in at least
// pinyinMinTitles titles.
const (
	pinyinWords     = 500
	pinyinMinTitles = 3
)

// PinyinResult is the share of frequent title words that /api/suggest
// lists for their pinyin: full and spaced in the first five, initials
// (words of three or more characters) in the first ten.
type PinyinResult struct {
	Full, Spaced, Initials Share
}

// Share is hits out of n.
type Share struct{ Hits, N int }

func (s Share) String() string {
	if s.N == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f (%d/%d)", float64(s.Hits)/float64(s.N), s.Hits, s.N)
}

// suggester is what the pinyin measure needs of xinwen.
type suggester interface {
	Suggest(ctx context.Context, prefix string, n int) ([]string, error)
}

// MeasurePinyin asks s for the pinyin of the frequent title words of docs.
func MeasurePinyin(ctx context.Context, s suggester, docs []Doc) (*PinyinResult, error) {
	words, err := frequentTitleWords(docs)
	if err != nil {
		return nil, err
	}
	var r PinyinResult
	listed := func(share *Share, form, word string, k int) error {
		got, err := s.Suggest(ctx, form, k)
		if err != nil {
			return fmt.Errorf("eval: suggest %q: %w", form, err)
		}
		share.N++
		if slices.Contains(got, word) {
			share.Hits++
		}
		return nil
	}
	for _, w := range words {
		syl, ok := pinyin.Readings(w)
		if !ok {
			continue
		}
		err := listed(&r.Full, strings.Join(syl, ""), w, 5)
		if err == nil {
			err = listed(&r.Spaced, strings.Join(syl, " "), w, 5)
		}
		if err == nil && len(syl) >= 3 {
			err = listed(&r.Initials, pinyin.Initials(syl), w, 10)
		}
		if err != nil {
			return nil, err
		}
	}
	return &r, nil
}

// frequentTitleWords cuts the titles with the query analyzer and returns
// the most frequent Hanzi words, most frequent first.
func frequentTitleWords(docs []Doc) ([]string, error) {
	a, err := registry.NewCache().AnalyzerNamed(zh.QueryAnalyzerName)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	titles := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, t := range a.Analyze([]byte(d.Title)) {
			w := string(t.Term)
			if !seen[w] && hanWord(w) {
				seen[w] = true
				titles[w]++
			}
		}
	}
	var words []string
	for w, n := range titles {
		if n >= pinyinMinTitles {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if titles[words[i]] != titles[words[j]] {
			return titles[words[i]] > titles[words[j]]
		}
		return words[i] < words[j]
	})
	return words[:min(len(words), pinyinWords)], nil
}

func hanWord(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2
}

// pinyinRows show the suggestion accuracy under xinwen, the only engine
// that suggests.
func (r *Report) pinyinRows() []row {
	if r.Pinyin == nil {
		return nil
	}
	cell := func(s Share) func(e *EngineResult) string {
		return func(e *EngineResult) string {
			if e.Name != NameXinwen {
				return "–"
			}
			return s.String()
		}
	}
	p := r.Pinyin
	return []row{
		{fmt.Sprintf("pinyin suggestions, full, in the first 5 (%d frequent title words)", p.Full.N), cell(p.Full)},
		{"pinyin suggestions, spaced, in the first 5", cell(p.Spaced)},
		{fmt.Sprintf("pinyin suggestions, initials, in the first 10 (%d words of 3+ characters)", p.Initials.N), cell(p.Initials)},
	}
}
