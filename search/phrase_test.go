package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search/zh"
)

// exactPhraseQuery must find exactly what Bleve's MultiPhraseQuery finds
// on the same slots, with the same scores: texts from a four-character
// alphabet repeat bigrams at many positions, the hard case for both.
// Bleve's phrase runs on the same articles indexed with the overlay's
// mapping, which keeps body_ng's positions in Bleve; exactPhraseQuery
// runs on both: reading the positions from the generation's ngpos files,
// and from Bleve.
func TestExactPhraseAgreesWithBleve(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	alphabet := []rune("甲乙丙丁")
	text := func(n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
			if rng.IntN(9) == 0 {
				rs[i] = '，'
			}
		}
		return string(rs)
	}
	var docs []fixture
	for i := range 60 {
		docs = append(docs, fixture{id: fmt.Sprintf("d%02d", i), title: text(6), body: text(40 + rng.IntN(40)), date: "2024-01-02"})
	}
	ix := openFixtures(t, docs)
	withPositions := openBleveShards(t, writeGenerationMapping(t, t.TempDir(), "gen-positions", docs, newOverlayMapping()))
	if positionsFor(mustReader(t, ix.shards[0])) == nil {
		t.Fatal("the generation's shard has no positions file registered")
	}
	for range 200 {
		phrase := text(2 + rng.IntN(5))
		toks, err := zh.Analyze(zh.BigramAnalyzerName, phrase)
		if err != nil {
			t.Fatal(err)
		}
		if len(toks) < 2 {
			continue
		}
		slots := sparsePhrase(toks)
		bq := query.NewMultiPhraseQuery(slots, FieldBodyNgram)
		bq.SetBoost(0.7)
		want := runAlias(t, withPositions, bq)
		for name, got := range map[string]map[string]float64{
			"ngpos": run(t, ix, newExactPhrase(FieldBodyNgram, slots, 0.7)),
			"Bleve": runAlias(t, withPositions, newExactPhrase(FieldBodyNgram, slots, 0.7)),
		} {
			if len(got) != len(want) {
				t.Fatalf("%q, positions from %s: %d hits %v, Bleve's phrase %d %v", phrase, name, len(got), keys(got), len(want), keys(want))
			}
			for id, s := range want {
				if g, ok := got[id]; !ok || math.Abs(g-s) > 1e-9 {
					t.Fatalf("%q, positions from %s: %s scored %v (found %v), Bleve's phrase %v", phrase, name, id, g, ok, s)
				}
			}
		}
	}
}

// TestPhraseWithoutPositionsFails: a phrase on a body field that has no
// positions, in Bleve or in an ngpos file, is an error, not zero hits.
func TestPhraseWithoutPositionsFails(t *testing.T) {
	docs := []fixture{{id: "a", title: "标题", body: "经济发展很快", date: "2024-01-02"}}
	bare := openBleveShards(t, writeGeneration(t, t.TempDir(), "gen-bare", docs))
	_, err := strictAlias{bare}.SearchInContext(context.Background(), bleve.NewSearchRequest(phraseQuery(FieldBodyNgram, "经济发展", 1)))
	if !errors.Is(err, errNoPositions) {
		t.Fatalf("phrase without positions: %v, want errNoPositions", err)
	}
}

// openBleveShards opens a generation's shards as a plain Bleve alias: no
// positions files registered.
func openBleveShards(t *testing.T, gen string) bleve.IndexAlias {
	t.Helper()
	var shards []bleve.Index
	for i := range 2 {
		s, err := bleve.OpenUsing(generation.ShardDir(gen, i), map[string]any{"read_only": true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		shards = append(shards, s)
	}
	alias := bleve.NewIndexAlias(shards...)
	if err := alias.SetIndexMapping(NewMapping()); err != nil {
		t.Fatal(err)
	}
	return alias
}

func mustReader(t *testing.T, ix bleve.Index) index.IndexReader {
	t.Helper()
	adv, err := ix.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// run searches ix as its searches do, with global BM25 statistics.
func run(t *testing.T, ix *Index, q query.Query) map[string]float64 {
	t.Helper()
	return searchScores(t, ix.globalScoring(context.Background()), ix.alias, q)
}

// runAlias searches a plain Bleve alias with global BM25 statistics.
func runAlias(t *testing.T, alias bleve.Index, q query.Query) map[string]float64 {
	t.Helper()
	return searchScores(t, context.WithValue(context.Background(), bsearch.SearchTypeKey, bsearch.GlobalScoring), alias, q)
}

func searchScores(t *testing.T, ctx context.Context, alias bleve.Index, q query.Query) map[string]float64 {
	t.Helper()
	res, err := alias.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 1000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	return out
}

func keys(m map[string]float64) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}

// A quoted phrase that begins or ends with one character cut off by
// punctuation finds it where the text's run goes on past that character.
func TestPhraseEdgeCharacters(t *testing.T) {
	docs := []fixture{
		{id: "start", title: "标题", body: "今天天气很好，发展迅速。"},
		{id: "end", title: "标题", body: "经济发展，好的方面很多。"},
		{id: "both", title: "标题", body: "发展，好，发展"},
		{id: "none", title: "标题", body: "发展很好，好发展"},
	}
	ix := openFixtures(t, docs)
	tests := []queryHits{
		{`"好，发展"`, []string{"start", "both"}},
		{`"发展，好"`, []string{"end", "both"}},
		{`"发展 好"`, []string{"end", "both"}}, // any separator
		{`"展，好，发"`, []string{"both"}},
		{`"好，发展" -"发展，好"`, []string{"start"}},
	}
	wantHits(t, ix, tests)
}

// Punctuation or space inside quotes stands for punctuation or space in
// the text, never for a character: positions alone put 经济 and 社会 as far
// apart in 经济和社会 as in 经济，社会.
func TestPhraseGapIsNotACharacter(t *testing.T) {
	docs := []fixture{
		{id: "comma", title: "标题", body: "推动经济，社会协调。"},
		{id: "space", title: "经济 社会观察", body: "正文"},
		{id: "char", title: "标题", body: "推动经济和社会协调。"},
		{id: "longer", title: "标题", body: "经济，社会主义，发展"},
		{id: "three", title: "标题", body: "经济，社会，发展"},
		{id: "digits", title: "标题", body: "增长7.8%，另有1758万亩。"},
		{id: "noDot", title: "标题", body: "共1758万亩。"},
	}
	ix := openFixtures(t, docs)
	tests := []queryHits{
		{`"经济，社会"`, []string{"comma", "space", "longer", "three"}},
		{`"经济，社会，发展"`, []string{"three"}},
		{`"7.8%"`, []string{"digits"}},
		{`协调 -"经济，社会"`, []string{"char"}},
	}
	wantHits(t, ix, tests)
}

type queryHits struct {
	q    string
	want []string
}

// wantHits runs each query in relevance and in date order (which does not
// score) and checks the set of ids found.
func wantHits(t *testing.T, ix *Index, tests []queryHits) {
	t.Helper()
	for _, tt := range tests {
		for _, sort := range []string{xinwen.SortRelevance, xinwen.SortDate} {
			if got := ids(search(t, ix, xinwen.SearchRequest{Query: tt.q, Sort: sort})); !sameSet(got, tt.want) {
				t.Errorf("%s, sort=%s: got %v, want %v", tt.q, sort, got, tt.want)
			}
		}
	}
}

// A phrase restricted to a few ids (the as-typed check of a window of
// hits) finds exactly those of them the unrestricted phrase finds.
func TestPhraseWithinIDs(t *testing.T) {
	docs := []fixture{
		{id: "a", title: "一", body: "推进经济发展", date: "2024-01-02"},
		{id: "b", title: "二", body: "经济发展很快", date: "2024-01-02"},
		{id: "c", title: "三", body: "经济和发展", date: "2024-01-02"},
		{id: "d", title: "四", body: "发展经济", date: "2024-01-02"},
		{id: "e", title: "经济发展", body: "无关", date: "2024-01-02"},
	}
	ix := openFixtures(t, docs)
	all := run(t, ix, substringQuery("经济发展", 1, 1))
	if keys(all) != "a,b,e" {
		t.Fatalf("经济发展 found %s, want a,b,e", keys(all))
	}
	for _, ids := range [][]string{{"a", "c"}, {"b", "d", "e"}, {"c", "d"}} {
		got := run(t, ix, withinIDs(substringQuery("经济发展", 1, 1), ids))
		var want []string
		for _, id := range ids {
			if _, ok := all[id]; ok {
				want = append(want, id)
			}
		}
		if keys(got) != strings.Join(want, ",") {
			t.Errorf("within %v: %s, want %v", ids, keys(got), want)
		}
	}
}
