package search

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// Live serves whichever generation DIR/CURRENT names, and switches to a
// newly published one without failing a query in flight: a query holds
// its generation until it finishes, and the old generation closes only
// after the last one has.
type Live struct {
	dir    string
	opt    Options
	log    *slog.Logger
	mu     sync.Mutex // serializes Reload
	cur    atomic.Pointer[handle]
	closed atomic.Bool
}

// handle is one open generation and the queries using it.
type handle struct {
	ix     *Index
	path   string
	mu     sync.RWMutex // read-held by queries; write-held to close
	closed bool         // guarded by mu
}

// OpenLive opens the current generation of dir.
func OpenLive(dir string, opt Options, log *slog.Logger) (*Live, error) {
	if log == nil {
		log = slog.Default()
	}
	l := &Live{dir: dir, opt: opt, log: log}
	if _, err := l.Reload(); err != nil {
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
	path, err := ReadCurrent(l.dir)
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
	l.cur.Store(&handle{ix: ix, path: path})
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
func (l *Live) Search(ctx context.Context, req Request) (*Result, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	return h.ix.Search(ctx, req)
}

// Get returns one article from the served generation.
func (l *Live) Get(ctx context.Context, id string) (*Doc, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	return h.ix.Get(ctx, id)
}

// Suggest completes a prefix from the served generation.
func (l *Live) Suggest(ctx context.Context, prefix string, n int) ([]string, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	return h.ix.Suggest(ctx, prefix, n)
}

// Stats describes the served generation.
func (l *Live) Stats() Stats {
	h, err := l.acquire()
	if err != nil {
		return Stats{}
	}
	defer h.mu.RUnlock()
	return h.ix.Stats()
}

// Close closes the served generation; later calls fail.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed.Store(true)
	if h := l.cur.Swap(nil); h != nil {
		h.close()
	}
	return nil
}
