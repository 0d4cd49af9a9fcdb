package ngpos

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRoundTrip writes random documents and reads every term's positions
// back, document by document, against what was added.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const docs = 300
	terms := []string{"经济", "发展", "济发", "a", "中国", "国经", "x", "长长的词"}
	want := map[string]map[uint32][]uint32{} // term -> doc -> positions
	lens := map[uint32]uint32{}
	b := NewBuilder(docs + 5)
	for doc := uint32(0); doc < docs; doc += 1 + uint32(rng.IntN(2)) {
		var toks []Token
		for p := range uint32(rng.IntN(200)) {
			term := terms[rng.IntN(len(terms))]
			pos := p*3 + uint32(rng.IntN(3)) // gaps, and positions of several sizes
			if rng.IntN(50) == 0 {
				pos += 1 << 20
			}
			toks = append(toks, Token{Term: []byte(term), Pos: pos})
			if want[term] == nil {
				want[term] = map[uint32][]uint32{}
			}
			want[term][doc] = append(want[term][doc], pos)
		}
		lens[doc] = uint32(len(toks))
		rng.Shuffle(len(toks), func(i, j int) { toks[i], toks[j] = toks[j], toks[i] })
		if err := b.Add(doc, toks); err != nil {
			t.Fatal(err)
		}
	}
	r := writeOpen(t, b)
	if r.Docs() != docs+5 || r.Terms() != len(want) {
		t.Fatalf("docs %d terms %d, want %d and %d", r.Docs(), r.Terms(), docs+5, len(want))
	}
	for _, term := range terms {
		c := r.Cursor(term)
		var got []uint32
		for doc := uint32(0); doc < docs+5; doc++ {
			ps, ok := want[term][doc]
			if c.Seek(doc) != ok {
				t.Fatalf("%s doc %d: found %v, want %v", term, doc, !ok, ok)
			}
			if !ok {
				continue
			}
			slices.Sort(ps)
			got = c.Positions(got[:0])
			if !slices.Equal(got, ps) {
				t.Fatalf("%s doc %d: positions %v, want %v", term, doc, got, ps)
			}
		}
	}
	if c := r.Cursor("没有"); c.Seek(0) || c.Seek(10) || c.Docs() != 0 {
		t.Fatal("a term the file lacks was found")
	}
	for doc := range uint32(docs + 5) {
		if got := r.Length(doc); got != lens[doc] {
			t.Fatalf("doc %d: length %d, want %d", doc, got, lens[doc])
		}
	}
	// Walking each term with Next and Advance gives its documents and
	// frequencies, and its count of documents.
	for _, term := range terms {
		c := r.Cursor(term)
		if int(c.Docs()) != len(want[term]) {
			t.Fatalf("%s: %d documents, want %d", term, c.Docs(), len(want[term]))
		}
		var docsSeen []uint32
		for ok := c.Next(); ok; {
			doc := c.Doc()
			docsSeen = append(docsSeen, doc)
			if c.Freq() != len(want[term][doc]) {
				t.Fatalf("%s doc %d: freq %d, want %d", term, doc, c.Freq(), len(want[term][doc]))
			}
			if rng.IntN(2) == 0 {
				ok = c.Next()
			} else {
				ok = c.Advance(doc + 1)
			}
		}
		if len(docsSeen) != len(want[term]) || c.Advance(0) {
			t.Fatalf("%s: walked %d documents of %d, or advanced after the end", term, len(docsSeen), len(want[term]))
		}
	}
	if got := r.TermsWithPrefix("国"); !slices.Equal(got, []string{"国经"}) {
		t.Fatalf("prefix 国: %v", got)
	}
	if got := r.TermsOf(func(k []byte) bool { return len(k) == 1 }); !slices.Equal(got, []string{"a", "x"}) {
		t.Fatalf("one-byte terms: %v", got)
	}
}

// TestSeekSkips: seeking jumps over documents, and never back.
func TestSeekSkips(t *testing.T) {
	b := NewBuilder(100)
	for _, d := range []uint32{3, 10, 50, 99} {
		if err := b.Add(d, []Token{{[]byte("ab"), d}}); err != nil {
			t.Fatal(err)
		}
	}
	c := writeOpen(t, b).Cursor("ab")
	if c.Seek(5) || !c.Seek(50) || c.Seek(10) || !c.Seek(99) || c.Seek(100) {
		t.Fatal("seek answered wrong")
	}
	if got := c.Positions(nil); len(got) != 0 {
		t.Fatalf("positions after the end: %v", got)
	}
}

// writeOpen writes b to a file and opens it, closed when the test ends.
func writeOpen(t *testing.T, b *Builder) *Reader {
	t.Helper()
	path := filepath.Join(t.TempDir(), "body.ngpos")
	if err := b.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func TestAddOutOfOrder(t *testing.T) {
	b := NewBuilder(10)
	if err := b.Add(5, nil); err != nil {
		t.Fatal(err)
	}
	for _, d := range []uint32{5, 4, 10} {
		if err := b.Add(d, nil); err == nil {
			t.Errorf("Add(%d) after 5 of 10 documents: no error", d)
		}
	}
}

// TestCorrupt: a cut or garbled file is refused at open, or finds nothing
// when only its postings are garbled; it never panics.
func TestCorrupt(t *testing.T) {
	b := NewBuilder(4)
	for d := range uint32(4) {
		if err := b.Add(d, []Token{{[]byte("ab"), 1}, {[]byte("bc"), 2}, {[]byte("ab"), 7}}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	if err := b.WriteFile(good); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 10, headerSize, len(data) - 1} {
		p := filepath.Join(dir, "cut")
		os.WriteFile(p, data[:n], 0o644)
		if r, err := Open(p); !errors.Is(err, ErrCorrupt) {
			r.Close()
			t.Errorf("cut to %d bytes: %v, want ErrCorrupt", n, err)
		}
	}
	for i := headerSize; i < len(data); i++ {
		bad := slices.Clone(data)
		bad[i] ^= 0xff
		p := filepath.Join(dir, "bad")
		os.WriteFile(p, bad, 0o644)
		r, err := Open(p)
		if err != nil {
			continue
		}
		for _, term := range []string{"ab", "bc"} {
			c := r.Cursor(term)
			for d := range uint32(6) {
				if c.Seek(d) {
					c.Positions(nil)
				}
			}
		}
		r.Close()
	}
}

// TestSeekFar: seeking far ahead in a long list (through its skips)
// lands where walking it entry by entry would.
func TestSeekFar(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const docs = 20000
	b := NewBuilder(docs)
	var have []uint32
	freq := map[uint32]int{}
	for d := uint32(0); d < docs; d += 1 + uint32(rng.IntN(4)) {
		toks := []Token{{[]byte("ab"), d % 7}}
		if rng.IntN(3) == 0 {
			toks = append(toks, Token{[]byte("ab"), 100 + d%5})
		}
		freq[d] = len(toks)
		if err := b.Add(d, toks); err != nil {
			t.Fatal(err)
		}
		have = append(have, d)
	}
	r := writeOpen(t, b)
	if len(r.Cursor("ab").skips) == 0 {
		t.Fatal("a list of thousands of documents has no skips")
	}
	for round := range 50 {
		c := r.Cursor("ab")
		target := uint32(0)
		for {
			target += uint32(rng.IntN(1 + round*40))
			i, _ := slices.BinarySearch(have, target)
			found := c.Advance(target)
			if i == len(have) {
				if found {
					t.Fatalf("advanced to %d past the last document, at %d", target, c.Doc())
				}
				break
			}
			if !found || c.Doc() != have[i] {
				t.Fatalf("advance to %d: at %d (found %v), want %d", target, c.Doc(), found, have[i])
			}
			if c.Freq() != freq[c.Doc()] || len(c.Positions(nil)) != freq[c.Doc()] {
				t.Fatalf("doc %d: freq %d, %d positions, want %d", c.Doc(), c.Freq(), len(c.Positions(nil)), freq[c.Doc()])
			}
			target = c.Doc() + 1
		}
	}
}
