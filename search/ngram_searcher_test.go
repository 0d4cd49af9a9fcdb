package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xinwen-search/xinwen/search/syntax"
)

// The body's bigrams are served from the ngpos files; every query over
// them must find what Bleve finds over the same bigrams in Bleve (the
// overlay's mapping), with the same scores: single bigrams, conjunctions
// of them, lone characters (every bigram holding one), and whole typed
// queries as the search builds them, which mix body_ng with the fields
// Bleve keeps. Texts from a small alphabet give bigrams of every
// frequency, and a few long bodies, varied lengths.
func TestNgramQueriesAgreeWithBleve(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	alphabet := []rune("甲乙丙丁戊己庚辛")
	text := func(n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
			if rng.IntN(7) == 0 {
				rs[i] = '，'
			}
		}
		return string(rs)
	}
	var docs []fixture
	for i := range 90 {
		n := 10 + rng.IntN(60)
		if i%15 == 0 {
			n = 400
		}
		docs = append(docs, fixture{id: fmt.Sprintf("d%02d", i), title: text(5), body: text(n), date: "2024-01-02"})
	}
	ix := openFixtures(t, docs)
	ref := openBleveShards(t, writeGenerationMapping(t, t.TempDir(), "gen-ref", docs, newOverlayMapping()))

	compare := func(what string, q query.Query) {
		t.Helper()
		got, want := run(t, ix, q), runAlias(t, ref, q)
		if len(got) != len(want) {
			t.Fatalf("%s: ngpos found %d %v, Bleve %d %v", what, len(got), keys(got), len(want), keys(want))
		}
		for id, s := range want {
			if g, ok := got[id]; !ok || math.Abs(g-s) > 1e-9*math.Max(1, s) {
				t.Fatalf("%s: %s scored %v (found %v) from ngpos, %v in Bleve", what, id, g, ok, s)
			}
		}
	}
	// The reference shards hold body_ng in Bleve and no ngpos files are
	// registered for them: the same query objects run there as Bleve's own
	// term, prefix and regexp queries.
	if positionsFor(mustReader(t, ix.shards[0])) == nil {
		t.Fatal("the generation's shard has no positions file registered")
	}
	for range 60 {
		a, b := text(2), text(2)
		compare("term "+a, termQuery(FieldBodyNgram, a, 0.3))
		compare("terms "+a+" "+b, allTerms(FieldBodyNgram, []string{a, b}, 0.3))
		c := string(alphabet[rng.IntN(len(alphabet))])
		compare("char "+c, charQuery(FieldBodyNgram, c, 0.3))
		typed := text(2+rng.IntN(3)) + " " + text(2+rng.IntN(4))
		if rng.IntN(3) == 0 {
			typed = `"` + text(3+rng.IntN(3)) + `" ` + text(2)
		}
		p, err := analyze(syntax.Parse(typed))
		if err != nil {
			t.Fatal(err)
		}
		if q := textQuery(p); q != nil {
			compare("query "+typed, q)
		}
	}
}

// A shard whose segments have neither ngpos files nor body_ng in Bleve
// answers a bigram query with an error, not silently nothing.
func TestNgramQueryWithoutBigramsFails(t *testing.T) {
	docs := []fixture{{id: "a", title: "标题", body: "经济发展很快", date: "2024-01-02"}}
	bare := openBleveShards(t, writeGeneration(t, t.TempDir(), "gen-bare", docs))
	for _, q := range []query.Query{termQuery(FieldBodyNgram, "经济", 1), charQuery(FieldBodyNgram, "经", 1)} {
		_, err := strictAlias{bare}.SearchInContext(t.Context(), bleve.NewSearchRequest(q))
		if !errors.Is(err, errNoPositions) {
			t.Fatalf("%T without the body's bigrams: %v, want errNoPositions", q, err)
		}
	}
}

// A document deleted from a segment whose ngpos file still holds it (an
// incremental run replaced it) is neither matched nor counted.
func TestNgramSkipsDeleted(t *testing.T) {
	docs := []fixture{
		{id: "a", body: "经济发展"}, {id: "b", body: "发展"}, {id: "c", body: "经济发展"},
		{id: "d", body: "经济"}, {id: "e", body: "经济发展很快"}, {id: "f", body: "经济发展"},
	}
	ix := openFixtures(t, docs)
	r := mustReader(t, ix.shards[0])
	sp := positionsFor(r)
	if sp == nil {
		t.Fatal("no positions files registered")
	}
	all := func() bsearch.Searcher {
		s, err := newNgramAllSearcher(t.Context(), r, sp, []string{"经济", "济发"}, 1, bsearch.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	one := func() bsearch.Searcher {
		s, err := newNgramTermSearcher(t.Context(), r, sp, "济发", 1, bsearch.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	walk := func(newSearcher func() bsearch.Searcher) (found []uint32, count uint64) {
		t.Helper()
		s := newSearcher()
		ctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(1, 0)}
		for {
			dm, err := s.Next(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if dm == nil {
				return found, s.Count()
			}
			found = append(found, uint32(binary.BigEndian.Uint64(dm.IndexInternalID)))
			ctx.DocumentMatchPool.Put(dm)
		}
	}
	docs0, n := walk(one)
	if len(docs0) < 2 || n != uint64(len(docs0)) {
		t.Fatalf("济发 in shard 0: documents %v, count %d; want two or more, counted", docs0, n)
	}
	if both, _ := walk(all); !slices.Equal(both, docs0) {
		t.Fatalf("经济 and 济发 in shard 0: %v, want %v", both, docs0)
	}
	sp.dels[0] = roaring.BitmapOf(docs0[0])
	rest, n := walk(one)
	if !slices.Equal(rest, docs0[1:]) || n != uint64(len(rest)) {
		t.Fatalf("with document %d deleted: %v, count %d; want %v", docs0[0], rest, n, docs0[1:])
	}
	if both, _ := walk(all); !slices.Equal(both, docs0[1:]) {
		t.Fatalf("经济 and 济发 with document %d deleted: %v, want %v", docs0[0], both, docs0[1:])
	}
}
