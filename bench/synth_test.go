package bench

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func synthesize(docs []Doc, n int, seed uint64) []Doc {
	s := NewSynth(docs, seed, fakeSegment)
	out := make([]Doc, n)
	for i := range out {
		out[i] = s.Next("syn")
	}
	return out
}

func TestSynthIsDeterministic(t *testing.T) {
	docs := fakeCorpus(50, 1)
	a, b := synthesize(docs, 40, 9), synthesize(docs, 40, 9)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed made different articles")
	}
	if c := synthesize(docs, 40, 10); reflect.DeepEqual(a, c) {
		t.Error("another seed made the same articles")
	}
}

// TestSynthRecombinesRealText checks that every part of a synthetic
// article comes from the source: titles (or their words), paragraphs or
// sentences, categories, and dates inside the source's range.
func TestSynthRecombinesRealText(t *testing.T) {
	docs := fakeCorpus(60, 2)
	paras, sentences := map[string]bool{}, map[string]bool{}
	for _, d := range docs {
		for _, p := range strings.Split(d.Body, "\n") {
			paras[p] = true
			for _, s := range splitSentences(p) {
				sentences[s] = true
			}
		}
	}
	first, last := docs[0].Date, docs[len(docs)-1].Date
	reshuffled := 0
	for _, d := range synthesize(docs, 200, 3) {
		src := slices.IndexFunc(docs, func(s Doc) bool { return sameWords(s.Title, d.Title) })
		if src < 0 {
			t.Fatalf("title %q is no source title's words", d.Title)
		}
		if d.Title != docs[src].Title {
			reshuffled++
		}
		if !slices.Equal(d.Categories, docs[src].Categories) {
			t.Errorf("categories %v, want the title's %v", d.Categories, docs[src].Categories)
		}
		if d.Date.Before(first) || d.Date.After(last) {
			t.Errorf("date %v outside %v .. %v", d.Date, first, last)
		}
		for _, p := range strings.Split(d.Body, "\n") {
			if paras[p] {
				continue
			}
			for _, s := range splitSentences(p) {
				if !sentences[s] {
					t.Fatalf("sentence %q is from no source paragraph", s)
				}
			}
		}
	}
	if reshuffled == 0 || reshuffled == 200 {
		t.Errorf("%d of 200 titles reshuffled, want some but not all", reshuffled)
	}
}

// sameDoc compares articles, dates as instants (a read-back date has a
// fixed zone in place of the original's).
func sameDoc(a, b Doc) bool {
	return a.Date.Equal(b.Date) && a.ID == b.ID && a.Title == b.Title && a.Body == b.Body &&
		slices.Equal(a.Categories, b.Categories)
}

func sameWords(a, b string) bool {
	x, y := fakeSegment(a), fakeSegment(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

func TestWriteScaledSize(t *testing.T) {
	docs := fakeCorpus(80, 4)
	dir := t.TempDir()
	path := filepath.Join(dir, "x10.jsonl.gz")
	n, text, err := WriteScaled(path, docs, 10, 1, fakeSegment)
	if err != nil {
		t.Fatal(err)
	}
	if n != 800 {
		t.Errorf("%d articles, want 800", n)
	}
	if src := TextBytes(docs); text < 7*src || text > 13*src {
		t.Errorf("%d bytes of text from %d: not about ten times", text, src)
	}
	back, err := ReadCorpus(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != n || TextBytes(back) != text {
		t.Errorf("read back %d articles, %d bytes; wrote %d, %d", len(back), TextBytes(back), n, text)
	}
	for i := range docs {
		if !sameDoc(back[i], docs[i]) {
			t.Fatalf("article %d changed on the way:\n%+v\n%+v", i, back[i], docs[i])
		}
	}
	again := filepath.Join(dir, "again.jsonl.gz")
	if _, _, err := WriteScaled(again, docs, 10, 1, fakeSegment); err != nil {
		t.Fatal(err)
	}
	if other, _ := ReadCorpus(again, 0); !reflect.DeepEqual(back, other) {
		t.Error("the same seed wrote a different corpus")
	}
}

// TestWriteScaledFactorsNest checks another factor than ten: the article
// count follows it, and a larger factor's corpus begins with the smaller
// one's articles, so points of one curve share their articles.
func TestWriteScaledFactorsNest(t *testing.T) {
	docs := fakeCorpus(30, 5)
	dir := t.TempDir()
	small, large := filepath.Join(dir, "x3.jsonl.gz"), filepath.Join(dir, "x7.jsonl.gz")
	if n, _, err := WriteScaled(small, docs, 3, 2, fakeSegment); err != nil || n != 90 {
		t.Fatalf("x3: %d articles, %v; want 90", n, err)
	}
	if n, _, err := WriteScaled(large, docs, 7, 2, fakeSegment); err != nil || n != 210 {
		t.Fatalf("x7: %d articles, %v; want 210", n, err)
	}
	a, err := ReadCorpus(small, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadCorpus(large, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b[:len(a)]) {
		t.Error("the x7 corpus does not begin with the x3 corpus")
	}
	ids := map[string]bool{}
	for _, d := range b {
		if ids[d.ID] {
			t.Fatalf("id %q twice", d.ID)
		}
		ids[d.ID] = true
	}
}
