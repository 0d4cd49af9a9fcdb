package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/journal"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// The ingest overlay holds the articles written through Live.Ingest and
// Live.Delete: a writable Bleve index at DIR/overlay,
// searched together with the served generation through one alias. A
// generation's article whose id the overlay holds, or has deleted, is
// hidden from every search, get and facet, so the overlay's version (or
// nothing) wins. Generation swaps keep the overlay. Every write is also
// appended to DIR's journal (package journal) first, which the next batch
// build folds into its generation.
const OverlayDir = "overlay"

var errOverlayClosed = errors.New("search: overlay closed")

// tombstoneKey is the overlay's internal key holding the ids deleted
// through it, as a JSON list. It is written in the same Bleve batch as the
// deletion, so the two persist together.
var tombstoneKey = []byte("xinwen.tombstones")

// metaKey is the overlay's internal key holding the schema and
// dictionaries it was written with (overlayMeta as JSON).
var metaKey = []byte("xinwen.meta")

type overlayMeta struct {
	Schema      int    `json:"schema"`
	DictVersion string `json:"dict_version"`
	Fold        string `json:"fold"`
}

// overlayConfig makes a second process opening the overlay fail fast
// instead of waiting forever for Bolt's file lock.
var overlayConfig = map[string]any{"bolt_timeout": "1s"}

// overlay is the writable index and the set of ids it hides.
type overlay struct {
	path  string
	dict  string              // the loaded dictionaries' version, recorded at creation
	mu    sync.Mutex          // serializes writes; guards ix, ids, tombs
	ix    bleve.Index         // nil until the first write creates DIR/overlay
	ids   map[string]struct{} // articles the overlay holds
	tombs map[string]struct{} // ids deleted through the overlay
	// derived holds the ids of ov.ids that are re-analysed copies of
	// generation derivedGen's articles, not writes (overlay_reanalysed.go).
	derived    map[string]struct{}
	derivedGen string
	hidden     atomic.Pointer[[]string]
	sugg       *suggester // title words of the overlay; nil: rebuild on next use
	// jr records every write before the overlay takes it, for the next
	// batch build (see package journal); opened on the first write.
	jr *journal.Writer // guarded by mu
}

// openOverlay opens DIR/overlay when it exists; otherwise the overlay is
// empty until the first write. An overlay of another schema is refused,
// as a generation is: its articles lack fields this build searches.
func openOverlay(dir, dictVersion string, log *slog.Logger) (*overlay, error) {
	ov := &overlay{path: filepath.Join(dir, OverlayDir), dict: dictVersion,
		ids: map[string]struct{}{}, tombs: map[string]struct{}{}, derived: map[string]struct{}{}}
	ov.publish()
	if _, err := os.Stat(ov.path); errors.Is(err, os.ErrNotExist) {
		return ov, nil
	}
	ix, err := bleve.OpenUsing(ov.path, overlayConfig)
	if err != nil {
		return nil, fmt.Errorf("search: open overlay (is another xinwen serve using %s?): %w", ov.path, err)
	}
	if err := ov.load(ix, log); err != nil {
		ix.Close()
		return nil, err
	}
	ov.ix = ix
	ov.publish()
	return ov, nil
}

// load checks the overlay's schema and reads the ids it holds and its
// tombstones.
func (ov *overlay) load(ix bleve.Index, log *slog.Logger) error {
	var meta overlayMeta
	if b, err := ix.GetInternal(metaKey); err != nil || json.Unmarshal(b, &meta) != nil {
		return fmt.Errorf("search: %s: no readable schema record", ov.path)
	}
	if meta.Schema != overlaySchema {
		return fmt.Errorf("search: %s has schema %d, this build reads %d: move it aside and ingest its articles again", ov.path, meta.Schema, overlaySchema)
	}
	if ov.dict != "" && meta.DictVersion != ov.dict {
		log.Warn("ingest overlay written with other dictionaries; its articles may match differently until ingested again",
			"overlay", meta.DictVersion, "loaded", ov.dict)
	}
	if meta.Fold != fold.Version() {
		log.Warn("ingest overlay written with another script folding; its articles may match differently until ingested again",
			"overlay", meta.Fold, "running", fold.Version())
	}
	n, err := ix.DocCount()
	if err != nil {
		return fmt.Errorf("search: overlay: %w", err)
	}
	res, err := ix.Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n), 0, false))
	if err != nil {
		return fmt.Errorf("search: overlay ids: %w", err)
	}
	for _, h := range res.Hits {
		ov.ids[h.ID] = struct{}{}
	}
	b, err := ix.GetInternal(tombstoneKey)
	if err != nil || len(b) == 0 {
		return err
	}
	var tombs []string
	if err := json.Unmarshal(b, &tombs); err != nil {
		return fmt.Errorf("search: overlay tombstones: %w", err)
	}
	for _, id := range tombs {
		ov.tombs[id] = struct{}{}
	}
	return ov.loadReanalysed(ix)
}

// create makes the empty overlay index; the caller serializes creation. It is built beside its final
// place and renamed there, so a crash leaves either none or a whole one.
func (ov *overlay) create() error {
	tmp := ov.path + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("search: create overlay: %w", err)
	}
	ix, err := bleve.NewUsing(tmp, newOverlayMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, nil)
	if err == nil {
		meta, _ := json.Marshal(overlayMeta{Schema: overlaySchema, DictVersion: ov.dict, Fold: fold.Version()})
		err = errors.Join(ix.SetInternal(metaKey, meta), ix.Close())
	}
	if err == nil {
		err = os.Rename(tmp, ov.path)
	}
	if err == nil {
		err = generation.SyncDir(filepath.Dir(ov.path))
	}
	var opened bleve.Index
	if err == nil {
		opened, err = bleve.OpenUsing(ov.path, overlayConfig)
	}
	if err != nil {
		return fmt.Errorf("search: create overlay: %w", err)
	}
	ov.mu.Lock()
	ov.ix = opened
	ov.mu.Unlock()
	return nil
}

// index returns the overlay's Bleve index, nil before the first write.
func (ov *overlay) index() bleve.Index {
	ov.mu.Lock()
	defer ov.mu.Unlock()
	return ov.ix
}

// put indexes docs in one batch, months bucketed in zone; it returns once
// Bleve has persisted it. A tombstone stays when its id is ingested again:
// the id is hidden in the generation either way, and the overlay's copy is
// found.
func (ov *overlay) put(docs []xinwen.Article, stories []Story, zone *time.Location) error {
	ov.mu.Lock()
	defer ov.mu.Unlock()
	if ov.ix == nil {
		return errOverlayClosed
	}
	if err := ov.journal(); err != nil {
		return err
	}
	if err := ov.jr.Write(docs); err != nil {
		return fmt.Errorf("search: ingest: %w", err)
	}
	b := ov.ix.NewBatch()
	for i, d := range docs {
		story := OwnStory(d)
		if stories != nil {
			story = stories[i]
		}
		if err := b.Index(d.ID, newOverlayDocument(d, zone, story)); err != nil {
			return fmt.Errorf("search: ingest %q: %w", d.ID, err)
		}
		if err := ov.unmarkReanalysed(b, d.ID); err != nil {
			return err
		}
	}
	if err := ov.ix.Batch(b); err != nil {
		return fmt.Errorf("search: ingest: %w", err)
	}
	for _, d := range docs {
		ov.ids[d.ID] = struct{}{}
	}
	ov.sugg = nil
	ov.publish()
	return nil
}

// remove deletes id from the overlay and tombstones it, so a generation's
// copy stays hidden too.
func (ov *overlay) remove(id string) error {
	ov.mu.Lock()
	defer ov.mu.Unlock()
	if ov.ix == nil {
		return errOverlayClosed
	}
	if err := ov.journal(); err != nil {
		return err
	}
	if err := ov.jr.Delete(id); err != nil {
		return fmt.Errorf("search: delete %q: %w", id, err)
	}
	tombs := cloneSet(ov.tombs)
	tombs[id] = struct{}{}
	b := ov.ix.NewBatch()
	b.Delete(id)
	if err := ov.unmarkReanalysed(b, id); err != nil {
		return err
	}
	if err := setTombstones(b, tombs); err != nil {
		return err
	}
	if err := ov.ix.Batch(b); err != nil {
		return fmt.Errorf("search: delete %q: %w", id, err)
	}
	ov.tombs = tombs
	delete(ov.ids, id)
	ov.sugg = nil
	ov.publish()
	return nil
}

// journal opens the write journal beside the overlay; called with mu held.
// A write is journaled before the overlay takes it, so everything the
// overlay holds is in the journal, and a write that fails after its
// journal entry (a crash, a full disk) may still reach the next build.
func (ov *overlay) journal() error {
	if ov.jr != nil {
		return nil
	}
	jr, err := journal.Open(filepath.Dir(ov.path))
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	ov.jr = jr
	return nil
}

// suggester completes from the overlay's titles: nil without an overlay.
// It is rebuilt after a write, on first use (the overlay holds the
// articles ingested since the last rebuild, so this is quick).
func (ov *overlay) suggester() (*suggester, error) {
	ov.mu.Lock()
	defer ov.mu.Unlock()
	if ov.ix == nil {
		return nil, nil
	}
	if ov.sugg == nil {
		sg, err := newSuggester([]bleve.Index{ov.ix})
		if err != nil {
			return nil, err
		}
		ov.sugg = sg
	}
	return ov.sugg, nil
}

func setTombstones(b *bleve.Batch, tombs map[string]struct{}) error {
	list := make([]string, 0, len(tombs))
	for id := range tombs {
		list = append(list, id)
	}
	slices.Sort(list)
	v, err := json.Marshal(list)
	if err != nil {
		return fmt.Errorf("search: tombstones: %w", err)
	}
	b.SetInternal(tombstoneKey, v)
	return nil
}

// publish makes the hidden set (held ids and tombstones) visible to
// searches; called with mu held or before the overlay is shared.
func (ov *overlay) publish() {
	ids := make([]string, 0, len(ov.ids)+len(ov.tombs))
	for id := range ov.ids {
		ids = append(ids, id)
	}
	for id := range ov.tombs {
		if _, ok := ov.ids[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ov.hidden.Store(&ids)
}

func (ov *overlay) hiddenIDs() []string { return *ov.hidden.Load() }

func (ov *overlay) close() error {
	ov.mu.Lock()
	defer ov.mu.Unlock()
	var err error
	if ov.jr != nil {
		err = ov.jr.Close()
		ov.jr = nil
	}
	if ov.ix == nil {
		return err
	}
	err = errors.Join(err, ov.ix.Close())
	ov.ix = nil
	return err
}

func cloneSet(m map[string]struct{}) map[string]struct{} {
	out := make(map[string]struct{}, len(m)+1)
	for k := range m {
		out[k] = struct{}{}
	}
	return out
}
