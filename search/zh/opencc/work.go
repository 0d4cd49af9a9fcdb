package opencc

import (
	"sync"
	"unicode/utf8"
)

// spanned is text with, for each byte, the input span it came from.
type spanned struct {
	text     []byte
	from, to []int32
}

func (s *spanned) reset() { s.text, s.from, s.to = s.text[:0], s.from[:0], s.to[:0] }

// add appends t, every byte of it from the span [from, to).
func (s *spanned) add(t string, from, to int32) {
	s.text = append(s.text, t...)
	for range len(t) {
		s.from = append(s.from, from)
		s.to = append(s.to, to)
	}
}

// work converts one segment through the chain: cur is the text so far,
// next the output of the group running.
type work struct{ cur, next spanned }

var works = sync.Pool{New: func() any { return new(work) }}

// load sets cur to in[a:b], each rune from its own span.
func (w *work) load(in []byte, a, b int) {
	w.cur.reset()
	for i := a; i < b; {
		_, size := utf8.DecodeRune(in[i:])
		w.cur.add(string(in[i:i+size]), int32(i), int32(i+size))
		i += size
	}
}

// step runs g along cur.
func (w *work) step(g Group) {
	w.next.reset()
	cur := &w.cur
	for i := 0; i < len(cur.text); {
		n, v, ok := g.match(cur.text[i:])
		if !ok {
			_, n = utf8.DecodeRune(cur.text[i:])
			w.next.text = append(w.next.text, cur.text[i:i+n]...)
			w.next.from = append(w.next.from, cur.from[i:i+n]...)
			w.next.to = append(w.next.to, cur.to[i:i+n]...)
		} else {
			w.emit(i, i+n, v)
		}
		i += n
	}
	w.cur, w.next = w.next, w.cur
}

// emit appends v, converted from cur.text[a:b]: rune by rune when both
// hold as many runes, else every byte of v from the whole span.
func (w *work) emit(a, b int, v string) {
	cur := &w.cur
	key := cur.text[a:b]
	if utf8.RuneCount(key) != utf8.RuneCountInString(v) {
		w.next.add(v, cur.from[a], cur.to[b-1])
		return
	}
	for j := 0; j < len(v); {
		_, vsize := utf8.DecodeRuneInString(v[j:])
		_, size := utf8.DecodeRune(key)
		w.next.add(v[j:j+vsize], cur.from[a], cur.to[a+size-1])
		key, a, j = key[size:], a+size, j+vsize
	}
}
