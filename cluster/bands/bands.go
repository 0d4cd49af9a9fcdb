// Package bands keeps the LSH band keys of a generation's articles in a
// file of their own (gen/bands.bin), beside the Bleve shards: the table
// that finds the indexed articles a new one may be a copy of.
//
// Nearly every band key is one article's alone (about 770,000 keys for
// 24,000 articles of xwlb), so as a Bleve keyword field they filled the
// term dictionary with terms no search reads and cost the build more than
// the rest of clustering. Here a key is eight bytes in a sorted array.
//
// A key is the band's index and its hash (cluster.Signature.BandHashes),
// mixed into 64 bits (key); the table keeps its top 48: the top 16 pick a
// bucket, the next 32 are stored. Two keys that differ only below make a
// false candidate, which the caller's similarity check turns away; at
// xwlb's size one lookup in ten million meets one.
//
// The file, little-endian:
//
//	magic "XWBANDS1"
//	u32 articles, u32 entries
//	buckets+1 u32: the entries of bucket b are [off[b], off[b+1])
//	entries u64: the key's 32 stored bits << 32 | the article's number,
//	    ascending within a bucket
//	articles+1 u32 offsets into the ids, then the ids' bytes
//
// An article's number is its place among the ids.
package bands

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"

	mmap "github.com/blevesearch/mmap-go"

	"github.com/xinwen-search/xinwen/internal/mapfile"
)

const (
	magic      = "XWBANDS1"
	headerSize = len(magic) + 4 + 4
	bucketBits = 16
	buckets    = 1 << bucketBits
	// keyBits of a key are kept: bucketBits pick the bucket, 32 are stored.
	keyBits = bucketBits + 32
)

// ErrCorrupt is returned for a file that is not a whole band table.
var ErrCorrupt = errors.New("bands: corrupt band table")

// key mixes band b's hash h with the band's index, so that one hash in
// two bands makes two keys, and spreads it over the bits the buckets
// read. The constants are splitmix64's and fixed: the table is read by
// later processes.
func key(b int, h uint64) uint64 {
	z := h ^ uint64(b+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return (z ^ (z >> 31)) >> (64 - keyBits)
}

// Table is a band table mapped into memory. Its methods are safe for
// concurrent use; none after Close.
type Table struct {
	mm       mmap.MMap
	articles int
	bucket   []byte // buckets+1 u32
	entries  []byte // u64 each
	idOff    []byte // articles+1 u32
	ids      []byte
}

// Open maps the band table at path and checks its structure.
func Open(path string) (*Table, error) {
	t, mm, err := mapfile.Open(path, int64(headerSize), ErrCorrupt, parse)
	if err != nil {
		return nil, fmt.Errorf("bands: %w", err)
	}
	t.mm = mm
	return t, nil
}

// parse checks data's layout, every offset and every article number, so
// that no lookup reads out of bounds.
func parse(data []byte) (*Table, error) {
	if len(data) < headerSize || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	le := binary.LittleEndian
	articles, entries := uint64(le.Uint32(data[8:])), uint64(le.Uint32(data[12:]))
	fixed := uint64(headerSize) + (buckets+1)*4 + entries*8 + (articles+1)*4
	if uint64(len(data)) < fixed {
		return nil, fmt.Errorf("%w: %d articles and %d entries in %d bytes", ErrCorrupt, articles, entries, len(data))
	}
	t := &Table{articles: int(articles)}
	rest := data[headerSize:]
	t.bucket, rest = rest[:(buckets+1)*4], rest[(buckets+1)*4:]
	t.entries, rest = rest[:entries*8], rest[entries*8:]
	t.idOff, t.ids = rest[:(articles+1)*4], rest[(articles+1)*4:]
	if !ascending(t.bucket, entries) || !ascending(t.idOff, uint64(len(t.ids))) {
		return nil, fmt.Errorf("%w: offsets out of order", ErrCorrupt)
	}
	for i := 0; i < len(t.entries); i += 8 {
		if uint64(uint32(le.Uint64(t.entries[i:]))) >= articles {
			return nil, fmt.Errorf("%w: article number out of range", ErrCorrupt)
		}
	}
	return t, nil
}

// ascending reports whether the u32 offsets in b start at 0, never
// decrease and end at last.
func ascending(b []byte, last uint64) bool {
	prev := uint32(0)
	for i := 0; i < len(b); i += 4 {
		o := binary.LittleEndian.Uint32(b[i:])
		if o < prev || (i == 0 && o != 0) {
			return false
		}
		prev = o
	}
	return uint64(prev) == last
}

// Close unmaps the file.
func (t *Table) Close() error {
	if t == nil || t.mm == nil {
		return nil
	}
	err := t.mm.Unmap()
	t.mm, t.bucket, t.entries, t.idOff, t.ids = nil, nil, nil, nil, nil
	return err
}

// Articles is how many articles the table holds.
func (t *Table) Articles() int { return t.articles }

// id is the id of article number i.
func (t *Table) id(i uint32) string {
	le := binary.LittleEndian
	return string(t.ids[le.Uint32(t.idOff[4*i:]):le.Uint32(t.idOff[4*i+4:])])
}

// each calls fn with the key and article number of every entry.
func (t *Table) each(fn func(k uint64, doc uint32)) {
	le := binary.LittleEndian
	for b := range buckets {
		lo, hi := le.Uint32(t.bucket[4*b:]), le.Uint32(t.bucket[4*b+4:])
		for i := lo; i < hi; i++ {
			e := le.Uint64(t.entries[8*i:])
			fn(uint64(b)<<32|e>>32, uint32(e))
		}
	}
}

// matches calls fn with the number of every article holding key k.
func (t *Table) matches(k uint64, fn func(doc uint32)) {
	le := binary.LittleEndian
	b, stored := k>>32, k&0xffffffff
	lo, hi := int(le.Uint32(t.bucket[4*b:])), int(le.Uint32(t.bucket[4*b+4:]))
	// The first entry of the bucket at or past stored<<32.
	i := lo + sort.Search(hi-lo, func(j int) bool { return le.Uint64(t.entries[8*(lo+j):])>>32 >= stored })
	for ; i < hi; i++ {
		e := le.Uint64(t.entries[8*i:])
		if e>>32 != stored {
			return
		}
		fn(uint32(e))
	}
}

// Lookup returns the ids of the articles sharing at least one band key
// with hashes (band b's hash at hashes[b]), those sharing most first, then
// in the order they were added; at most n, none that skip (when not nil)
// refuses.
func (t *Table) Lookup(hashes []uint64, n int, skip func(id string) bool) []string {
	shared := map[uint32]int{}
	for b, h := range hashes {
		t.matches(key(b, h), func(doc uint32) { shared[doc]++ })
	}
	docs := make([]uint32, 0, len(shared))
	for d := range shared {
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(a, b uint32) int {
		if shared[a] != shared[b] {
			return shared[b] - shared[a]
		}
		return int(int64(a) - int64(b))
	})
	var ids []string
	for _, d := range docs {
		if len(ids) == n {
			break
		}
		if id := t.id(d); skip == nil || !skip(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// Builder collects the band keys of a generation's articles and writes
// its table. Not safe for concurrent use.
type Builder struct {
	ids  []string
	byID map[string]uint32
	dead []bool   // by article number: dropped or replaced
	keys []uint64 // an entry's key, its keyBits kept
	docs []uint32 // an entry's article number
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder { return &Builder{byID: map[string]uint32{}} }

// AddTable adds every article of t, as an incremental run starts from its
// base generation's table.
func (b *Builder) AddTable(t *Table) {
	base := uint32(len(b.ids))
	for i := range t.articles {
		b.addID(t.id(uint32(i)))
	}
	t.each(func(k uint64, doc uint32) {
		b.keys = append(b.keys, k)
		b.docs = append(b.docs, base+doc)
	})
}

// Add adds the article id with its band hashes (band b's at hashes[b];
// none: an empty signature, never a candidate). An id added before is
// replaced: its old keys no longer find it.
func (b *Builder) Add(id string, hashes []uint64) {
	b.Drop(id)
	if len(hashes) == 0 {
		return
	}
	doc := b.addID(id)
	for band, h := range hashes {
		b.keys = append(b.keys, key(band, h))
		b.docs = append(b.docs, doc)
	}
}

// Drop removes the article id, if added: a deleted article.
func (b *Builder) Drop(id string) {
	if d, ok := b.byID[id]; ok {
		b.dead[d] = true
		delete(b.byID, id)
	}
}

func (b *Builder) addID(id string) uint32 {
	b.Drop(id)
	d := uint32(len(b.ids))
	b.ids = append(b.ids, id)
	b.dead = append(b.dead, false)
	b.byID[id] = d
	return d
}

// WriteFile writes the table of the articles added and not dropped to
// path, durably: a temporary file synced and renamed over it.
func (b *Builder) WriteFile(path string) error {
	ids, bucket, entries := b.layout()
	if err := mapfile.Write(path, func(w *bufio.Writer) error { return writeTable(w, ids, bucket, entries) }); err != nil {
		return fmt.Errorf("bands: %w", err)
	}
	return nil
}

// writeTable writes the file's sections.
func writeTable(w *bufio.Writer, ids []string, bucket []uint32, entries []uint64) error {
	le := binary.LittleEndian
	buf := make([]byte, 0, 1<<16)
	flush := func() {
		w.Write(buf)
		buf = buf[:0]
	}
	buf = append(buf, magic...)
	buf = le.AppendUint32(buf, uint32(len(ids)))
	buf = le.AppendUint32(buf, uint32(len(entries)))
	for _, o := range bucket {
		buf = le.AppendUint32(buf, o)
		if len(buf) > 1<<15 {
			flush()
		}
	}
	for _, e := range entries {
		buf = le.AppendUint64(buf, e)
		if len(buf) > 1<<15 {
			flush()
		}
	}
	off := uint32(0)
	for _, id := range ids {
		buf = le.AppendUint32(buf, off)
		off += uint32(len(id))
	}
	buf = le.AppendUint32(buf, off)
	flush()
	for _, id := range ids {
		w.WriteString(id)
	}
	return nil
}

// layout numbers the live articles in the order they were added and
// sorts their entries into buckets: the sections of the file.
func (b *Builder) layout() (ids []string, bucket []uint32, entries []uint64) {
	number := make([]uint32, len(b.ids))
	for d, id := range b.ids {
		if !b.dead[d] {
			number[d] = uint32(len(ids))
			ids = append(ids, id)
		}
	}
	bucket = make([]uint32, buckets+1)
	live := 0
	for i, k := range b.keys {
		if !b.dead[b.docs[i]] {
			bucket[k>>32+1]++
			live++
		}
	}
	for i := 1; i <= buckets; i++ {
		bucket[i] += bucket[i-1]
	}
	entries = make([]uint64, live)
	next := slices.Clone(bucket[:buckets])
	for i, k := range b.keys {
		if d := b.docs[i]; !b.dead[d] {
			entries[next[k>>32]] = (k&0xffffffff)<<32 | uint64(number[d])
			next[k>>32]++
		}
	}
	for i := range buckets {
		slices.Sort(entries[bucket[i]:bucket[i+1]])
	}
	return ids, bucket, entries
}
