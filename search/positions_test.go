package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/internal/zhtest"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// TestPositionsPerSegment: a shard written in several batches (as an
// incremental run writes) has several segments; FinishShard gives each
// its positions file, a later batch adds one for its new segment only,
// and quoted phrases find their articles in every segment, exactly.
func TestPositionsPerSegment(t *testing.T) {
	gen := filepath.Join(t.TempDir(), generation.Prefix+"segments")
	dir := generation.ShardDir(gen, 0)
	write := func(docs []fixture) {
		t.Helper()
		ix, err := bleve.Open(dir)
		if err == bleve.ErrorIndexPathDoesNotExist {
			ix, err = bleve.New(dir, NewMapping())
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs { // one batch, one segment, per article
			b := ix.NewBatch()
			if err := b.Index(d.id, newRecord(d.id, d.title, d.body, nil, time.Time{}, shanghai)); err != nil {
				t.Fatal(err)
			}
			if err := ix.Batch(b); err != nil {
				t.Fatal(err)
			}
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		if err := FinishShard(context.Background(), dir); err != nil {
			t.Fatal(err)
		}
	}
	files := func() map[string]time.Time {
		t.Helper()
		es, err := os.ReadDir(filepath.Join(dir, positionsDir))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]time.Time{}
		for _, e := range es {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = info.ModTime()
		}
		return out
	}
	var searchQuery func(q query.Query) []string
	search := func(phrase string) []string {
		t.Helper()
		return searchQuery(phraseQuery(FieldBodyNgram, phrase, 1))
	}
	searchQuery = func(q query.Query) []string {
		t.Helper()
		if err := generation.WriteMeta(gen, generation.Meta{Shards: 1, Schema: SchemaVersion, DictVersion: zhtest.Version(), Fold: fold.Version()}); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(gen, Options{DictVersion: zhtest.Version()})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		res, err := ix.alias.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(q, 100, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		sort.Strings(ids)
		return ids
	}

	write([]fixture{
		{id: "a", title: "一", body: "经济发展稳中向好"},
		{id: "b", title: "二", body: "发展经济是第一要务"},
		{id: "c", title: "三", body: "社会经济发展"},
	})
	first := files()
	if len(first) == 0 {
		t.Fatal("no positions files")
	}
	if got := search("经济发展"); !slices.Equal(got, []string{"a", "c"}) {
		t.Fatalf(`"经济发展" found %v, want a c`, got)
	}

	write([]fixture{{id: "d", title: "四", body: "推动经济发展"}})
	second := files()
	kept := 0
	for name, mod := range first {
		if m, ok := second[name]; ok {
			kept++
			if !m.Equal(mod) {
				t.Errorf("%s rewritten although its segment did not change", name)
			}
		}
	}
	if len(second) <= kept && len(second) == len(first) {
		t.Errorf("positions files %v after a new batch, %v before: none for the new segment", second, first)
	}
	if got := search("经济发展"); !slices.Equal(got, []string{"a", "c", "d"}) {
		t.Fatalf(`"经济发展" found %v after the second run, want a c d`, got)
	}
	if got := search("发展经济是"); !slices.Equal(got, []string{"b"}) {
		t.Fatalf(`"发展经济是" found %v, want b`, got)
	}

	// Rewriting a: its first version is gone from every bigram query
	// (Bleve merges it away here; TestNgramSkipsDeleted covers a segment
	// that keeps a deleted document).
	write([]fixture{{id: "a", title: "一", body: "稳中向好"}})
	if got := search("经济发展"); !slices.Equal(got, []string{"c", "d"}) {
		t.Fatalf(`"经济发展" found %v after a was rewritten, want c d`, got)
	}
	if got := searchQuery(termQuery(FieldBodyNgram, "济发", 1)); !slices.Equal(got, []string{"c", "d"}) {
		t.Fatalf("济发 found %v after a was rewritten, want c d", got)
	}
	if got := searchQuery(charQuery(FieldBodyNgram, "稳", 1)); !slices.Equal(got, []string{"a"}) {
		t.Fatalf("稳 found %v after a was rewritten, want a", got)
	}
}
