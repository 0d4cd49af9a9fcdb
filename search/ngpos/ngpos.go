// Package ngpos stores where each term of one field stands in each
// document of a finished Bleve segment: the positions of the body's
// character bigrams, in a file beside the segment.
//
// Bleve's segment format (zap) writes every position as five varints
// (field, position, byte start, byte end, array positions): at least five
// bytes, and for the body's bigrams 38 % of the whole index of xwlb. Here a
// position is one delta varint, one or two bytes. Bleve keeps the field's
// postings without positions, which select the candidates of a phrase; a
// Reader then answers where the phrase's terms stand in each candidate.
// With each document's number of tokens and each term's number of
// documents, the file also serves the field's postings whole (a term's
// documents and frequencies, the field lengths BM25 needs), so Bleve need
// not hold the field at all.
//
// The file, little-endian:
//
//	magic "XWNGPOS2"
//	u32 docs, u32 terms, u64 table offset, u64 skips offset
//	lengths: per document, u32 its number of tokens (0: none, or absent)
//	postings: per term, in term order, per document in increasing order:
//	    uvarint doc delta (the first: the document number itself) << 1,
//	        | 1 when the term stands more than once in the document
//	    if more than once: uvarint length in bytes of the positions
//	    uvarint positions, each the delta from the previous (the first: itself)
//
// Most of a bigram field's (term, document) pairs have one position, and
// no length then: a tenth of the file.
//
//	skips: per term, for every skipEvery-th document entry after the
//	    first: u32 the document before it, u32 its offset in the term's
//	    postings; a cursor seeking far ahead jumps instead of decoding
//	table: the terms' bytes one after another, then terms+1 u32 offsets
//	    into them, then terms+1 u64 offsets into the postings, then per
//	    term u32 its number of documents, then terms+1 u32 indexes of
//	    the terms' first skips
//
// A document number is the document's number in the segment.
package ngpos

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	mmap "github.com/blevesearch/mmap-go"

	"github.com/xinwen-search/xinwen/internal/mapfile"
)

const (
	magic      = "XWNGPOS2"
	headerSize = len(magic) + 4 + 4 + 8 + 8
	// skipEvery is how many document entries a skip jumps: a few percent
	// of a long list's bytes.
	skipEvery = 64
)

// ErrCorrupt is returned for a file that is not a whole positions file.
var ErrCorrupt = errors.New("ngpos: corrupt positions file")

// Token is one occurrence of a term in a document.
type Token struct {
	Term []byte
	Pos  uint32
}

// Builder collects the positions of documents added in increasing order.
// It holds every posting in memory, encoded: about two bytes a position.
type Builder struct {
	// short holds the terms of one or two characters (all of a bigram
	// field's) by their code points, which hash faster than strings;
	// long the others.
	short map[uint64]*list
	long  map[string]*list
	docs  uint32
	added bool
	last  uint32
	lens  []uint32 // per document, its number of tokens
	// scratch for Add: the document's terms in order of appearance, and
	// per token the index of the next token of the same term
	order []*list
	next  []int32
	ps    []uint32
}

type list struct {
	term string
	buf  []byte
	last uint32
	any  bool
	n    uint32   // documents
	skip []uint32 // pairs: the document before entry k·skipEvery, the entry's offset
	// the document being added: cur is its number + 1 while the list's
	// tokens there are chained from head to tail
	cur        uint32
	head, tail int32
}

// NewBuilder returns an empty Builder for a segment of docs documents.
func NewBuilder(docs uint32) *Builder {
	return &Builder{short: map[uint64]*list{}, long: map[string]*list{}, docs: docs, lens: make([]uint32, docs)}
}

// get returns term's list, made on first sight.
func (b *Builder) get(term []byte) *list {
	if key, ok := shortKey(term); ok {
		l := b.short[key]
		if l == nil {
			l = &list{term: string(term)}
			b.short[key] = l
		}
		return l
	}
	l := b.long[string(term)]
	if l == nil {
		l = &list{term: string(term)}
		b.long[l.term] = l
	}
	return l
}

// shortKey packs a term of one or two code points into one number.
func shortKey(term []byte) (uint64, bool) {
	r1, n1 := utf8.DecodeRune(term)
	if n1 == 0 || r1 == utf8.RuneError && n1 == 1 {
		return 0, false
	}
	if n1 == len(term) {
		return uint64(r1) << 32, true
	}
	r2, n2 := utf8.DecodeRune(term[n1:])
	if n1+n2 != len(term) || r2 == utf8.RuneError && n2 == 1 {
		return 0, false
	}
	return uint64(r1)<<32 | uint64(r2) | 1<<63, true
}

// Add records the tokens of document doc, which must be greater than
// every document added before and smaller than the Builder's docs.
// Tokens may come in any order.
func (b *Builder) Add(doc uint32, toks []Token) error {
	if doc >= b.docs || b.added && doc <= b.last {
		return fmt.Errorf("ngpos: document %d out of order (last %d, docs %d)", doc, b.last, b.docs)
	}
	b.added, b.last = true, doc
	b.lens[doc] = uint32(len(toks))
	b.order = b.order[:0]
	b.next = slices.Grow(b.next[:0], len(toks))[:len(toks)]
	for i, t := range toks {
		l := b.get(t.Term)
		if l.cur != doc+1 {
			l.cur, l.head = doc+1, int32(i)
			b.order = append(b.order, l)
		} else {
			b.next[l.tail] = int32(i)
		}
		l.tail = int32(i)
		b.next[i] = -1
	}
	var tmp [binary.MaxVarintLen64]byte
	for _, l := range b.order {
		ps := b.ps[:0]
		for i := l.head; i >= 0; i = b.next[i] {
			ps = append(ps, toks[i].Pos)
		}
		slices.Sort(ps)
		b.ps = ps
		delta := doc
		if l.any {
			delta = doc - l.last
		}
		if l.n > 0 && l.n%skipEvery == 0 {
			l.skip = append(l.skip, l.last, uint32(len(l.buf)))
		}
		if len(ps) == 1 {
			l.buf = binary.AppendUvarint(l.buf, uint64(delta)<<1)
		} else {
			l.buf = binary.AppendUvarint(l.buf, uint64(delta)<<1|1)
			size, prev := 0, uint32(0)
			for _, p := range ps {
				size += binary.PutUvarint(tmp[:], uint64(p-prev))
				prev = p
			}
			l.buf = binary.AppendUvarint(l.buf, uint64(size))
		}
		prev := uint32(0)
		for _, p := range ps {
			l.buf = binary.AppendUvarint(l.buf, uint64(p-prev))
			prev = p
		}
		l.last, l.any = doc, true
		l.n++
	}
	return nil
}

// WriteFile writes the positions to path, through a temporary file
// renamed into place once synced: a reader never sees half a file.
func (b *Builder) WriteFile(path string) error {
	lists := make([]*list, 0, len(b.short)+len(b.long))
	for _, l := range b.short {
		lists = append(lists, l)
	}
	for _, l := range b.long {
		lists = append(lists, l)
	}
	slices.SortFunc(lists, func(x, y *list) int { return strings.Compare(x.term, y.term) })

	if err := mapfile.Write(path, func(w *bufio.Writer) error { return b.write(w, lists) }); err != nil {
		return fmt.Errorf("ngpos: %w", err)
	}
	return nil
}

// write writes the file's sections, lists in term order.
func (b *Builder) write(w *bufio.Writer, lists []*list) error {
	var postings uint64
	postOff := make([]uint64, 0, len(lists)+1)
	for _, l := range lists {
		postOff = append(postOff, postings)
		postings += uint64(len(l.buf))
	}
	postOff = append(postOff, postings)
	var skips uint64
	for _, l := range lists {
		skips += uint64(len(l.skip)) * 4
	}
	skipsAt := uint64(headerSize) + 4*uint64(b.docs) + postings

	hdr := make([]byte, 0, headerSize)
	hdr = append(hdr, magic...)
	hdr = binary.LittleEndian.AppendUint32(hdr, b.docs)
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(lists)))
	hdr = binary.LittleEndian.AppendUint64(hdr, skipsAt+skips)
	hdr = binary.LittleEndian.AppendUint64(hdr, skipsAt)
	w.Write(hdr)
	var u4 [4]byte
	for _, n := range b.lens {
		binary.LittleEndian.PutUint32(u4[:], n)
		w.Write(u4[:])
	}
	for _, l := range lists {
		w.Write(l.buf)
	}
	for _, l := range lists {
		for _, x := range l.skip {
			binary.LittleEndian.PutUint32(u4[:], x)
			w.Write(u4[:])
		}
	}
	var keys uint32
	for _, l := range lists {
		w.WriteString(l.term)
	}
	for _, l := range lists {
		binary.LittleEndian.PutUint32(u4[:], keys)
		w.Write(u4[:])
		keys += uint32(len(l.term))
	}
	binary.LittleEndian.PutUint32(u4[:], keys)
	w.Write(u4[:])
	var u8 [8]byte
	for _, o := range postOff {
		binary.LittleEndian.PutUint64(u8[:], o)
		w.Write(u8[:])
	}
	for _, l := range lists {
		binary.LittleEndian.PutUint32(u4[:], l.n)
		w.Write(u4[:])
	}
	var skipAt uint32
	for _, l := range lists {
		binary.LittleEndian.PutUint32(u4[:], skipAt)
		w.Write(u4[:])
		skipAt += uint32(len(l.skip) / 2)
	}
	binary.LittleEndian.PutUint32(u4[:], skipAt)
	_, err := w.Write(u4[:])
	return err
}

// Reader reads a positions file, mapped into memory.
type Reader struct {
	mm       mmap.MMap
	docs     uint32
	terms    int
	lens     []byte // docs u32
	postings []byte // the postings section
	keys     []byte // the terms' bytes
	keyOff   []byte // terms+1 u32
	postOff  []byte // terms+1 u64
	counts   []byte // terms u32
	skips    []byte // pairs of u32
	skipOff  []byte // terms+1 u32, in pairs
}

// Open maps the positions file at path and checks its structure.
func Open(path string) (*Reader, error) {
	r, mm, err := mapfile.Open(path, int64(headerSize), ErrCorrupt, parse)
	if err != nil {
		return nil, fmt.Errorf("ngpos: %w", err)
	}
	r.mm = mm
	return r, nil
}

// parse checks data's layout and slices its sections.
func parse(data []byte) (*Reader, error) {
	if len(data) < headerSize || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	le := binary.LittleEndian
	r := &Reader{docs: le.Uint32(data[8:]), terms: int(le.Uint32(data[12:]))}
	table, skipsAt := le.Uint64(data[16:]), le.Uint64(data[24:])
	n := uint64(r.terms)
	postStart := uint64(headerSize) + 4*uint64(r.docs)
	if skipsAt < postStart || table < skipsAt || table > uint64(len(data)) || (table-skipsAt)%8 != 0 {
		return nil, fmt.Errorf("%w: table offset %d, skips at %d", ErrCorrupt, table, skipsAt)
	}
	rest := uint64(len(data)) - table
	offs := (n+1)*4 + (n+1)*8 + n*4 + (n+1)*4
	if rest < offs {
		return nil, fmt.Errorf("%w: table of %d terms in %d bytes", ErrCorrupt, n, rest)
	}
	keyLen := rest - offs
	r.lens = data[headerSize:postStart]
	r.postings = data[postStart:skipsAt]
	r.skips = data[skipsAt:table]
	r.keys = data[table : table+keyLen]
	r.keyOff = data[table+keyLen : table+keyLen+(n+1)*4]
	r.postOff = data[table+keyLen+(n+1)*4 : table+keyLen+(n+1)*12]
	r.counts = data[table+keyLen+(n+1)*12 : table+keyLen+(n+1)*12+n*4]
	r.skipOff = data[table+keyLen+(n+1)*12+n*4:]
	if uint64(le.Uint32(r.skipOff[n*4:]))*8 != uint64(len(r.skips)) {
		return nil, fmt.Errorf("%w: skips disagree", ErrCorrupt)
	}
	if le.Uint32(r.keyOff[n*4:]) != uint32(keyLen) || le.Uint64(r.postOff[n*8:]) != uint64(len(r.postings)) {
		return nil, fmt.Errorf("%w: section sizes disagree", ErrCorrupt)
	}
	return r, nil
}

// Close unmaps the file; no Cursor of r may be used after.
func (r *Reader) Close() error {
	if r == nil || r.mm == nil {
		return nil
	}
	err := r.mm.Unmap()
	r.mm, r.postings = nil, nil
	return err
}

// Docs is the number of documents of the segment the file describes.
func (r *Reader) Docs() uint32 { return r.docs }

// Terms is the number of distinct terms.
func (r *Reader) Terms() int { return r.terms }

func (r *Reader) key(i int) []byte {
	le := binary.LittleEndian
	a, b := le.Uint32(r.keyOff[i*4:]), le.Uint32(r.keyOff[i*4+4:])
	if a > b || int(b) > len(r.keys) {
		return nil
	}
	return r.keys[a:b]
}

// Length is the number of tokens of document doc: the length of its field
// that BM25 normalizes by; 0 for a document out of range.
func (r *Reader) Length(doc uint32) uint32 {
	if doc >= r.docs {
		return 0
	}
	return binary.LittleEndian.Uint32(r.lens[doc*4:])
}

// Cursor returns a cursor over term's documents; a term the file does
// not hold gives a cursor that finds nothing.
func (r *Reader) Cursor(term string) *Cursor {
	i := sort.Search(r.terms, func(i int) bool { return string(r.key(i)) >= term })
	c := &Cursor{}
	if i < r.terms && string(r.key(i)) == term {
		le := binary.LittleEndian
		a, b := le.Uint64(r.postOff[i*8:]), le.Uint64(r.postOff[i*8+8:])
		if a <= b && b <= uint64(len(r.postings)) {
			c.b = r.postings[a:b]
			c.n = le.Uint32(r.counts[i*4:])
		}
		sa, sb := uint64(le.Uint32(r.skipOff[i*4:])), uint64(le.Uint32(r.skipOff[i*4+4:]))
		if sa <= sb && sb*8 <= uint64(len(r.skips)) {
			c.skips = r.skips[sa*8 : sb*8]
		}
	}
	return c
}

// TermsWithPrefix lists the terms that start with prefix, in order.
func (r *Reader) TermsWithPrefix(prefix string) []string {
	i := sort.Search(r.terms, func(i int) bool { return string(r.key(i)) >= prefix })
	var out []string
	for ; i < r.terms; i++ {
		k := r.key(i)
		if !strings.HasPrefix(string(k), prefix) {
			break
		}
		out = append(out, string(k))
	}
	return out
}

// TermsOf lists the terms keep accepts, in order: a walk over the whole
// dictionary.
func (r *Reader) TermsOf(keep func(term []byte) bool) []string {
	var out []string
	for i := range r.terms {
		if k := r.key(i); keep(k) {
			out = append(out, string(k))
		}
	}
	return out
}

// Cursor walks one term's documents forward.
type Cursor struct {
	b          []byte
	skips      []byte // pairs of u32: the document before an entry, its offset
	sk         int    // the first skip not yet passed
	n          uint32 // documents in b
	i          int    // next entry
	doc        uint32
	started    bool
	posA, posB int  // the current entry's positions
	at         bool // the last Seek found its document
	bad        bool
	done       bool // past the last document
	multi      bool // the current entry has more than one position
}

// Docs is the number of documents the cursor's term stands in.
func (c *Cursor) Docs() uint32 { return c.n }

// Seek moves to the first document at or after doc and tells whether it
// is doc. Documents are sought in increasing order; seeking an earlier
// one than the current answers false.
func (c *Cursor) Seek(doc uint32) bool {
	c.at = false
	if (!c.started || c.doc < doc) && c.sk*8 < len(c.skips) {
		c.skipTo(doc)
	}
	for !c.started || c.doc < doc {
		if !c.next() {
			return false
		}
	}
	c.at = c.doc == doc
	return c.at
}

// skipTo jumps to the last skip entry whose preceding document is before
// doc, when that is ahead of the cursor: every entry jumped over is for a
// document before doc.
func (c *Cursor) skipTo(doc uint32) {
	le := binary.LittleEndian
	k := -1
	for ; c.sk*8 < len(c.skips) && le.Uint32(c.skips[c.sk*8:]) < doc; c.sk++ {
		k = c.sk
	}
	if k < 0 || c.done {
		return
	}
	off := int(le.Uint32(c.skips[k*8+4:]))
	if off <= c.i || off > len(c.b) {
		return
	}
	c.i, c.doc, c.started = off, le.Uint32(c.skips[k*8:]), true
}

// Next moves to the next document and tells whether there is one.
func (c *Cursor) Next() bool {
	c.at = c.next()
	return c.at
}

// Advance moves to the first document at or after doc, as Seek, and tells
// whether there is one; Doc tells which. A doc at or before the current
// one leaves the cursor where it is.
func (c *Cursor) Advance(doc uint32) bool {
	if c.started && c.doc >= doc && !c.done {
		c.at = true
		return true
	}
	c.Seek(doc)
	c.at = c.started && c.doc >= doc && !c.done
	return c.at
}

// Doc is the document the cursor stands on.
func (c *Cursor) Doc() uint32 { return c.doc }

// Freq is how many times the term stands in the current document.
func (c *Cursor) Freq() int {
	if !c.multi {
		return 1
	}
	n := 0
	for _, x := range c.b[c.posA:c.posB] {
		if x < 0x80 {
			n++
		}
	}
	return n
}

func (c *Cursor) next() bool {
	if c.bad || c.i >= len(c.b) {
		c.i, c.done = len(c.b), true
		return false
	}
	head, n := binary.Uvarint(c.b[c.i:])
	if n <= 0 {
		c.bad, c.done = true, true
		return false
	}
	delta := head >> 1
	var size uint64
	var m int
	if head&1 == 1 {
		size, m = binary.Uvarint(c.b[c.i+n:])
	} else {
		_, k := binary.Uvarint(c.b[c.i+n:]) // the one position
		size, m = uint64(k), 0
		if k <= 0 {
			m = -1
		}
	}
	if m < 0 || head&1 == 1 && m == 0 || uint64(c.i+n+m)+size > uint64(len(c.b)) {
		c.bad, c.done = true, true
		return false
	}
	if c.started {
		c.doc += uint32(delta)
	} else {
		c.doc, c.started = uint32(delta), true
	}
	c.multi = head&1 == 1
	c.posA = c.i + n + m
	c.posB = c.posA + int(size)
	c.i = c.posB
	return true
}

// Positions appends to dst the positions in the document the cursor
// stands on (the last Seek found, Next or Advance moved to); after a Seek
// that answered false, none.
func (c *Cursor) Positions(dst []uint32) []uint32 {
	if !c.at {
		return dst
	}
	var p uint32
	for i := c.posA; i < c.posB; {
		d, n := binary.Uvarint(c.b[i:c.posB])
		if n <= 0 {
			break
		}
		p += uint32(d)
		dst = append(dst, p)
		i += n
	}
	return dst
}
