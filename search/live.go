package search

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
)

// Live serves whichever generation DIR/CURRENT names, and switches to a
// newly published one without failing a query in flight: a query holds
// its generation until it finishes, and the old generation closes only
// after the last one has. Articles written through Ingest and Delete live
// in the overlay (DIR/overlay), searched with every generation served.
type Live struct {
	dir    string
	opt    Options
	log    *slog.Logger
	mu     sync.Mutex // serializes Reload and the overlay's creation
	words  sync.Mutex // serializes dictionary changes (dictionary.go)
	cur    atomic.Pointer[handle]
	ov     *overlay
	closed atomic.Bool
}

// handle is one open generation and the queries using it.
type handle struct {
	ix     *Index // the generation seen through the overlay
	path   string
	mu     sync.RWMutex // read-held by queries; write-held to close
	closed bool         // guarded by mu
}

// OpenLive opens the current generation of dir.
func OpenLive(dir string, opt Options, log *slog.Logger) (*Live, error) {
	if log == nil {
		log = slog.Default()
	}
	ov, err := openOverlay(dir, opt.DictVersion, log)
	if err != nil {
		return nil, err
	}
	l := &Live{dir: dir, opt: opt, log: log, ov: ov}
	if _, err := l.Reload(); err != nil {
		ov.close()
		return nil, err
	}
	return l, nil
}

// Reload opens the generation CURRENT names, if it is not the one served,
// and swaps it in. On error the served generation stays.
func (l *Live) Reload() (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed.Load() {
		return false, fmt.Errorf("search: live index closed")
	}
	path, err := generation.Current(l.dir)
	if err != nil {
		return false, err
	}
	old := l.cur.Load()
	if old != nil && old.path == path {
		return false, nil
	}
	ix, err := Open(path, l.opt)
	if err != nil {
		return false, err
	}
	if err := l.ov.dropReanalysed(filepath.Base(path)); err != nil {
		ix.Close()
		return false, err
	}
	l.cur.Store(&handle{ix: ix.withOverlay(l.ov), path: path})
	if old != nil {
		go old.close()
	}
	l.log.Info("index generation opened", "generation", filepath.Base(path), "docs", ix.Stats().Docs)
	return true, nil
}

// Watch reloads every interval until ctx ends, logging failures.
func (l *Live) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := l.Reload(); err != nil {
				l.log.Warn("index reload failed; still serving the previous generation", "err", err)
			}
		}
	}
}

func (h *handle) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		h.ix.Close()
	}
}

// acquire returns the served index, read-locked; call release after use.
func (l *Live) acquire() (*handle, error) {
	for {
		h := l.cur.Load()
		if h == nil {
			return nil, fmt.Errorf("search: live index closed")
		}
		h.mu.RLock()
		if !h.closed {
			return h, nil
		}
		h.mu.RUnlock() // swapped and closed meanwhile: take the new one
	}
}

// Search runs req on the served generation.
func (l *Live) Search(ctx context.Context, req xinwen.SearchRequest) (*xinwen.Result, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	ov, err := l.ov.suggester()
	if err != nil {
		return nil, err
	}
	return h.ix.searchRewriting(ctx, req, h.ix.suggest, ov)
}

// Get returns one article from the served generation.
func (l *Live) Get(ctx context.Context, id string) (*xinwen.Doc, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	return h.ix.Get(ctx, id)
}

// Suggest completes a prefix from the served generation and the articles
// ingested since.
func (l *Live) Suggest(ctx context.Context, prefix string, n int) ([]string, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	ov, err := l.ov.suggester()
	if err != nil {
		return nil, err
	}
	return completeFrom(prefix, n, h.ix.suggest, ov), nil
}

// Stats describes the served generation.
func (l *Live) Stats() xinwen.Stats {
	h, err := l.acquire()
	if err != nil {
		return xinwen.Stats{}
	}
	defer h.mu.RUnlock()
	return h.ix.Stats()
}

// Ingest adds or replaces docs in the overlay, each its own story, in
// one batch, and returns once it is persisted: a crash after Ingest
// returns loses none of them. They are searched at once, and a
// generation's articles with the same ids are hidden.
func (l *Live) Ingest(ctx context.Context, docs []xinwen.Article) error {
	return l.IngestStories(ctx, docs, nil)
}

// IngestStories is Ingest with each article's story (stories[i] for
// docs[i]; nil: each its own), as a Gate assigns them against Candidates.
func (l *Live) IngestStories(ctx context.Context, docs []xinwen.Article, stories []Story) error {
	if stories != nil && len(stories) != len(docs) {
		return fmt.Errorf("search: ingest: %d stories for %d articles", len(stories), len(docs))
	}
	if len(docs) > xinwen.MaxIngest {
		return fmt.Errorf("search: %d articles, at most %d per batch: %w", len(docs), xinwen.MaxIngest, xinwen.ErrTooLarge)
	}
	for _, d := range docs {
		if err := xinwen.CheckID(d.ID); err != nil {
			return fmt.Errorf("search: ingest: %w", err)
		}
	}
	if len(docs) == 0 {
		return nil
	}
	if err := l.writable(ctx); err != nil {
		return err
	}
	return l.ov.put(docs, stories, cmp.Or(l.opt.WriteZone, xinwen.DefaultZone()))
}

// Candidates returns the articles a written one with band hashes hs
// (cluster.Signature.BandHashes) may be a copy of: those of the served
// generation sharing band keys with it, most shared first, at most
// MaxCandidates (its band table), then as many of the overlay (its bands
// field). A generation's article the overlay hides is not one.
func (l *Live) Candidates(ctx context.Context, hs []uint64) ([]Member, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	t, err := h.ix.bands.table()
	if err != nil {
		return nil, err
	}
	hidden := l.ov.hiddenIDs()
	ids := t.Lookup(hs, MaxCandidates, func(id string) bool {
		_, ok := slices.BinarySearch(hidden, id)
		return ok
	})
	ms, err := Members(ctx, h.ix.alias, ids)
	if err != nil {
		return nil, err
	}
	if ov := l.ov.index(); ov != nil {
		more, err := overlayCandidates(ctx, ov, hs)
		if err != nil {
			return nil, err
		}
		ms = append(ms, more...)
	}
	return ms, nil
}

// Delete removes the article id, from the overlay and from every
// generation served from now on; xinwen.ErrNotFound when no article has it.
func (l *Live) Delete(ctx context.Context, id string) error {
	if _, err := l.Get(ctx, id); err != nil {
		return err
	}
	if err := l.writable(ctx); err != nil {
		return err
	}
	return l.ov.remove(id)
}

// writable creates the overlay on the first write and adds it to the
// served generation's alias (later generations get it in Reload).
func (l *Live) writable(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("search: write: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed.Load() {
		return fmt.Errorf("search: live index closed")
	}
	if l.ov.index() != nil {
		return nil
	}
	if err := l.ov.create(); err != nil {
		return err
	}
	if h := l.cur.Load(); h != nil {
		h.ix.alias.Add(l.ov.index())
	}
	l.log.Info("ingest overlay created", "path", l.ov.path)
	return nil
}

// Close closes the served generation and the overlay; later calls fail.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed.Store(true)
	if h := l.cur.Swap(nil); h != nil {
		h.close()
	}
	return l.ov.close()
}
