package search

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinwen-search/xinwen/search/zh"
)

// suggestScan bounds how many dictionary entries one completion looks at.
const suggestScan = 512

// suggester completes a prefix from the words of all titles, most
// frequent first. It is built once per generation from the title field's
// term dictionary, so a completion is a binary search and a short scan.
type suggester struct {
	terms []termCount // sorted by term
}

type termCount struct {
	term  string
	count int
}

func newSuggester(shards []bleve.Index) (*suggester, error) {
	counts := map[string]int{}
	for i, s := range shards {
		d, err := s.FieldDict(FieldTitle)
		if err != nil {
			return nil, fmt.Errorf("search: suggest: shard %d: %w", i, err)
		}
		for e, err := d.Next(); e != nil && err == nil; e, err = d.Next() {
			if suggestible(e.Term) {
				counts[e.Term] += int(e.Count)
			}
		}
		d.Close()
	}
	sg := &suggester{terms: make([]termCount, 0, len(counts))}
	for t, c := range counts {
		sg.terms = append(sg.terms, termCount{t, c})
	}
	sort.Slice(sg.terms, func(i, j int) bool { return sg.terms[i].term < sg.terms[j].term })
	return sg, nil
}

// suggestible keeps words of two or more characters that are not numbers.
func suggestible(t string) bool {
	if utf8.RuneCountInString(t) < 2 {
		return false
	}
	return strings.IndexFunc(t, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' }) >= 0
}

// complete returns up to n completions of the last word of prefix, each
// with the words before it kept, so "中国 足" completes to "中国 足球".
func (sg *suggester) complete(prefix string, n int) []string {
	prefix = strings.TrimLeft(prefix, " \u3000")
	head, last := "", zh.Normalize(prefix)
	if i := strings.LastIndexAny(prefix, " \u3000"); i >= 0 {
		head, last = prefix[:i+1], zh.Normalize(strings.TrimSpace(prefix[i+1:]))
	}
	if last == "" || n <= 0 {
		return []string{}
	}
	i := sort.Search(len(sg.terms), func(i int) bool { return sg.terms[i].term >= last })
	var cands []termCount
	for ; i < len(sg.terms) && len(cands) < suggestScan && strings.HasPrefix(sg.terms[i].term, last); i++ {
		if sg.terms[i].term != last {
			cands = append(cands, sg.terms[i])
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].count > cands[b].count })
	out := make([]string, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, head+c.term)
	}
	return out
}
