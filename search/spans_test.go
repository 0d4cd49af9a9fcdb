package search

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/internal/testcorpus"
	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// TestRandomSpansFound is the reader's guarantee on real text: any span
// of an article, as a reader might paste it (1-12 characters, punctuation
// and single characters included), quoted or not, finds at least every
// article that holds it. The relevance gate's oracle strings are runs of
// word characters; these are not.
func TestRandomSpansFound(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 2,000 corpus articles; skipped with -short")
	}
	docs := readCorpusFixtures(t, testcorpus.Path(t, "xwlb.jsonl.gz"), 2000)
	ix := openFixtures(t, docs)
	norm := make([]string, len(docs))
	for i, d := range docs {
		norm[i] = zh.Normalize(d.title + "\n" + d.body)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	for tried := 0; tried < 150; {
		d := docs[rng.IntN(len(docs))]
		rs := []rune(d.body)
		n := 1 + rng.IntN(12)
		if len(rs) <= n {
			continue
		}
		s := rng.IntN(len(rs) - n)
		span := string(rs[s : s+n])
		if strings.ContainsAny(span, "\n\"＂“”「」『』") || strings.HasPrefix(span, "-") || !strings.ContainsFunc(span, fold.IsWordRune) {
			continue
		}
		tried++
		want := 0
		needle := zh.Normalize(span)
		for _, text := range norm {
			if strings.Contains(text, needle) {
				want++
			}
		}
		for _, q := range []string{`"` + span + `"`, span} {
			if strings.ContainsFunc(q, unicode.IsSpace) && q == span {
				continue // unquoted, a space makes two words: still a superset, but skip
			}
			res := search(t, ix, xinwen.SearchRequest{Query: q, Size: 1, NoFacets: true})
			if res.Total < uint64(want) {
				t.Errorf("q=%s: %d articles, but %d hold %q", q, res.Total, want, span)
			}
		}
	}
}

// readCorpusFixtures reads the first n articles of a JSON Lines corpus.
func readCorpusFixtures(t testing.TB, path string, n int) []fixture {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var out []fixture
	for sc.Scan() && len(out) < n {
		var a struct{ ID, Title, Body string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, fixture{id: fmt.Sprint(a.ID), title: a.Title, body: a.Body, date: "2024-01-01"})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
