package eval

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/zh"
)

// Known-item query shapes.
const (
	minQueryWords   = 2
	maxQueryWords   = 3
	maxSubheadRunes = 30
)

// KnownItem is a query with the one article that should come first.
type KnownItem struct {
	Query  string // 2-3 words separated by spaces, or a pasted line
	Target string // article id
	Source string // the title or sub-headline the words came from
}

// contentWords are the words of s a reader would type: zh_query's words
// (stop words already gone) of two characters or more, each once, in order.
func contentWords(s string) []string {
	toks, err := zh.Analyze(zh.QueryAnalyzerName, s)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, t := range toks {
		if utf8.RuneCountInString(t.Term) < 2 || seen[t.Term] {
			continue
		}
		seen[t.Term] = true
		out = append(out, t.Term)
	}
	return out
}

// pickWords joins a random 2 or 3 of words, kept in their order; false
// when there are fewer than two.
func pickWords(words []string, rng *rand.Rand) (string, bool) {
	if len(words) < minQueryWords {
		return "", false
	}
	n := min(minQueryWords+rng.IntN(maxQueryWords-minQueryWords+1), len(words))
	keep := rng.Perm(len(words))[:n]
	picked := make([]bool, len(words))
	for _, i := range keep {
		picked[i] = true
	}
	var out []string
	for i, w := range words {
		if picked[i] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " "), true
}

// TitleQueries makes up to n queries from the words of random titles. An
// article whose title another article also has is skipped: which of them
// the reader wanted is unknowable.
func TitleQueries(docs []Doc, n int, rng *rand.Rand) []KnownItem {
	return fromTitles(docs, n, rng, func(title string) (string, bool) {
		return pickWords(contentWords(title), rng)
	})
}

// fromTitles makes up to n queries, query(title), from random titles that
// no other article shares; the target is the title's article.
func fromTitles(docs []Doc, n int, rng *rand.Rand, query func(string) (string, bool)) []KnownItem {
	count := map[string]int{}
	for i := range docs {
		count[docs[i].NormTitle]++
	}
	var out []KnownItem
	for _, i := range rng.Perm(len(docs)) {
		if len(out) == n {
			break
		}
		d := &docs[i]
		if count[d.NormTitle] > 1 {
			continue
		}
		if q, ok := query(d.Title); ok {
			out = append(out, KnownItem{Query: q, Target: d.ID, Source: d.Title})
		}
	}
	return out
}

// SubheadlineQueries makes up to n queries from the sub-headlines of the
// 联播快讯 bundles; the target is the bundle. A sub-headline found in two
// bundles is skipped.
func SubheadlineQueries(docs []Doc, n int, rng *rand.Rand) []KnownItem {
	return fromSubheadlines(docs, n, rng, func(line string) (string, bool) {
		return pickWords(contentWords(line), rng)
	})
}

// PastedSubheadlineQueries makes up to n queries of whole sub-headlines of
// 联播快讯 bundles, pasted as they stand (spaces and punctuation kept); the
// target is the bundle. A sub-headline found in two bundles is skipped.
func PastedSubheadlineQueries(docs []Doc, n int, rng *rand.Rand) []KnownItem {
	return fromSubheadlines(docs, n, rng, pasted)
}

// PastedTitleQueries makes up to n queries of whole titles pasted as they
// stand; the target is the article. Titles two articles share are skipped,
// as in TitleQueries.
func PastedTitleQueries(docs []Doc, n int, rng *rand.Rand) []KnownItem {
	return fromTitles(docs, n, rng, pasted)
}

// pasted is s as a reader pastes it, when it holds at least two words a
// reader would type (a bare name is a title-words query, not a paste).
func pasted(s string) (string, bool) {
	s = strings.TrimSpace(s)
	return s, len(contentWords(s)) >= minQueryWords
}

// fromSubheadlines makes up to n queries, query(line) of random bundle
// sub-headlines found in one bundle only; the target is the bundle.
func fromSubheadlines(docs []Doc, n int, rng *rand.Rand, query func(line string) (string, bool)) []KnownItem {
	type sub struct{ line, id string }
	var subs []sub
	count := map[string]int{}
	for i := range docs {
		if !docs[i].IsBundle() {
			continue
		}
		for _, line := range Subheadlines(docs[i].Body) {
			subs = append(subs, sub{line, docs[i].ID})
			count[zh.Normalize(line)]++
		}
	}
	var out []KnownItem
	for _, i := range rng.Perm(len(subs)) {
		if len(out) == n {
			break
		}
		s := subs[i]
		if count[zh.Normalize(s.line)] > 1 {
			continue
		}
		if q, ok := query(s.line); ok {
			out = append(out, KnownItem{Query: q, Target: s.id, Source: s.line})
		}
	}
	return out
}

// Subheadlines returns the lines of a 快讯 bundle body that lead a story: at
// most 30 characters, no 。, not a lead-in ending in a colon, and followed
// by a paragraph with a 。 (which rules out trailing "---" and timestamp
// lines).
func Subheadlines(body string) []string {
	lines := strings.Split(body, "\n")
	var out []string
	for i := 0; i+1 < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		switch {
		case line == "", utf8.RuneCountInString(line) > maxSubheadRunes,
			strings.Contains(line, "。"), strings.HasSuffix(line, "："), strings.HasSuffix(line, ":"),
			!strings.Contains(lines[i+1], "。"):
			continue
		}
		out = append(out, line)
	}
	return out
}
