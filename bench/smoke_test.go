package bench

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corpusFile is the research corpus: $XINWEN_CORPUS, else ../shared/corpus
// beside the repository. It is read at run time, never copied.
func corpusFile(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("XINWEN_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	path := filepath.Join(dir, "xwlb.jsonl.gz")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real corpus not available (%v); set XINWEN_CORPUS to run", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// TestBenchSmoke builds xinwen and runs the whole benchmark at a tiny
// scale: every phase must run and the table must have every row. It
// asserts nothing about speed.
func TestBenchSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the xinwen binary")
	}
	corpus := corpusFile(t)
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build xinwen with")
	}
	dir := t.TempDir()
	exe := filepath.Join(dir, "xinwen")
	if out, err := exec.Command(goCmd, "build", "-o", exe, "github.com/xinwen-search/xinwen/cmd/xinwen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out := filepath.Join(dir, "benchmarks.md")
	cmd := exec.CommandContext(ctx, exe, "bench", "--corpus", corpus, "--docs", "200", "--scales", "10",
		"--queries", "3", "--http", "--concurrency", "2", "--http-duration", "2s", "--http-warmup", "20",
		"--work", dir, "--out", out)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	table, err := cmd.Output()
	if err != nil {
		t.Fatalf("xinwen bench: %v\n%s", err, stderr.String())
	}
	for _, want := range append(expectedRows(2), "200 articles", "×10 synthetic, 2000 articles") {
		if !strings.Contains(string(table), want) {
			t.Errorf("table has no %q:\n%s", want, table)
		}
	}
	doc, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Machine", "load average", "| start |", "| end |", "--docs 200", "## Reading", "| HTTP | concurrency 2:"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("%s lacks %q", out, want)
		}
	}
}
