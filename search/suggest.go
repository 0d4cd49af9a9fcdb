package search

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/search/zh/fold"
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
// with what comes before it kept, so "中国 足" completes to "中国 足球" and
// "中国，足" to "中国，足球".
func (sg *suggester) complete(prefix string, n int) []string {
	return completeFrom(prefix, n, sg)
}

// completeFrom completes prefix from several suggesters (a generation and
// the ingest overlay), adding up the counts of a word both know; nil ones
// are skipped.
func completeFrom(prefix string, n int, sgs ...*suggester) []string {
	// The last word is the run of letters and digits at the end: after a
	// space, an ideographic space or punctuation ("中国，足", "《求").
	prefix = strings.TrimLeft(prefix, " \u3000")
	head, last := "", zh.Normalize(prefix)
	if i := strings.LastIndexFunc(prefix, func(r rune) bool { return !fold.IsWordRune(r) }); i >= 0 {
		_, size := utf8.DecodeRuneInString(prefix[i:])
		head, last = prefix[:i+size], zh.Normalize(prefix[i+size:])
	}
	if last == "" || n <= 0 {
		return []string{}
	}
	counts := map[string]int{}
	for _, sg := range sgs {
		if sg != nil {
			sg.candidates(last, counts)
		}
	}
	cands := make([]termCount, 0, len(counts))
	for t, c := range counts {
		cands = append(cands, termCount{t, c})
	}
	sort.Slice(cands, func(a, b int) bool {
		if cands[a].count != cands[b].count {
			return cands[a].count > cands[b].count
		}
		return cands[a].term < cands[b].term
	})
	out := make([]string, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, head+c.term)
	}
	return out
}

// candidates adds the words that extend last (at most suggestScan of
// them) with their counts.
func (sg *suggester) candidates(last string, counts map[string]int) {
	i := sort.Search(len(sg.terms), func(i int) bool { return sg.terms[i].term >= last })
	for seen := 0; i < len(sg.terms) && seen < suggestScan && strings.HasPrefix(sg.terms[i].term, last); i++ {
		if sg.terms[i].term != last {
			counts[sg.terms[i].term] += sg.terms[i].count
			seen++
		}
	}
}
