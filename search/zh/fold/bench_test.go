package fold

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/xinwen-search/xinwen/internal/testcorpus"
	"github.com/xinwen-search/xinwen/search/zh/opencc"
)

// bodies reads about 400 kB of xwlb article bodies (Simplified news
// text), read at run time from the corpus, never copied.
func bodies(b *testing.B) []string {
	f, err := os.Open(filepath.Join(testcorpus.Dir(), "xwlb.jsonl.gz"))
	if os.IsNotExist(err) {
		b.Skip("corpus absent")
	}
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	sc := bufio.NewScanner(z)
	sc.Buffer(nil, 16<<20)
	for n := 0; n < 400<<10 && sc.Scan(); {
		var doc struct{ Body string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			b.Fatal(err)
		}
		out = append(out, doc.Body)
		n += len(doc.Body)
	}
	return out
}

// BenchmarkFold folds news bodies with their offset map, as the
// analyzers and the highlighter do: Simplified as the corpus holds them,
// and the same bodies in Traditional script (OpenCC's s2t).
func BenchmarkFold(b *testing.B) {
	simplified := bodies(b)
	s2t, err := opencc.Load(opencc.S2T, nil)
	if err != nil {
		b.Fatal(err)
	}
	traditional := make([]string, len(simplified))
	for i, s := range simplified {
		traditional[i] = s2t.String(s)
	}
	for _, in := range []struct {
		name string
		text []string
	}{{"simplified", simplified}, {"traditional", traditional}} {
		b.Run(in.name, func(b *testing.B) { benchmarkFold(b, in.text) })
	}
}

func benchmarkFold(b *testing.B, texts []string) {
	total := 0
	for _, s := range texts {
		total += len(s)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	var f Text
	for b.Loop() {
		for _, s := range texts {
			f.Fold(s)
		}
	}
}
