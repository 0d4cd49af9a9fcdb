package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search/ngpos"
	"github.com/xinwen-search/xinwen/search/zh"
)

// A generation's shards keep the body's bigrams without positions (see
// NewMapping); the positions are in files of our own, one beside each
// segment of a shard, read by the exact phrase searcher. zap spends five
// varints on every position; ngpos one, mostly of one or two bytes.
//
// The overlay, which takes live writes into many small segments, keeps
// the positions in Bleve (newOverlayMapping).
const positionsDir = "ngpos"

// positionsPath is the positions file of the segment file seg of the
// shard in dir: dir/ngpos/000000000005.ngpos for store/000000000005.zap.
func positionsPath(shardDir, seg string) string {
	return filepath.Join(shardDir, positionsDir, strings.TrimSuffix(filepath.Base(seg), ".zap")+".ngpos")
}

// pather is what a zap segment tells of its file.
type pather interface{ Path() string }

// FinishShard readies a shard written with NewMapping for searching: the
// positions of its body bigrams are written beside each of its segments
// that has none yet (after an incremental run, only the new ones), and
// the files of segments merged away are removed. Call it on every shard
// of a generation before publishing it.
func FinishShard(ctx context.Context, dir string) error {
	ix, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		return fmt.Errorf("search: finish %s: %w", dir, err)
	}
	defer ix.Close()
	snap, release, err := snapshotOf(ix)
	if err != nil {
		return fmt.Errorf("search: finish %s: %w", dir, err)
	}
	defer release()
	if err := os.MkdirAll(filepath.Join(dir, positionsDir), 0o755); err != nil {
		return fmt.Errorf("search: finish %s: %w", dir, err)
	}
	live := map[string]bool{}
	for _, seg := range snap.Segments() {
		p, ok := seg.Segment().(pather)
		if !ok {
			return fmt.Errorf("search: finish %s: segment %T has no file", dir, seg.Segment())
		}
		path := positionsPath(dir, p.Path())
		live[filepath.Base(path)] = true
		if r, err := ngpos.Open(path); err == nil {
			ok := uint64(r.Docs()) == seg.Segment().Count()
			r.Close()
			if ok {
				continue // written by the run that wrote the segment
			}
		}
		b, err := positionsOf(ctx, seg)
		if err != nil {
			return fmt.Errorf("search: finish %s: %w", dir, err)
		}
		if err := b.WriteFile(path); err != nil {
			return fmt.Errorf("search: finish %s: %w", dir, err)
		}
	}
	old, err := os.ReadDir(filepath.Join(dir, positionsDir))
	if err != nil {
		return fmt.Errorf("search: finish %s: %w", dir, err)
	}
	for _, e := range old {
		if !live[e.Name()] {
			if err := os.Remove(filepath.Join(dir, positionsDir, e.Name())); err != nil {
				return fmt.Errorf("search: finish %s: %w", dir, err)
			}
		}
	}
	return generation.SyncDir(filepath.Join(dir, positionsDir))
}

// snapshotOf returns ix's current scorch snapshot and its release.
func snapshotOf(ix bleve.Index) (*scorch.IndexSnapshot, func(), error) {
	adv, err := ix.Advanced()
	if err != nil {
		return nil, nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, nil, fmt.Errorf("not a scorch index")
	}
	return snap, func() { r.Close() }, nil
}

// storedVisitor is what a zap segment offers for its stored fields.
type storedVisitor interface {
	VisitStoredFields(num uint64, visitor segment.StoredFieldValueVisitor) error
}

// positionsOf analyses the stored body of every live document of seg.
func positionsOf(ctx context.Context, seg *scorch.SegmentSnapshot) (*ngpos.Builder, error) {
	sv, ok := seg.Segment().(storedVisitor)
	if !ok {
		return nil, fmt.Errorf("segment %T has no stored fields to read", seg.Segment())
	}
	n := seg.Segment().Count()
	deleted := seg.Deleted()
	b := ngpos.NewBuilder(uint32(n))
	var toks []ngpos.Token
	var body []byte
	for num := range n {
		if num%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if deleted != nil && deleted.Contains(uint32(num)) {
			continue
		}
		// value lies in a buffer zap pools once the visit returns: copied.
		body = body[:0]
		err := sv.VisitStoredFields(num, func(field string, _ byte, value []byte, _ []uint64) bool {
			if field == FieldBody {
				body = append(body, value...)
				return false
			}
			return true
		})
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", num, err)
		}
		// The same analysis as body_ng's in Bleve: the same terms at the
		// same positions.
		zt, err := zh.AnalyzeBytes(zh.BigramPositionsAnalyzerName, body)
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", num, err)
		}
		toks = toks[:0]
		for _, t := range zt {
			toks = append(toks, ngpos.Token{Term: t.Term, Pos: uint32(t.Position)})
		}
		if err := b.Add(uint32(num), toks); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// positions maps each open generation's segments to their positions
// files. A phrase searcher is handed a shard's snapshot, not the shard;
// the snapshot's segments are the same objects as long as the read-only
// shard is open.
var positions sync.Map // segment.Segment -> *ngpos.Reader

// errNoPositions: a query over the body's bigrams where neither Bleve nor
// an ngpos file holds them would match nothing, silently.
var errNoPositions = errors.New("search: the index holds neither ngpos files nor the body's bigrams: rebuild it with this version")

// openPositions opens the positions files of the read-only shard ix and
// registers them for its segments; the returned func unregisters them.
// It also tells the files' distinct terms, as segmentPositions.terms
// counts them; a segment without its file is an error.
func openPositions(ix bleve.Index, dir string) (func(), int, error) {
	snap, release, err := snapshotOf(ix)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %s: %w", dir, err)
	}
	defer release()
	var segs []segment.Segment
	var files []*ngpos.Reader
	terms := 0
	undo := func() {
		for i, seg := range segs {
			positions.Delete(seg)
			files[i].Close()
		}
	}
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		pa, ok := seg.(pather)
		if !ok {
			undo()
			return nil, 0, fmt.Errorf("search: %s: segment %T has no file: %w", dir, seg, errNoPositions)
		}
		p, err := ngpos.Open(positionsPath(dir, pa.Path()))
		if err != nil {
			undo()
			return nil, 0, fmt.Errorf("search: %w: %w", errNoPositions, err)
		}
		if uint64(p.Docs()) != seg.Count() {
			p.Close()
			undo()
			return nil, 0, fmt.Errorf("search: %s: positions of %d documents for a segment of %d: %w", pa.Path(), p.Docs(), seg.Count(), errNoPositions)
		}
		positions.Store(seg, p)
		segs, files = append(segs, seg), append(files, p)
		terms += p.Terms()
	}
	return undo, terms, nil
}

// segmentPositions are the positions files of one shard snapshot's
// segments, with the first global document number of each and the
// documents deleted there since it was written.
type segmentPositions struct {
	first []uint64
	files []*ngpos.Reader
	dels  []*roaring.Bitmap // nil: none
}

// positionsFor returns the positions files of the shard i is a snapshot
// of, or nil when Bleve holds the positions itself (the overlay, an index
// written by a test).
func positionsFor(i index.IndexReader) *segmentPositions {
	snap, ok := i.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	segs := snap.Segments()
	if len(segs) == 0 {
		return nil
	}
	sp := &segmentPositions{}
	var next uint64
	for _, ss := range segs {
		p, ok := positions.Load(ss.Segment())
		if !ok {
			return nil
		}
		sp.first = append(sp.first, next)
		sp.files = append(sp.files, p.(*ngpos.Reader))
		sp.dels = append(sp.dels, deletedIn(ss))
		next += ss.Segment().Count()
	}
	return sp
}

// onlySegment returns the segment of a reader that is a scorch snapshot
// of exactly one: what the tables kept per segment (facets, dates,
// stored fields) can answer for.
func onlySegment(r index.IndexReader) (*scorch.SegmentSnapshot, bool) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || len(snap.Segments()) != 1 {
		return nil, false
	}
	return snap.Segments()[0], true
}

// deletedIn is the set of ss's deleted documents, nil when there are none.
func deletedIn(ss *scorch.SegmentSnapshot) *roaring.Bitmap {
	if d := ss.Deleted(); d != nil && !d.IsEmpty() {
		return d
	}
	return nil
}

// deleted tells whether document doc of segment k is deleted.
func (sp *segmentPositions) deleted(k int, doc uint32) bool {
	return sp.dels[k] != nil && sp.dels[k].Contains(doc)
}

// liveDocs is the number of live documents of segment k that hold term.
func (sp *segmentPositions) liveDocs(k int, term string) uint32 {
	c := sp.files[k].Cursor(term)
	if sp.dels[k] == nil {
		return c.Docs()
	}
	n := uint32(0)
	for c.Next() {
		if !sp.dels[k].Contains(c.Doc()) {
			n++
		}
	}
	return n
}

// docFreq is the number of live documents of the shard that hold term:
// the document frequency BM25 takes.
func (sp *segmentPositions) docFreq(term string) uint64 {
	var n uint64
	for k := range sp.files {
		n += uint64(sp.liveDocs(k, term))
	}
	return n
}

// terms is the sum of the segments' distinct terms: what Bleve counts as
// a field's cardinality for BM25 (see ngramStats).
func (sp *segmentPositions) terms() int {
	n := 0
	for _, f := range sp.files {
		n += f.Terms()
	}
	return n
}

// startingWith lists the terms of any segment that start with prefix.
func (sp *segmentPositions) startingWith(prefix string) []string {
	var all []string
	for _, f := range sp.files {
		all = append(all, f.TermsWithPrefix(prefix)...)
	}
	return sortedSet(all)
}

// endingWith lists the two-character terms of any segment whose second
// character is c: what Bleve's regexp "." + c finds.
func (sp *segmentPositions) endingWith(c string) []string {
	var all []string
	for _, f := range sp.files {
		all = append(all, f.TermsOf(func(t []byte) bool {
			_, n := utf8.DecodeRune(t)
			return n < len(t) && string(t[n:]) == c
		})...)
	}
	return sortedSet(all)
}

// holds tells whether any segment holds term.
func (sp *segmentPositions) holds(term string) bool {
	for _, f := range sp.files {
		if f.Cursor(term).Docs() > 0 {
			return true
		}
	}
	return false
}

func sortedSet(ss []string) []string {
	slices.Sort(ss)
	return slices.Compact(ss)
}

// locate splits the global document number of id into its segment and
// the document's number there.
// seekTarget is where a searcher standing in segment cur goes for the
// first document at or after id: a segment and a document number there.
// It never goes back: an id before segment cur gives cur's first document
// (the cursor there stays where it stands), an id past a segment's
// documents the next segment's first.
func (sp *segmentPositions) seekTarget(id index.IndexInternalID, cur int) (seg int, doc uint32, err error) {
	if len(id) != 8 {
		return 0, 0, fmt.Errorf("search: document number %x is not a shard's", id)
	}
	n := binary.BigEndian.Uint64(id)
	seg = sort.Search(len(sp.first), func(i int) bool { return sp.first[i] > n }) - 1
	switch {
	case seg < cur:
		return cur, 0, nil
	case n-sp.first[seg] >= uint64(sp.files[seg].Docs()):
		return seg + 1, 0, nil
	}
	return seg, uint32(n - sp.first[seg]), nil
}

// internalID writes into buf the shard's number of document doc of
// segment seg, as Bleve's readers give it.
func (sp *segmentPositions) internalID(buf *[8]byte, seg int, doc uint32) index.IndexInternalID {
	binary.BigEndian.PutUint64(buf[:], sp.first[seg]+uint64(doc))
	return buf[:]
}

func (sp *segmentPositions) locate(id index.IndexInternalID) (seg int, doc uint32, ok bool) {
	if len(id) != 8 {
		return 0, 0, false
	}
	n := binary.BigEndian.Uint64(id)
	seg = sort.Search(len(sp.first), func(i int) bool { return sp.first[i] > n }) - 1
	if seg < 0 || n-sp.first[seg] >= uint64(sp.files[seg].Docs()) {
		return 0, 0, false
	}
	return seg, uint32(n - sp.first[seg]), true
}
