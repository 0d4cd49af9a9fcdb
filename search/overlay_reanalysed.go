package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinwen-search/xinwen"
)

// Re-analysed copies: when the live dictionary changes, the generation's
// articles holding a changed word are indexed again into the overlay,
// analysed with the new words, and shadow the generation's copies. They
// are not writes: they are not journaled (a rebuild must not take them
// for articles written over HTTP, which would beat a newer source), and
// they stand in only for the generation they were made from. When another
// generation is served (built by xinwen index, which reads the same word
// list, or a rollback) they are dropped and its own copies are searched.

// reanalysedKey is the overlay's internal key holding the re-analysed
// copies and their generation (reanalysed as JSON), written in the same
// batch as the copies.
var reanalysedKey = []byte("xinwen.reanalysed")

type reanalysed struct {
	Generation string   `json:"generation"`
	IDs        []string `json:"ids"`
}

// loadReanalysed reads the record at open; called before ov is shared.
func (ov *overlay) loadReanalysed(ix bleve.Index) error {
	ov.derived = map[string]struct{}{}
	b, err := ix.GetInternal(reanalysedKey)
	if err != nil || b == nil {
		return err
	}
	var r reanalysed
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("search: overlay re-analysed copies: %w", err)
	}
	ov.derivedGen = r.Generation
	for _, id := range r.IDs {
		ov.derived[id] = struct{}{}
	}
	return nil
}

// setReanalysed adds the record of derived to b; called with mu held.
func (ov *overlay) setReanalysed(b *bleve.Batch, gen string, derived map[string]struct{}) error {
	ids := make([]string, 0, len(derived))
	for id := range derived {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	v, err := json.Marshal(reanalysed{Generation: gen, IDs: ids})
	if err != nil {
		return fmt.Errorf("search: re-analysed copies: %w", err)
	}
	b.SetInternal(reanalysedKey, v)
	return nil
}

// reanalyse indexes docs again, in one persisted batch, as copies derived
// from generation gen, their months in genZone. An article written over
// HTTP is replaced in place and stays a write (its journal entry holds the
// same text), its months in writeZone as when it was written.
func (ov *overlay) reanalyse(docs []xinwen.Article, gen string, genZone, writeZone *time.Location) error {
	ov.mu.Lock()
	defer ov.mu.Unlock()
	if ov.ix == nil {
		return errOverlayClosed
	}
	derived := cloneSet(ov.derived)
	if ov.derivedGen != gen {
		derived = map[string]struct{}{} // left from another generation: Reload drops them
	}
	b := ov.ix.NewBatch()
	for _, d := range docs {
		_, held := ov.ids[d.ID]
		_, copied := ov.derived[d.ID]
		zone := genZone
		if held && !copied {
			zone = writeZone
		} else {
			derived[d.ID] = struct{}{}
		}
		if err := b.Index(d.ID, NewDocument(d, zone)); err != nil {
			return fmt.Errorf("search: re-analyse %q: %w", d.ID, err)
		}
	}
	if err := ov.setReanalysed(b, gen, derived); err != nil {
		return err
	}
	if err := ov.ix.Batch(b); err != nil {
		return fmt.Errorf("search: re-analyse: %w", err)
	}
	for _, d := range docs {
		ov.ids[d.ID] = struct{}{}
	}
	ov.derived, ov.derivedGen = derived, gen
	ov.sugg = nil
	ov.publish()
	return nil
}

// dropReanalysed removes the re-analysed copies unless they were made
// from generation gen, the one about to be served.
func (ov *overlay) dropReanalysed(gen string) error {
	ov.mu.Lock()
	defer ov.mu.Unlock()
	if ov.ix == nil || len(ov.derived) == 0 || ov.derivedGen == gen {
		return nil
	}
	b := ov.ix.NewBatch()
	for id := range ov.derived {
		b.Delete(id)
	}
	if err := ov.setReanalysed(b, "", nil); err != nil {
		return err
	}
	if err := ov.ix.Batch(b); err != nil {
		return fmt.Errorf("search: drop re-analysed copies: %w", err)
	}
	for id := range ov.derived {
		delete(ov.ids, id)
	}
	ov.derived, ov.derivedGen = map[string]struct{}{}, ""
	ov.sugg = nil
	ov.publish()
	return nil
}

// unmarkReanalysed makes id an ordinary write again (it was written or
// deleted over HTTP); called with mu held, adding the record to b.
func (ov *overlay) unmarkReanalysed(b *bleve.Batch, ids ...string) error {
	hit := false
	for _, id := range ids {
		_, ok := ov.derived[id]
		hit = hit || ok
	}
	if !hit {
		return nil
	}
	derived := cloneSet(ov.derived)
	for _, id := range ids {
		delete(derived, id)
	}
	if err := ov.setReanalysed(b, ov.derivedGen, derived); err != nil {
		return err
	}
	ov.derived = derived // the caller's batch is persisted before anyone reads it again
	return nil
}
