package indexer

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/cluster/bands"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/indexer/article"
	"github.com/xinwen-search/xinwen/journal"
	"github.com/xinwen-search/xinwen/search"
)

// Skip reasons counted in the summary.
const (
	reasonDuplicate = "duplicate id in this run"
	reasonEmpty     = "neither title nor body"
	reasonEncoding  = "undecodable bytes"
	reasonFront     = "no front matter"
	reasonJSON      = "bad JSON record"
	reasonOther     = "unreadable"
)

// openWriter prepares one shard writer per shard: offline builders for a
// rebuild, or the copied shards of the base generation for an update.
func openWriter(cfg Config, gen, base string) (*writer, error) {
	t, err := openBands(base)
	if err != nil {
		return nil, err
	}
	w := &writer{base: t, table: bands.NewBuilder(), deleted: map[string]struct{}{}, errs: make([]error, cfg.Shards)}
	if t != nil {
		w.table.AddTable(t)
	}
	for i := range cfg.Shards {
		s, err := openShard(cfg, gen, base, i)
		if err != nil {
			for _, o := range w.shards {
				o.close()
			}
			t.Close()
			return nil, err
		}
		w.shards = append(w.shards, s)
	}
	w.start(cfg.BatchSize)
	return w, nil
}

func openShard(cfg Config, gen, base string, i int) (shardWriter, error) {
	path := generation.ShardDir(gen, i)
	if base != "" {
		return openUpdateShard(generation.ShardDir(base, i), path, cfg.BatchSize)
	}
	b, err := bleve.NewBuilder(path, search.NewMapping(), map[string]any{
		"batchSize": cfg.BatchSize,
		"mergeMax":  10,
		// Segments are written below the generation, not in $TMPDIR, so
		// a killed run's leftovers go with its partial generation.
		"buildPathPrefix": gen,
	})
	if err != nil {
		return nil, fmt.Errorf("index: shard %d: %w", i, err)
	}
	return &builderShard{b: b, path: path}, nil
}

// feed reads every source and routes each good article to its shard; bad
// ones are counted and reported, never fatal. The write journal comes last,
// as one more source that overrides the others: a source article whose id
// was written or deleted over HTTP gives way to the journal's version, or
// to nothing.
func (w *writer) feed(ctx context.Context, rd *reader, cfg Config, written journal.State, sum *Summary) error {
	gate := NewGate(cfg.Zone, "run", cfg.KeepDuplicates)
	w.existing(ctx, gate)
	if err := w.deletes(cfg, written, sum); err != nil {
		return err
	}
	var storyErr error
	err := rd.each(ctx, cfg.Sources, func(it item) bool {
		if ctx.Err() != nil {
			return false
		}
		sum.warn(it.warns, cfg.Log)
		if it.err != nil {
			sum.skip(reasonOf(it.err), it.where, it.err, cfg.Log)
			return true
		}
		if written.Has(it.a.ID) {
			sum.Superseded++
			return true
		}
		if err := gate.Admit(it.a); err != nil {
			sum.skip(reasonOf(err), it.where, err, cfg.Log)
			return true
		}
		s, err := gate.Story(it.a)
		if err != nil {
			storyErr = err
			return false
		}
		w.put(it.a, s, cfg.Zone, sum)
		return true
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	if err == nil {
		err = storyErr
	}
	if err != nil || ctx.Err() != nil {
		return err
	}
	for _, a := range written.Articles {
		s, err := gate.Story(a)
		if err != nil {
			return err
		}
		w.put(a, s, cfg.Zone, sum)
		sum.Written++
	}
	return nil
}

// put routes a, with its story, to its shard.
func (w *writer) put(a xinwen.Article, s search.Story, zone *time.Location, sum *Summary) {
	w.chans[shardOf(a.ID, len(w.chans))] <- doc{id: a.ID, rec: search.NewStoryDocument(a, zone, s)}
	w.table.Add(a.ID, s.Bands)
	sum.addIndexed(len(a.Title) + len(a.Body))
}

// deletes routes each id of cfg.Delete that the base generation holds to
// its shard, and lists the others in sum.NotFound. A run that would change
// nothing (no sources, no id found) fails with ErrNothingToDelete rather
// than publish a copy of the current generation.
func (w *writer) deletes(cfg Config, written journal.State, sum *Summary) error {
	seen := make(map[string]bool)
	for _, id := range cfg.Delete {
		if seen[id] {
			continue
		}
		seen[id] = true
		i := shardOf(id, len(w.chans))
		found, err := w.shards[i].has(id)
		if err != nil {
			return err
		}
		if !found {
			sum.NotFound = append(sum.NotFound, id)
			continue
		}
		w.remove(i, id)
		sum.Deleted++
	}
	if len(cfg.Delete) > 0 && sum.Deleted == 0 && len(cfg.Sources) == 0 {
		return fmt.Errorf("index: %w: %s", ErrNothingToDelete, strings.Join(sum.NotFound, ", "))
	}
	return w.journalDeletes(written, seen, sum)
}

// journalDeletes removes from the base generation (of an incremental
// run) the ids deleted over HTTP; a rebuild has nothing to remove.
func (w *writer) journalDeletes(written journal.State, seen map[string]bool, sum *Summary) error {
	ids := slices.Sorted(maps.Keys(written.Deleted))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		i := shardOf(id, len(w.chans))
		found, err := w.shards[i].has(id)
		if err != nil {
			return err
		}
		if found {
			w.remove(i, id)
			sum.Deleted++
		}
	}
	return nil
}

// remove deletes id of the base generation, in shard i and the band table.
func (w *writer) remove(i int, id string) {
	w.chans[i] <- doc{id: id}
	w.table.Drop(id)
	w.deleted[id] = struct{}{}
}

// ErrNothingToDelete means a run only deletes, and none of its ids is in
// the current generation.
var ErrNothingToDelete = errors.New("none of the ids to delete is in the current generation, nothing to change")

func reasonOf(err error) string {
	var skip *Skip
	switch {
	case errors.As(err, &skip):
		return skip.Reason
	case errors.Is(err, article.ErrEmpty):
		return reasonEmpty
	case errors.Is(err, article.ErrEncoding):
		return reasonEncoding
	case errors.Is(err, article.ErrNoFrontMatter):
		return reasonFront
	case errors.Is(err, article.ErrBadJSON):
		return reasonJSON
	}
	return reasonOther
}
