package highlight

import (
	"slices"
	"sort"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// folded is a text with its form folded by package fold, the map back from
// folded bytes to the text, and where each rune of the text starts.
// Spans are rune indexes of the text. norm and at live in buffers that
// release recycles: nothing may keep them past it.
type folded struct {
	text string
	norm string
	at   []int32 // byte offset in text of rune i; len(text) last
	m    *fold.Text
	buf  *buffers
}

// buffers are one fold's offset map and rune starts, reused across hits:
// a page's bodies are folded whole, ten of them a search.
type buffers struct {
	m  fold.Text
	at []int32
}

var pool = sync.Pool{New: func() any { return new(buffers) }}

// foldText folds s; release returns its buffers. Each invalid byte of s
// becomes U+FFFD first, so that every rune of the text is one of s.
func foldText(s string) folded {
	buf := pool.Get().(*buffers)
	at := slices.Grow(buf.at[:0], len(s)/2+1)
	for i, r := range s {
		if r == utf8.RuneError && isInvalidAt(s, i) {
			pool.Put(buf)
			return foldText(string([]rune(s)))
		}
		at = append(at, int32(i))
	}
	buf.at = append(at, int32(len(s)))
	buf.m.Fold(s)
	// norm aliases the fold's bytes until release: copied, it was one
	// more allocation of every body a page shows.
	norm := unsafe.String(unsafe.SliceData(buf.m.Bytes), len(buf.m.Bytes))
	return folded{text: s, norm: norm, at: buf.at, m: &buf.m, buf: buf}
}

// release recycles the buffers unless one huge text made them huge.
func (f folded) release() {
	if cap(f.m.Bytes) <= 1<<20 {
		pool.Put(f.buf)
	}
}

// runes is the number of runes of the text.
func (f folded) runes() int { return len(f.at) - 1 }

// slice is the text of runes [from, to).
func (f folded) slice(from, to int) string { return f.text[f.at[from]:f.at[to]] }

// runeAt is the first rune of the text that byte b of norm came from.
func (f folded) runeAt(b int) int {
	start, _ := f.m.Span(b, b+1)
	return f.runeOf(start)
}

// runeSpan maps the folded byte range [i, j) to the runes of the text
// that produced it.
func (f folded) runeSpan(i, j int) span {
	start, end := f.m.Span(i, j)
	return span{f.runeOf(start), f.runeOf(end)}
}

// runeOf is the index of the rune starting at byte off of the text (the
// rune count when off is its length).
func (f folded) runeOf(off int) int {
	return sort.Search(len(f.at), func(i int) bool { return int(f.at[i]) >= off })
}

// isInvalidAt tells whether s holds an invalid byte at i, not U+FFFD.
func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}
