package search

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/xinwen-search/xinwen/cluster"
	"github.com/xinwen-search/xinwen/cluster/bands"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/internal/zhtest"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// TestMain loads jieba once for the whole test binary.
func TestMain(m *testing.M) { zhtest.Main(m) }

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// fixtureClusters gives fixtures by id a near-duplicate cluster; the
// others have none, as articles written before clustering.
var fixtureClusters = map[string]string{"c1": "c1", "c2": "c1", "c3": "c1"}

// fixture is one test article.
type fixture struct {
	id, title, body string
	cats            []string
	date            string // YYYY-MM-DD, "" for none
}

// writeGeneration indexes fixtures into a generation directory under root
// (two shards, routed by id) and returns its path.
func writeGeneration(t testing.TB, root, name string, docs []fixture) string {
	t.Helper()
	return writeGenerationMapping(t, root, name, docs, NewMapping())
}

// writeGenerationMapping is writeGeneration with the shards' mapping m.
func writeGenerationMapping(t testing.TB, root, name string, docs []fixture, m *mapping.IndexMappingImpl) string {
	t.Helper()
	gen := filepath.Join(root, name)
	const shards = 2
	for i := range shards {
		ix, err := bleve.New(generation.ShardDir(gen, i), m)
		if err != nil {
			t.Fatal(err)
		}
		b := ix.NewBatch()
		for j, d := range docs {
			if j%shards != i {
				continue
			}
			var date time.Time
			if d.date != "" {
				date, _ = time.ParseInLocation("2006-01-02", d.date, shanghai)
			}
			rec := newRecord(d.id, d.title, d.body, d.cats, date, shanghai)
			rec.Cluster = fixtureClusters[d.id]
			if err := b.Index(d.id, rec); err != nil {
				t.Fatal(err)
			}
		}
		if err := ix.Batch(b); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		if err := FinishShard(context.Background(), generation.ShardDir(gen, i)); err != nil {
			t.Fatal(err)
		}
	}
	// The band table, as xinwen index writes it.
	tab := bands.NewBuilder()
	for _, d := range docs {
		sig := cluster.Sign(d.title, d.body)
		tab.Add(d.id, sig.BandHashes())
	}
	if err := tab.WriteFile(filepath.Join(gen, generation.BandsFile)); err != nil {
		t.Fatal(err)
	}
	err := generation.WriteMeta(gen, generation.Meta{Generation: name, Shards: shards, Docs: uint64(len(docs)),
		Schema: SchemaVersion, DictVersion: zhtest.Version(), Fold: fold.Version(), Zone: "Asia/Shanghai"})
	if err != nil {
		t.Fatal(err)
	}
	return gen
}

// openFixtures builds and opens a generation of docs.
func openFixtures(t testing.TB, docs []fixture) *Index {
	t.Helper()
	gen := writeGeneration(t, t.TempDir(), generation.Prefix+"test", docs)
	ix, err := Open(gen, Options{DictVersion: zhtest.Version()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}
