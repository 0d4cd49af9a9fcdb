package main

import (
	"encoding/json"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
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

// summaryKeys are the top-level fields of `xinwen index --summary json`,
// an interface for scripts: a field may be added here, never renamed.
var summaryKeys = []string{
	"generation", "serving", "error", "indexed", "documents", "deleted", "not_found",
	"skipped", "warnings", "ignored_files", "elapsed_seconds", "text_bytes", "input_bytes",
	"articles_per_second", "mb_per_second",
}

// indexJSON runs xinwen index --summary json and decodes its stdout, which
// must be exactly one JSON document holding summaryKeys.
func indexJSON(t *testing.T, dir string, args ...string) (map[string]any, error) {
	t.Helper()
	args = append([]string{"index", "--index", dir, "--dict", zh.BundledDictDir(), "--progress", "none", "--shards", "1", "--summary", "json"}, args...)
	out, _, err := runCapture(t, args...)
	useTestSeg()
	dec := json.NewDecoder(strings.NewReader(out))
	var doc map[string]any
	if derr := dec.Decode(&doc); derr != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", derr, out)
	}
	if dec.More() {
		t.Errorf("stdout holds more than one JSON document:\n%s", out)
	}
	if got := slices.Sorted(maps.Keys(doc)); !slices.Equal(got, slices.Sorted(slices.Values(summaryKeys))) {
		t.Errorf("summary fields = %v, want %v", got, summaryKeys)
	}
	return doc, err
}

// TestIndexSummaryJSON reads the JSON summary of a run with a skipped
// record and a warning field by field, then of a --delete run.
func TestIndexSummaryJSON(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	doc, err := indexJSON(t, dir, filepath.Join("testdata", "summary.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	gen, _ := os.ReadFile(filepath.Join(dir, "CURRENT"))
	current := strings.TrimSpace(string(gen))
	where := filepath.Join("testdata", "summary.jsonl")
	for _, c := range []struct {
		field string
		got   any
		want  any
	}{
		{"generation", doc["generation"], current},
		{"serving", doc["serving"], current},
		{"error", doc["error"], nil},
		{"indexed", doc["indexed"], 3.0},
		{"documents", doc["documents"], 3.0},
		{"deleted", doc["deleted"], 0.0},
		{"not_found", doc["not_found"], []any{}},
		{"skipped", doc["skipped"], map[string]any{
			"total":     1.0,
			"by_reason": map[string]any{"bad JSON record": 1.0},
			"items": []any{map[string]any{
				"where":  where + ":2",
				"reason": "jsonl: " + where + ":2: bad JSON record: invalid character '\\n' in string literal",
			}},
		}},
		{"warnings", doc["warnings"], map[string]any{
			"articles": 1.0,
			"total":    1.0,
			"items": []any{map[string]any{
				"where":  where + ":3: date",
				"reason": `date "Invalid Date": bad date; date left empty`,
			}},
		}},
		{"ignored_files", doc["ignored_files"], 0.0},
		{"text_bytes", doc["text_bytes"], float64(textBytes(t, where))},
		{"input_bytes", doc["input_bytes"], float64(fileSize(t, where))},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.field, c.got, c.want)
		}
	}
	secs, _ := doc["elapsed_seconds"].(float64)
	perSec, _ := doc["articles_per_second"].(float64)
	mbs, _ := doc["mb_per_second"].(float64)
	if secs <= 0 || !near(perSec, 3/secs) || !near(mbs, float64(textBytes(t, where))/1e6/secs) {
		t.Errorf("elapsed_seconds %v, articles_per_second %v, mb_per_second %v: want rates over the elapsed time", secs, perSec, mbs)
	}

	doc, err = indexJSON(t, dir, "--incremental", "--delete", "s1", "--delete", "no-such-id")
	if err != nil {
		t.Fatal(err)
	}
	if doc["deleted"] != 1.0 || !reflect.DeepEqual(doc["not_found"], []any{"no-such-id"}) || doc["documents"] != 2.0 {
		t.Errorf("--delete run: deleted %v, not_found %v, documents %v; want 1, [no-such-id], 2", doc["deleted"], doc["not_found"], doc["documents"])
	}
}

// TestIndexSummaryJSONFailure: a failed run still prints one JSON
// document, with no generation, the one still serving and the error, and
// exits with the error as the text summary does.
func TestIndexSummaryJSONFailure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	bad := filepath.Join(t.TempDir(), "bad.jsonl.gz")
	if err := os.WriteFile(bad, []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := indexJSON(t, dir, bad)
	if err == nil || isUsage(err) {
		t.Fatalf("a run with a bad .gz returned %v, want a failure", err)
	}
	if doc["generation"] != nil || doc["serving"] != nil || doc["error"] != err.Error() {
		t.Errorf("first build: generation %v, serving %v, error %v; want null, null, %q", doc["generation"], doc["serving"], doc["error"], err)
	}

	if _, err := indexJSON(t, dir, filepath.Join("testdata", "summary.jsonl")); err != nil {
		t.Fatal(err)
	}
	gen, _ := os.ReadFile(filepath.Join(dir, "CURRENT"))
	doc, err = indexJSON(t, dir, bad)
	if err == nil || doc["generation"] != nil || doc["serving"] != strings.TrimSpace(string(gen)) || doc["error"] != err.Error() {
		t.Errorf("failed rebuild: err %v, generation %v, serving %v, error %v; want the generation still serving, %s", err, doc["generation"], doc["serving"], doc["error"], gen)
	}
}

// textBytes sums the title and body bytes of the well-formed records of a
// JSON Lines file.
func textBytes(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for line := range strings.Lines(string(b)) {
		var a invented
		if json.Unmarshal([]byte(line), &a) == nil {
			n += len(a.Title) + len(a.Body)
		}
	}
	return n
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*max(math.Abs(a), math.Abs(b)) }
