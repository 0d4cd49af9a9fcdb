package search

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/upsidedown"
	"github.com/blevesearch/bleve/v2/index/upsidedown/store/boltdb"

	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/internal/zhtest"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// TestOpenRefusesShardsNotScorch: facet tables are read from scorch
// segments. A generation whose shards are of another index type was not
// built by xinwen index; Open says so instead of serving it with every
// facet counted the slow way.
func TestOpenRefusesShardsNotScorch(t *testing.T) {
	gen := filepath.Join(t.TempDir(), generation.Prefix+"upsidedown")
	ix, err := bleve.NewUsing(generation.ShardDir(gen, 0), NewMapping(), upsidedown.Name, boltdb.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	err = generation.WriteMeta(gen, generation.Meta{Shards: 1, Docs: 1, Schema: SchemaVersion, DictVersion: zhtest.Version(), Fold: fold.Version()})
	if err != nil {
		t.Fatal(err)
	}
	opened, err := Open(gen, Options{DictVersion: zhtest.Version()})
	if err == nil {
		opened.Close()
		t.Fatal("Open of an upsidedown shard succeeded")
	}
	if !strings.Contains(err.Error(), "not a scorch index") || !strings.Contains(err.Error(), "shard 0") {
		t.Errorf("Open = %v; want it to name the shard and its index type", err)
	}
}

// TestTableForUntabledReader: a reader that is not one tabled scorch
// segment gets no table, so its hits are counted through doc values
// (TestOverlayDelete checks those counts for the overlay).
func TestTableForUntabledReader(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	if got := ix.facets.tableFor(nil); got != nil {
		t.Errorf("tableFor(a reader that is no scorch snapshot) = %v, want nil", got)
	}
}
