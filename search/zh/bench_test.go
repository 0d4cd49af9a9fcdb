package zh

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/registry"

	"github.com/xinwen-search/xinwen/internal/testcorpus"
)

var xwlbPath = filepath.Join(testcorpus.Dir(), "xwlb.jsonl.gz")

// corpusBodies reads about size bytes of article bodies from the real
// corpus (read at run time, never copied into the repository).
func corpusBodies(b *testing.B, size int) [][]byte {
	f, err := os.Open(xwlbPath)
	if os.IsNotExist(err) {
		b.Skipf("%s absent", xwlbPath)
	}
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	sc := bufio.NewScanner(z)
	sc.Buffer(nil, 16<<20)
	for n := 0; n < size && sc.Scan(); {
		var doc struct{ Body string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, []byte(doc.Body))
		n += len(doc.Body)
	}
	return bodies
}

func benchmarkAnalyzer(b *testing.B, name string) {
	bodies := corpusBodies(b, 400<<10)
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	for _, body := range bodies {
		total += len(body)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	cpu0 := cpuTime(b)
	n := 0
	for b.Loop() {
		for _, body := range bodies {
			a.Analyze(body)
		}
		n++
	}
	// MB per CPU-second (jieba's C++ and GC included): stable on a busy
	// machine, where wall-clock MB/s is not.
	b.ReportMetric(float64(n*total)/1e6/(cpuTime(b)-cpu0).Seconds(), "MB/cpu-s")
}

// cpuTime is the process's user+system time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkIndexAnalyzer(b *testing.B)  { benchmarkAnalyzer(b, IndexAnalyzerName) }
func BenchmarkQueryAnalyzer(b *testing.B)  { benchmarkAnalyzer(b, QueryAnalyzerName) }
func BenchmarkBigramAnalyzer(b *testing.B) { benchmarkAnalyzer(b, BigramAnalyzerName) }
