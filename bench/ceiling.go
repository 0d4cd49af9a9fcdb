package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/yanyiwu/gojieba"

	"github.com/xinwen-search/xinwen/search/zh"
)

// Ceiling is segmentation throughput on the corpus text, in MB/s: indexing
// segments every title and body, so it cannot run faster than this.
type Ceiling struct {
	Jieba     [2]float64 // gojieba Tokenize(search mode) alone, 1 and 2 goroutines
	Tokenizer [2]float64 // xinwen's jieba tokenizer (normalize + search mode + positions), 1 and 2 goroutines
	// JiebaCPU and TokenizerCPU are the same work in MB per CPU-second,
	// which other processes on the machine barely change.
	JiebaCPU, TokenizerCPU [2]float64
}

// The ceiling segments the titles and bodies of the first ceilingBytes of
// the corpus, ceilingRuns times, and keeps the fastest run: a ceiling is
// what the segmenter can do when nothing else gets in its way.
const (
	ceilingBytes = 12e6
	ceilingRuns  = 3
)

// MeasureCeiling segments titles and bodies of docs with gojieba alone
// (its own instance over dictDir) and with xinwen's registered tokenizer
// (the shared segmenter zh.Use installed), on one and on two goroutines.
func MeasureCeiling(docs []Doc, dictDir string) (Ceiling, error) {
	var c Ceiling
	var texts []string
	for size := 0; len(texts)/2 < len(docs) && size < ceilingBytes; {
		d := docs[len(texts)/2]
		texts = append(texts, d.Title, d.Body)
		size += d.TextBytes()
	}
	j, err := newJieba(dictDir)
	if err != nil {
		return c, err
	}
	defer j.Free()
	tok, err := registry.NewCache().TokenizerNamed(zh.TokenizerName)
	if err != nil {
		return c, fmt.Errorf("bench: ceiling: %w", err)
	}
	for g := 1; g <= 2; g++ {
		c.Jieba[g-1], c.JiebaCPU[g-1] = fastest(texts, g, func(s string) { j.Tokenize(s, gojieba.SearchMode, true) })
		c.Tokenizer[g-1], c.TokenizerCPU[g-1] = fastest(texts, g, func(s string) { tok.Tokenize([]byte(s)) })
	}
	return c, nil
}

// newJieba loads a private gojieba over dir, checking the files first
// (gojieba panics on a missing one). Without jieba's own user dictionary
// in dir, an empty one is used.
func newJieba(dir string) (*gojieba.Jieba, error) {
	names := []string{"jieba.dict.utf8", "hmm_model.utf8", "user.dict.utf8", "idf.utf8", "stop_words.utf8"}
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(dir, n)
	}
	if _, err := os.Stat(paths[2]); err != nil {
		empty := filepath.Join(os.TempDir(), "xinwen-bench-empty-userdict.utf8")
		if err := os.WriteFile(empty, nil, 0o644); err != nil {
			return nil, fmt.Errorf("bench: ceiling: %w", err)
		}
		paths[2] = empty
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("bench: ceiling: %w", err)
		}
	}
	return gojieba.NewJieba(paths...), nil
}

// fastest is the best of ceilingRuns throughput runs, by wall clock and by
// CPU time separately.
func fastest(texts []string, g int, fn func(string)) (wall, cpu float64) {
	for range ceilingRuns {
		w, c := throughput(texts, g, fn)
		wall, cpu = max(wall, w), max(cpu, c)
	}
	return wall, cpu
}

// throughput runs fn over every text on g goroutines and returns MB per
// second and MB per CPU-second.
func throughput(texts []string, g int, fn func(string)) (float64, float64) {
	var next atomic.Int64
	var wg sync.WaitGroup
	var bytes int64
	for _, t := range texts {
		bytes += int64(len(t))
	}
	start, cpu := time.Now(), cpuSelf()
	for range g {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(texts)); i = next.Add(1) - 1 {
				fn(texts[i])
			}
		})
	}
	wg.Wait()
	mb := float64(bytes) / 1e6
	return mb / time.Since(start).Seconds(), mb / (cpuSelf() - cpu).Seconds()
}
