package bench

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestVerdict(t *testing.T) {
	for _, tc := range []struct {
		name          string
		value, target float64
		higher        bool
		want          string
	}{
		{"above an at-least target", 9, 6, true, "pass (+50%)"},
		{"below an at-least target", 3, 6, true, "MISS (-50%)"},
		{"exactly on target", 6, 6, true, "pass (+0%)"},
		{"under an at-most target", 10, 15, false, "pass (+33%)"},
		{"over an at-most target", 30, 15, false, "MISS (-100%)"},
		{"nothing measured", 0, 15, false, "not measured"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := verdict(tc.value, tc.target, tc.higher); got != tc.want {
				t.Errorf("verdict(%v, %v, %v) = %q, want %q", tc.value, tc.target, tc.higher, got, tc.want)
			}
		})
	}
}

// fakeReport is a report with two scales and every phase, without running anything.
func fakeReport() *Report {
	lat := QueryLatency{Facets: map[string]Latency{}, NoFacets: map[string]Latency{}}
	for _, c := range append(Classes, ClassAll) {
		lat.Facets[c] = Latency{P50: 1, P95: 5, P99: 12}
		lat.NoFacets[c] = Latency{P50: 0.5, P95: 2, P99: 4}
	}
	h := &HTTPResult{ColdStart: 900 * time.Millisecond, RSSIdle: 200e6, RSSLoad: 300e6, HWM: 320e6}
	for _, c := range []int{1, 8} {
		h.Levels = append(h.Levels, LoadLevel{Concurrency: c, OK: 5000, Seconds: 5, Lat: Latency{P50: 3, P99: 20}})
	}
	run := IndexRun{Articles: 1000, TextBytes: 10e6, Seconds: 2, CPU: 3, SizeBytes: 20e6}
	m := Machine{Cores: 2, CPU: "test", GoVersion: "go", OS: "linux"}
	m.Loads = []LoadSample{{Phase: "start", Raw: "0.10 0.20 0.30", Load1: 0.1}, {Phase: "end", Raw: "0.90 0.50 0.30", Load1: 0.9}}
	return &Report{
		Machine: m, Ceiling: Ceiling{Jieba: [2]float64{10, 18}, Tokenizer: [2]float64{8, 14}},
		Floor:  Floor{Seconds: 1, CPU: 1.5, TextBytes: 10e6, SizeBytes: 16e6},
		Scales: []Scale{{Name: "1k", Index: run, Latency: lat, HTTP: h}, {Name: "10k", Factor: 10, Index: run, Latency: lat}},
		Bleve:  IndexRun{Articles: 1000, TextBytes: 10e6, Seconds: 20, CPU: 24, SizeBytes: 100e6}, Queries: 3, Rounds: 3,
	}
}

func TestTableHasEveryRowAndColumn(t *testing.T) {
	table := fakeReport().Table()
	lines := strings.Split(strings.TrimSpace(table), "\n")
	for _, l := range lines {
		if got := strings.Count(l, "|"); got != 7 { // section, measure, two scales, target, result
			t.Errorf("%d bars, want 7: %s", got, l)
		}
	}
	for _, want := range expectedRows(1, 8) {
		if !strings.Contains(table, want) {
			t.Errorf("table has no row %q", want)
		}
	}
	for _, want := range []string{"1k (1000 articles)", "10k (×10 synthetic, 1000 articles)", "10.0× (8.0×)", "MISS", "pass", "10.00 (6.67)", "1.60× (16 MB)"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}

// expectedRows names every row a report must have, concurrency levels given.
func expectedRows(levels ...int) []string {
	rows := []string{
		"gojieba Tokenize(search) alone", "xinwen jieba tokenizer", "articles indexed",
		"Bleve's builder alone on pre-segmented words (title and body words, stored text; 2 shards), MB/s",
		"Bleve's builder alone on pre-segmented words, index size / raw text",
		"| indexing, xinwen | MB/s of text", "share of the 2-goroutine gojieba ceiling", "| indexing, xinwen | peak RSS",
		"| indexing, xinwen | index size / raw text", "| indexing, Bleve default | MB/s of text",
		"| indexing, Bleve default | peak RSS", "| indexing, Bleve default | index size / raw text",
		"xinwen ÷ Bleve default: MB/s", "| indexing, xinwen | CPU-s of the child", "| indexing, Bleve default | CPU-s of the child",
		"RSS, MB: after start", "RSS after the load", "cold start", "| query, snippets + facets | CPU ms per query", "| query, snippets, no facets | CPU ms per query",
	}
	for _, section := range []string{"query, snippets + facets", "query, snippets, no facets"} {
		for _, c := range append(Classes, ClassAll) {
			rows = append(rows, "| "+section+" | "+c+", p50 / p95 / p99 ms")
		}
	}
	for _, l := range levels {
		rows = append(rows, "| HTTP | concurrency "+strconv.Itoa(l)+":")
	}
	return rows
}

func TestWriteMarkdownKeepsTheReading(t *testing.T) {
	path := filepath.Join(t.TempDir(), "benchmarks.md")
	rep := fakeReport()
	if err := rep.WriteMarkdown(path, "xinwen bench --docs 1000"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	mine := strings.Replace(string(b), defaultReading, "Facets cost most.", 1)
	if err := os.WriteFile(path, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteMarkdown(path, "xinwen bench --docs 2000"); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(path)
	doc := string(b)
	for _, want := range []string{"Facets cost most.", "xinwen bench --docs 2000", "0.10 0.20 0.30", "0.90 0.50 0.30",
		"The machine was shared", "| section | measure |"} {
		if !strings.Contains(doc, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(doc, defaultReading) || strings.Contains(doc, "--docs 1000") {
		t.Error("the rewrite lost the reading or kept the old command")
	}
}
