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
	py    pinyinKeys
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
	sg.py = newPinyinKeys(sg.terms)
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
// are skipped. Letters at the end of prefix are also read as pinyin
// ("xiangcun", "xczx", "xiang村"), and the Hanzi words they spell come
// first when spelt whole.
func completeFrom(prefix string, n int, sgs ...*suggester) []string {
	prefix = strings.TrimLeft(prefix, " \u3000")
	if n <= 0 {
		return []string{}
	}
	cands := map[string]ranked{}
	addLiteral(prefix, sgs, cands)
	addPinyin(prefix, sgs, cands)
	list := make([]string, 0, len(cands))
	for t := range cands {
		list = append(list, t)
	}
	sort.Slice(list, func(a, b int) bool {
		ca, cb := cands[list[a]], cands[list[b]]
		if ca.rank != cb.rank {
			return ca.rank < cb.rank
		}
		if ca.count != cb.count {
			return ca.count > cb.count
		}
		return list[a] < list[b]
	})
	return list[:min(n, len(list))]
}

// ranked is a suggestion's rank (rankWhole, rankPrefix) and count.
type ranked struct{ rank, count int }

// addLiteral adds the completions of the last word of prefix, with what
// comes before it kept. The last word is the run of letters and digits
// at the end: after a space, an ideographic space or punctuation
// ("中国，足", "《求").
func addLiteral(prefix string, sgs []*suggester, cands map[string]ranked) {
	head, last := "", zh.Normalize(prefix)
	if i := strings.LastIndexFunc(prefix, func(r rune) bool { return !fold.IsWordRune(r) }); i >= 0 {
		_, size := utf8.DecodeRuneInString(prefix[i:])
		head, last = prefix[:i+size], zh.Normalize(prefix[i+size:])
	}
	if last == "" {
		return
	}
	counts := map[string]int{}
	for _, sg := range sgs {
		if sg != nil {
			sg.candidates(last, counts)
		}
	}
	for t, c := range counts {
		cands[head+t] = ranked{rankPrefix, c}
	}
}

// addPinyin adds the Hanzi words that the letters at the end of prefix
// spell, with what comes before them kept.
func addPinyin(prefix string, sgs []*suggester, cands map[string]ranked) {
	head, tail := pinyinTail(prefix)
	if strings.IndexFunc(tail, isLetter) < 0 {
		return
	}
	words := map[string]ranked{}
	for _, sg := range sgs {
		if sg != nil {
			sg.pinyinCandidates(tail, words)
		}
	}
	for w, r := range words {
		c, seen := cands[head+w]
		if !seen || r.rank < c.rank {
			c.rank = r.rank
		}
		c.count = max(c.count, r.count)
		cands[head+w] = c
	}
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
