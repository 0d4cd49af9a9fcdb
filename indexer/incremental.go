package indexer

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinwen-search/xinwen/cluster/bands"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// baseGeneration returns the generation an incremental run starts from
// ("" for a rebuild), after checking it can be updated.
func baseGeneration(cfg Config) (string, error) {
	if !cfg.Incremental {
		return "", nil
	}
	base, err := generation.Current(cfg.Dir)
	if err != nil {
		return "", fmt.Errorf("index: incremental needs a current index: %w", err)
	}
	meta, err := generation.ReadMeta(base)
	if err != nil {
		return "", err
	}
	switch {
	case meta.Shards != cfg.Shards:
		return "", fmt.Errorf("index: current generation has %d shards, this run %d: pass --shards %d or rebuild", meta.Shards, cfg.Shards, meta.Shards)
	case meta.DictVersion != cfg.DictVersion:
		return "", fmt.Errorf("index: current generation uses dictionaries %s, loaded %s: rebuild: %w", meta.DictVersion, cfg.DictVersion, generation.ErrDictMismatch)
	case meta.Fold != fold.Version():
		return "", fmt.Errorf("index: current generation folds script as %s, this run as %s: pass its --script-fold or rebuild: %w", meta.Fold, fold.Version(), generation.ErrFoldMismatch)
	case meta.Schema != search.SchemaVersion:
		return "", fmt.Errorf("index: current generation has schema %d, this build writes %d: rebuild", meta.Schema, search.SchemaVersion)
	}
	return base, nil
}

// updateShard applies updates and deletes in batches to a copy of a
// shard of the current generation; the served one is never written.
type updateShard struct {
	ix    bleve.Index
	batch *bleve.Batch
	size  int
}

func openUpdateShard(src, dst string, batchSize int) (*updateShard, error) {
	if err := generation.CopyTree(src, dst); err != nil {
		return nil, fmt.Errorf("index: copy %s: %w", src, err)
	}
	ix, err := bleve.Open(dst)
	if err != nil {
		return nil, fmt.Errorf("index: open copy %s: %w", dst, err)
	}
	return &updateShard{ix: ix, batch: ix.NewBatch(), size: batchSize}, nil
}

func (s *updateShard) put(d doc) error {
	if d.rec == nil {
		s.batch.Delete(d.id)
	} else if err := s.batch.Index(d.id, d.rec); err != nil {
		return fmt.Errorf("index: %s: %w", d.id, err)
	}
	if s.batch.Size() >= s.size {
		return s.flush()
	}
	return nil
}

func (s *updateShard) has(id string) (bool, error) {
	d, err := s.ix.Document(id)
	if err != nil {
		return false, fmt.Errorf("index: look up %s: %w", id, err)
	}
	return d != nil, nil
}

func (s *updateShard) flush() error {
	if s.batch.Size() == 0 {
		return nil
	}
	err := s.ix.Batch(s.batch)
	// A new batch, not Reset: scorch's dispatch goroutine may still be
	// reading the old one's operations when Batch returns (the race
	// detector saw it).
	s.batch = s.ix.NewBatch()
	return err
}

// abandon closes the copied index without writing the pending batch.
func (s *updateShard) abandon() { s.ix.Close() }

func (s *updateShard) close() error {
	err := s.flush()
	if cerr := s.ix.Close(); err == nil {
		err = cerr
	}
	return err
}

// existing makes gate join the clusters of the base generation (of an
// incremental run; a rebuild has none): the candidates of a new article
// are the base's articles its band table finds, less those this run
// deletes, read from the shards' copies.
func (w *writer) existing(ctx context.Context, gate *Gate) {
	if w.base == nil {
		return
	}
	ixs := make([]bleve.Index, 0, len(w.shards))
	for _, s := range w.shards {
		if u, ok := s.(*updateShard); ok {
			ixs = append(ixs, u.ix)
		}
	}
	alias := bleve.NewIndexAlias(ixs...)
	deleted := func(id string) bool {
		_, ok := w.deleted[id]
		return ok
	}
	gate.Existing(func(hs []uint64) ([]search.Member, error) {
		ms, err := search.Members(ctx, alias, w.base.Lookup(hs, search.MaxCandidates, deleted))
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		return ms, nil
	})
}

// openBands opens the band table of the base generation of an incremental
// run, which the new generation's starts from; nil for a rebuild.
func openBands(base string) (*bands.Table, error) {
	if base == "" {
		return nil, nil
	}
	t, err := bands.Open(filepath.Join(base, generation.BandsFile))
	if err != nil {
		return nil, fmt.Errorf("index: the current generation's band table (rebuild the index): %w", err)
	}
	return t, nil
}
