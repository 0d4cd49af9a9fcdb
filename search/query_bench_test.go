package search

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/data"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/internal/testcorpus"
	"github.com/xinwen-search/xinwen/internal/zhtest"
	"github.com/xinwen-search/xinwen/search/synonym"
	"github.com/xinwen-search/xinwen/search/syntax"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// BenchmarkQueries runs 50 varied queries (words, phrases, several words,
// exclusions, single characters) against 1,000 corpus articles: the whole
// search path, parsing and building included. One op is all 50.
func BenchmarkQueries(b *testing.B) {
	docs := readCorpusFixtures(b, testcorpus.Path(b, "xwlb.jsonl.gz"), 1000)
	ix := openFixtures(b, docs)
	queries := benchQueries(docs)
	ctx := context.Background()
	for b.Loop() {
		for _, q := range queries {
			if _, err := ix.Search(ctx, xinwen.SearchRequest{Query: q, Size: 10}); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
		}
	}
}

// benchQueries draws queries from spans of word characters in docs.
func benchQueries(docs []fixture) []string {
	rng := rand.New(rand.NewPCG(5, 5))
	span := func(n int) string {
		for {
			rs := []rune(docs[rng.IntN(len(docs))].body)
			if len(rs) <= n {
				continue
			}
			s := rng.IntN(len(rs) - n)
			if w := string(rs[s : s+n]); !strings.ContainsFunc(w, func(r rune) bool { return !fold.IsWordRune(r) }) {
				return w
			}
		}
	}
	var qs []string
	for range 15 {
		qs = append(qs, span(2+rng.IntN(5)))
	}
	for range 10 {
		qs = append(qs, `"`+span(4+rng.IntN(7))+`"`)
	}
	for range 10 {
		qs = append(qs, span(2+rng.IntN(3))+" "+span(2+rng.IntN(3)))
	}
	for range 5 {
		qs = append(qs, span(2)+" "+span(3)+" "+span(2))
	}
	for range 5 {
		qs = append(qs, span(2+rng.IntN(3))+" -"+span(2))
	}
	for range 5 {
		qs = append(qs, span(1))
	}
	return qs
}

// BenchmarkAnalyze parses and analyzes the same 50 queries, without
// searching: the part of a search the query syntax and jieba cost.
func BenchmarkAnalyze(b *testing.B) {
	queries := benchQueries(readCorpusFixtures(b, testcorpus.Path(b, "xwlb.jsonl.gz"), 1000))
	for b.Loop() {
		for _, q := range queries {
			if _, err := analyze(syntax.Parse(q)); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
		}
	}
}

// BenchmarkQueriesSynonyms runs the same queries with the built-in
// synonyms in force, as xinwen serve runs by default: what looking up
// words that no rule names costs, plus the few the rules widen.
func BenchmarkQueriesSynonyms(b *testing.B) {
	docs := readCorpusFixtures(b, testcorpus.Path(b, "xwlb.jsonl.gz"), 1000)
	gen := writeGeneration(b, b.TempDir(), generation.Prefix+"bench", docs)
	rules, err := synonym.ParseFixed(data.Synonyms, "data/synonyms.txt")
	if err != nil {
		b.Fatal(err)
	}
	ix, err := Open(gen, Options{DictVersion: zhtest.Version(), Synonyms: rules})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	queries := benchQueries(docs)
	widened := 0
	ctx := context.Background()
	for b.Loop() {
		widened = 0
		for _, q := range queries {
			res, err := ix.Search(ctx, xinwen.SearchRequest{Query: q, Size: 10})
			if err != nil {
				b.Fatalf("%s: %v", q, err)
			}
			widened += len(res.Expanded)
		}
	}
	b.ReportMetric(float64(widened), "widened/op")
}

// BenchmarkQueriesPasted runs 30 pasted sentences (12 to 30 characters of
// a body as they stand, punctuation included) against 1,000 corpus
// articles: the queries the as-typed check of the first hits serves. One
// op is all 30; p99-ms is the slowest query's time in the last op.
func BenchmarkQueriesPasted(b *testing.B) {
	docs := readCorpusFixtures(b, testcorpus.Path(b, "xwlb.jsonl.gz"), 1000)
	ix := openFixtures(b, docs)
	rng := rand.New(rand.NewPCG(7, 7))
	var queries []string
	for len(queries) < 30 {
		rs := []rune(strings.ReplaceAll(docs[rng.IntN(len(docs))].body, "\n", ""))
		n := 12 + rng.IntN(19)
		if len(rs) <= n {
			continue
		}
		s := rng.IntN(len(rs) - n)
		queries = append(queries, strings.Trim(string(rs[s:s+n]), `"- `))
	}
	ctx := context.Background()
	var slowest time.Duration
	for b.Loop() {
		slowest = 0
		for _, q := range queries {
			start := time.Now()
			if _, err := ix.Search(ctx, xinwen.SearchRequest{Query: q, Size: 10}); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
			slowest = max(slowest, time.Since(start))
		}
	}
	b.ReportMetric(float64(slowest.Microseconds())/1000, "p99-ms")
}
