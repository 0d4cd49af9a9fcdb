// Package indexer turns sources of news (Hexo trees, JSON Lines, stdin)
// into a new index generation and publishes it atomically.
package indexer

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xinwen-search/xinwen"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinwen-search/xinwen/cluster/bands"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/indexer/article"
	"github.com/xinwen-search/xinwen/journal"
	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Config is what one indexing run needs.
type Config struct {
	Dir         string   // index root: holds CURRENT and the generations
	Sources     []string // directories, files or "-" (stdin)
	Shards      int      // Bleve indexes built in parallel; 0: one per core
	BatchSize   int      // documents per segment; 0: 500
	Zone        *time.Location
	DictVersion string // recorded in the generation; required
	LiveDict    string // the live word list's fingerprint, recorded in the generation
	Keep        int    // generations that served before, kept for rollback; 0: 1
	// Incremental adds and updates the sources' articles (and removes
	// Delete) in a copy of the current generation instead of rebuilding.
	Incremental bool
	Delete      []string
	// KeepDuplicates turns near-duplicate clustering off: every article
	// is its own story (by default copies of one story share a cluster;
	// none is ever skipped).
	KeepDuplicates bool
	Stdin          io.Reader // nil: os.Stdin
	Log            *slog.Logger
	Progress       Progress // nil: no progress output
}

// defaultBatch documents per segment: on the 24k-article xwlb corpus, 500
// peaked at 660 MB RSS against 1.2 GB for 1,000, for the same CPU time.
const defaultBatch = 500

func (c *Config) defaults() {
	if c.Shards == 0 {
		c.Shards = runtime.NumCPU()
	}
	if c.BatchSize == 0 {
		c.BatchSize = defaultBatch
	}
	if c.Zone == nil {
		c.Zone = xinwen.DefaultZone()
	}
	if c.Keep == 0 {
		c.Keep = 1
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	if c.Progress == nil {
		c.Progress = nopProgress{}
	}
}

// Build indexes cfg.Sources into a new generation under cfg.Dir and, when
// every source was read, publishes it as current. On any failure, or when
// ctx ends, the current generation stays as it was and the partial one is
// removed.
func Build(ctx context.Context, cfg Config) (*Summary, error) {
	cfg.defaults()
	if cfg.DictVersion == "" {
		return nil, errors.New("index: no dictionary version")
	}
	if cfg.Shards < 0 || cfg.BatchSize < 0 || cfg.Keep < 0 {
		return nil, fmt.Errorf("index: negative shards (%d), batch size (%d) or keep (%d)", cfg.Shards, cfg.BatchSize, cfg.Keep)
	}
	if err := checkSources(cfg.Sources); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	unlock, err := generation.Lock(cfg.Dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := generation.RemoveUnpublished(cfg.Dir, cfg.Log); err != nil {
		return nil, err
	}

	start := time.Now()
	gen, err := generation.Create(cfg.Dir)
	if err != nil {
		return nil, err
	}
	sum, err := build(ctx, cfg, gen)
	if sum != nil {
		sum.Duration = time.Since(start)
	}
	if err != nil {
		os.RemoveAll(gen)
		return sum, err
	}
	if err := generation.Publish(cfg.Dir, gen, cfg.Keep, cfg.Log); err != nil {
		os.RemoveAll(gen)
		return sum, err
	}
	sum.Generation = filepath.Base(gen)
	return sum, nil
}

func build(ctx context.Context, cfg Config, gen string) (*Summary, error) {
	base, err := baseGeneration(cfg)
	if err != nil {
		return nil, err
	}
	written, err := journal.Read(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	w, err := openWriter(cfg, gen, base)
	if err != nil {
		return nil, err
	}
	defer w.base.Close()
	rd := &reader{opt: article.Options{Zone: cfg.Zone}, stdin: cfg.Stdin}
	if rd.stdin == nil {
		rd.stdin = os.Stdin
	}
	sum := newSummary()
	total := inputSize(cfg.Sources)
	cfg.Progress.Start(total)
	stopProgress := watchProgress(ctx, cfg.Progress, func() (int64, int64) { return w.done(rd, sum) })
	readErr := w.feed(ctx, rd, cfg, written, sum)
	failed := readErr != nil || ctx.Err() != nil
	if failed {
		w.abandon.Store(true) // the generation is removed: do no more work on it
	}
	drainErr := w.drain()
	stopProgress()
	closeErr := drainErr
	if failed || drainErr != nil {
		w.abandonShards() // the generation is removed
	} else {
		closeErr = w.finish(ctx, gen, cfg.Progress)
		if closeErr == nil && ctx.Err() == nil {
			if err := w.table.WriteFile(filepath.Join(gen, generation.BandsFile)); err != nil {
				closeErr = fmt.Errorf("index: %w", err)
			}
		}
	}
	cfg.Progress.Finish()
	sum.Indexed = int(sum.indexed.Load())
	sum.Bytes = rd.read.Load()
	sum.IgnoredFiles = int(rd.ignored.Load())
	if err := errors.Join(readErr, closeErr, ctx.Err()); err != nil {
		return sum, err
	}
	docs, err := countDocs(gen, cfg.Shards)
	if err != nil {
		return sum, err
	}
	sum.Docs = docs
	meta := generation.Meta{
		Generation: filepath.Base(gen), Created: time.Now().UTC(), Shards: cfg.Shards,
		Docs: docs, Schema: search.SchemaVersion, DictVersion: cfg.DictVersion, LiveDict: cfg.LiveDict,
		Fold: fold.Version(),
		Zone: cfg.Zone.String(), Sources: cfg.Sources,
	}
	return sum, generation.WriteMeta(gen, meta)
}

// shardOf routes an id to its shard, the same way in every run, so that
// an incremental update replaces the right document.
func shardOf(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// writer fans records out to one goroutine per shard, and collects the
// articles' band keys for the generation's band table.
type writer struct {
	shards []shardWriter
	chans  []chan doc
	wg     sync.WaitGroup
	errs   []error      // one per shard, written by its goroutine before wg.Done
	built  atomic.Int64 // articles the shards have taken from their queues
	// abandon makes the shards drop what is still queued: the run failed
	// or was interrupted.
	abandon atomic.Bool
	// base is the band table of the generation an incremental run starts
	// from; nil for a rebuild.
	base *bands.Table
	// table is the new generation's band table: base's, less the articles
	// this run deletes or replaces, with the articles it indexes. Written
	// by the feeding goroutine only.
	table   *bands.Builder
	deleted map[string]struct{} // ids of base this run deletes
}

type doc struct {
	id  string
	rec any // search.NewDocument's; nil: delete id
}

// shardWriter is what a shard needs: the offline builder for a fresh
// generation, or a batched index for an incremental one.
type shardWriter interface {
	put(d doc) error
	close() error
	// abandon lets go of the shard without finishing it (no final merge):
	// its generation is about to be removed.
	abandon()
	// has says whether the shard held id before this run (always false
	// for a fresh one). It is called before any doc is put.
	has(id string) (bool, error)
}

// start runs one goroutine per shard. Each channel holds two batches: a
// shard is deaf while its builder analyzes and writes a whole batch, and
// with less room the feeder blocks on it before the other shard has a
// batch of its own to work on, so the shards took turns on one core.
func (w *writer) start(batch int) {
	for i, s := range w.shards {
		ch := make(chan doc, 2*batch)
		w.chans = append(w.chans, ch)
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for d := range ch {
				if w.errs[i] == nil && !w.abandon.Load() {
					w.errs[i] = s.put(d)
				}
				if d.rec != nil {
					w.built.Add(1)
				}
			}
		}()
	}
}

// done is the progress of the indexing, not of the reading, which runs
// ahead by the queued articles: the articles the shards have taken, and
// the share of the input bytes read that they stand for.
func (w *writer) done(rd *reader, sum *Summary) (bytes, articles int64) {
	read, queued, built := rd.read.Load(), sum.indexed.Load(), w.built.Load()
	if queued > 0 {
		read = int64(float64(read) * float64(min(built, queued)) / float64(queued))
	}
	return read, built
}

// drain ends the queues and waits until the shards have taken every doc.
func (w *writer) drain() error {
	for _, ch := range w.chans {
		close(ch)
	}
	w.wg.Wait()
	return errors.Join(w.errs...)
}

// finish readies the drained shards for searching: each merges its
// segments (closing Bleve's builder), then search.FinishShard writes its
// body bigram positions. One shard merges at a time while the shard
// merged before it writes its positions, so the two cores stay busy
// without two final merges at once: a final merge maps every segment of
// its shard and reads all of them, and at 241k articles two together
// held 1.2 GB of mapped segment pages on top of the heap (1.97 GB peak
// RSS); the positions pass holds its shard's positions in the heap
// instead.
func (w *writer) finish(ctx context.Context, gen string, p Progress) error {
	p.Phase(PhaseMerge)
	merged := make(chan int, len(w.shards))
	var posErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range merged {
			if posErr == nil && ctx.Err() == nil {
				posErr = search.FinishShard(ctx, generation.ShardDir(gen, i))
			}
		}
	})
	var mergeErr error
	for i, s := range w.shards {
		// Every shard is closed, even after a failure: an update shard
		// holds its index open.
		err := s.close()
		mergeErr = errors.Join(mergeErr, err)
		if mergeErr == nil && ctx.Err() == nil {
			merged <- i
		}
	}
	close(merged)
	p.Phase(PhasePositions) // what remains: the last shard's positions
	wg.Wait()
	if posErr != nil {
		posErr = fmt.Errorf("index: %w", posErr)
	}
	return errors.Join(mergeErr, posErr)
}

// abandonShards lets go of every shard once drained.
func (w *writer) abandonShards() {
	for _, s := range w.shards {
		s.abandon()
	}
}

// countDocs opens the finished shards read-only and counts documents.
func countDocs(gen string, shards int) (uint64, error) {
	var n uint64
	for i := range shards {
		ix, err := bleve.OpenUsing(generation.ShardDir(gen, i), map[string]any{"read_only": true})
		if err != nil {
			return 0, fmt.Errorf("index: reopen shard %d: %w", i, err)
		}
		c, err := ix.DocCount()
		ix.Close()
		if err != nil {
			return 0, fmt.Errorf("index: count shard %d: %w", i, err)
		}
		n += c
	}
	return n, nil
}

// builderShard builds a shard offline: segments written straight to disk
// and merged once at the end, without the live index's bookkeeping.
type builderShard struct {
	b    bleve.Builder
	path string
	n    int
}

func (s *builderShard) put(d doc) error {
	if d.rec == nil {
		return nil
	}
	s.n++
	return s.b.Index(d.id, d.rec)
}

func (s *builderShard) has(string) (bool, error) { return false, nil }

// abandon drops the builder: it holds no open file between batches, and its
// segments lie under the generation, which the caller removes. Closing it
// would merge them first, seconds of work for nothing.
func (s *builderShard) abandon() {}

// close merges the shard's segments. Bleve's builder cannot close with no
// documents (it panics), so an empty shard is made as an empty index.
func (s *builderShard) close() error {
	if s.n > 0 {
		return s.b.Close()
	}
	if err := os.RemoveAll(s.path); err != nil {
		return fmt.Errorf("index: empty shard: %w", err)
	}
	ix, err := bleve.New(s.path, search.NewMapping())
	if err != nil {
		return fmt.Errorf("index: empty shard: %w", err)
	}
	return ix.Close()
}
