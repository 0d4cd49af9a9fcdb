package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen/search/zh"
)

// TestIndexFailureSaysWhatServes: a failed run prints no "indexed …
// documents in" line for a generation that does not exist, and names what
// still serves: the published generation, or nothing on a first build.
func TestIndexFailureSaysWhatServes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	good := writeJSONL(t, filepath.Join(t.TempDir(), "good.jsonl"), inventArticles("f", "甲版", 5, 1))
	bad := filepath.Join(t.TempDir(), "bad.jsonl.gz")
	if err := os.WriteFile(bad, []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	index := func(sources ...string) (string, error) {
		t.Helper()
		args := append([]string{"index", "--index", dir, "--dict", zh.BundledDictDir(), "--progress", "none", "--shards", "1"}, sources...)
		out, _, err := runCapture(t, args...)
		useTestSeg()
		return out, err
	}

	out, err := index(good, bad)
	if err == nil {
		t.Fatalf("a run with a bad .gz succeeded:\n%s", out)
	}
	if strings.Contains(err.Error(), "still serves") || !strings.Contains(err.Error(), "no published index") {
		t.Errorf("first build failed with %q; want it to say there is no published index", err)
	}
	if strings.Contains(out, "documents in") || !strings.Contains(out, "nothing published") {
		t.Errorf("the summary of a failed run claims an index:\n%s", out)
	}

	if out, err := index(good); err != nil {
		t.Fatalf("good run: %v\n%s", err, out)
	}
	gen, _ := os.ReadFile(filepath.Join(dir, "CURRENT"))
	if _, err := index(good, bad); err == nil || !strings.Contains(err.Error(), "still serves "+strings.TrimSpace(string(gen))) {
		t.Errorf("failed rebuild = %v; want it to name the generation still served, %s", err, gen)
	}
}
