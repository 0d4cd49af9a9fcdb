package bands

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// hashes makes band hashes: band b's is seed*1000+b, except for the bands
// in from, which take other's.
func hashes(seed uint64, other uint64, from ...int) []uint64 {
	hs := make([]uint64, 32)
	for b := range hs {
		hs[b] = seed*1000 + uint64(b)
		if slices.Contains(from, b) {
			hs[b] = other*1000 + uint64(b)
		}
	}
	return hs
}

func write(t *testing.T, b *Builder) *Table {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bands.bin")
	if err := b.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	tab, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tab.Close() })
	return tab
}

// TestLookupRanksBySharedKeys: an article sharing more bands with the
// query comes first, ties in the order added; an article sharing none,
// or only the hash of a band in another band, is not found.
func TestLookupRanksBySharedKeys(t *testing.T) {
	b := NewBuilder()
	b.Add("few", hashes(2, 1, 0))                                 // shares band 0 with query 1
	b.Add("most", hashes(3, 1, 0, 1, 2))                          // shares bands 0-2
	b.Add("tie", hashes(4, 1, 5))                                 // shares band 5
	b.Add("none", hashes(5, 0))                                   // shares nothing
	b.Add("shifted", append([]uint64{1001}, hashes(6, 0)[1:]...)) // query's band-1 hash, in band 0
	b.Add("empty", nil)
	tab := write(t, b)
	if got, want := tab.Lookup(hashes(1, 0), 10, nil), []string{"most", "few", "tie"}; !slices.Equal(got, want) {
		t.Errorf("Lookup = %q, want %q", got, want)
	}
	if got := tab.Lookup(hashes(1, 0), 2, nil); !slices.Equal(got, []string{"most", "few"}) {
		t.Errorf("Lookup of 2 = %q, want the first two", got)
	}
	skip := func(id string) bool { return id == "most" }
	if got := tab.Lookup(hashes(1, 0), 2, skip); !slices.Equal(got, []string{"few", "tie"}) {
		t.Errorf("Lookup skipping most = %q, want few, tie", got)
	}
	if got := tab.Lookup(nil, 10, nil); len(got) != 0 {
		t.Errorf("Lookup of no keys = %q", got)
	}
	if tab.Articles() != 5 {
		t.Errorf("Articles = %d, want 5 (the empty signature left out)", tab.Articles())
	}
}

// TestBuilderCarriesATableOver: an incremental run's table is its base's,
// less the articles it deletes, with its own added, a replaced article
// found by its new keys only.
func TestBuilderCarriesATableOver(t *testing.T) {
	b := NewBuilder()
	for i := range uint64(200) {
		b.Add(string(rune('a'+i%26))+string(rune('0'+i/26)), hashes(i+10, 0))
	}
	base := write(t, b)

	next := NewBuilder()
	next.AddTable(base)
	next.Drop("a0")                   // deleted
	next.Add("b0", hashes(999, 0))    // replaced
	next.Add("new", hashes(11, 0, 3)) // 31 bands of b0's old keys
	tab := write(t, next)

	if tab.Articles() != 200 {
		t.Errorf("Articles = %d, want 200", tab.Articles())
	}
	if got := tab.Lookup(hashes(10, 0), 5, nil); len(got) != 0 {
		t.Errorf("a deleted article's keys find %q", got)
	}
	if got := tab.Lookup(hashes(11, 0), 5, nil); !slices.Equal(got, []string{"new"}) {
		t.Errorf("the replaced article's old keys find %q, want only the new article", got)
	}
	if got := tab.Lookup(hashes(999, 0), 5, nil); !slices.Equal(got, []string{"b0"}) {
		t.Errorf("the replaced article's new keys find %q, want b0", got)
	}
	for i := uint64(2); i < 200; i++ {
		id := string(rune('a'+i%26)) + string(rune('0'+i/26))
		if got := tab.Lookup(hashes(i+10, 0), 1, nil); !slices.Equal(got, []string{id}) {
			t.Fatalf("article %s carried over: Lookup = %q", id, got)
		}
	}
}

// TestOpenRefusesDamage: a missing file and every damaged one is an
// error, never a table that reads out of bounds.
func TestOpenRefusesDamage(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "none.bin")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file = %v, want ErrNotExist", err)
	}
	b := NewBuilder()
	b.Add("x", hashes(1, 0))
	b.Add("yy", hashes(2, 0))
	good := filepath.Join(dir, "good.bin")
	if err := b.WriteFile(good); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	damage := map[string][]byte{
		"empty":     {},
		"magic":     append([]byte("XWBANDS0"), data[8:]...),
		"truncated": data[:len(data)-1],
		"longer":    append(slices.Clone(data), 0),
		"entries":   withU32(data, 12, 65), // more entries than the file holds
		"article": func() []byte { // an entry names article 7 of 2
			d := slices.Clone(data)
			d[headerSize+(buckets+1)*4] = 7
			return d
		}(),
		"bucket order": withU32(data, headerSize+4*100, 9999),
	}
	for name, d := range damage {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, d, 0o644); err != nil {
			t.Fatal(err)
		}
		if tab, err := Open(p); !errors.Is(err, ErrCorrupt) {
			tab.Close()
			t.Errorf("%s: Open = %v, want ErrCorrupt", name, err)
		}
	}
}

func withU32(data []byte, at int, v uint32) []byte {
	d := slices.Clone(data)
	d[at], d[at+1], d[at+2], d[at+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	return d
}
