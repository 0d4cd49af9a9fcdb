package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

// generations rebuilt under load: distinct sizes and a marker in every
// title, so an answer shows which generation it came from.
var reindexGens = []struct {
	marker string
	n      int
}{{"甲版", 60}, {"乙版", 85}, {"丙版", 70}}

// TestConcurrentReindex queries the real server from several goroutines
// while xinwen index's Build publishes two new generations and the
// watcher swaps them in: no query may fail, and every answer must come
// wholly from one generation (its total, its hits' markers and its facet
// counts agree).
func TestConcurrentReindex(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("n", reindexGens[0].marker, reindexGens[0].n, 3))
	st := newStack(t, dir, "")
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go st.live.Watch(ctx, 10*time.Millisecond)

	var queries, failures atomic.Int64
	seen := make([]atomic.Int64, len(reindexGens))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				queries.Add(1)
				g, err := checkOneGeneration(st.url, w+i)
				if err != nil {
					failures.Add(1)
					t.Error(err)
					return
				}
				seen[g].Add(1)
			}
		}()
	}
	for _, g := range reindexGens[1:] {
		time.Sleep(150 * time.Millisecond)
		buildIndex(t, dir, inventArticles("n", g.marker, g.n, 3))
	}
	waitForDocs(t, st, uint64(reindexGens[len(reindexGens)-1].n))
	time.Sleep(150 * time.Millisecond)
	stop()
	wg.Wait()
	t.Logf("%d queries; answers per generation: %d, %d, %d",
		queries.Load(), seen[0].Load(), seen[1].Load(), seen[2].Load())
	if failures.Load() > 0 {
		t.Fatalf("%d of %d queries failed or mixed generations", failures.Load(), queries.Load())
	}
	if seen[len(seen)-1].Load() == 0 {
		t.Error("no answer came from the last generation")
	}
}

// checkOneGeneration runs one of two queries (browse everything, or the
// word every body holds) and returns the generation it came from.
func checkOneGeneration(base string, i int) (int, error) {
	params := url.Values{"size": {"100"}}
	if i%2 == 1 {
		params.Set("q", "报道")
	}
	resp, err := http.Get(base + "/api/search?" + params.Encode())
	if err != nil {
		return 0, fmt.Errorf("query %v: %w", params, err)
	}
	defer resp.Body.Close()
	var res xinwen.Result
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("query %v: status %d", params, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return 0, fmt.Errorf("query %v: %w", params, err)
	}
	for g, gen := range reindexGens {
		if res.Total == uint64(gen.n) {
			return g, sameGeneration(&res, gen.marker)
		}
	}
	return 0, fmt.Errorf("query %v: total %d is no generation's size", params, res.Total)
}

func sameGeneration(res *xinwen.Result, marker string) error {
	if len(res.Hits) != int(res.Total) {
		return fmt.Errorf("total %d but %d hits", res.Total, len(res.Hits))
	}
	for _, h := range res.Hits {
		if !strings.HasPrefix(h.Title, marker) {
			return fmt.Errorf("total %d (%s) but hit %s is %q", res.Total, marker, h.ID, h.Title)
		}
	}
	months := 0
	for _, m := range res.Facets.Months {
		months += m.Count
	}
	if months != int(res.Total) {
		return fmt.Errorf("total %d but month facets count %d", res.Total, months)
	}
	return nil
}

func waitForDocs(t *testing.T, st *stack, n uint64) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); st.live.Stats().Docs != n; {
		if time.Now().After(deadline) {
			t.Fatalf("the server still has %d articles, want %d", st.live.Stats().Docs, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestIngestSurvivesReindexAndRestart: articles written through the API
// (a new one, a replacement, a deletion) outlive a new generation and a
// restart of the server.
func TestIngestSurvivesReindexAndRestart(t *testing.T) {
	const token = "e2e-token-0123456789"
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("n", "甲版", 40, 2))
	st := newStack(t, dir, token)
	body := jsonLines(t, []invented{
		{ID: "n0005", Title: "覆盖稿：大模型新闻更正", Body: "更正后的报道。", Date: "2025-05-01", Categories: []string{"科技"}},
		{ID: "w0001", Title: "写入稿：社区新闻", Body: "通过接口写入的报道。", Date: "2025-05-02", Categories: []string{"社会"}},
	})
	if status, b := call(t, http.MethodPost, st.url+"/api/articles", token, bytes.NewReader(body)); status != 200 ||
		string(b) != `{"indexed":2,"skipped":[]}` {
		t.Fatalf("ingest: %d %s", status, b)
	}
	if status, b := call(t, http.MethodDelete, st.url+"/api/articles/n0007", token, nil); status != 200 {
		t.Fatalf("delete: %d %s", status, b)
	}
	check := func(t *testing.T, base string, total int) {
		res := searchAPI(t, base, url.Values{"size": {"100"}})
		ids := map[string]string{}
		for _, h := range res.Hits {
			ids[h.ID] = h.Title
		}
		if res.Total != uint64(total) || len(ids) != total {
			t.Errorf("total %d, %d distinct ids; want %d", res.Total, len(ids), total)
		}
		if !strings.HasPrefix(ids["n0005"], "覆盖稿") || ids["w0001"] == "" || ids["n0007"] != "" {
			t.Errorf("n0005=%q w0001=%q n0007=%q: want the replacement, the new article and no deleted one",
				ids["n0005"], ids["w0001"], ids["n0007"])
		}
		if got := searchAPI(t, base, url.Values{"q": {"更正"}}); got.Total != 1 {
			t.Errorf("q=更正: %d hits, want the replacement", got.Total)
		}
	}
	t.Run("served", func(t *testing.T) { check(t, st.url, 40) })

	buildIndex(t, dir, inventArticles("n", "乙版", 50, 2))
	if status, b := call(t, http.MethodPost, st.url+"/api/admin/reload", token, nil); status != 200 ||
		!bytes.Contains(b, []byte(`"changed":true`)) {
		t.Fatalf("reload: %d %s", status, b)
	}
	t.Run("after reindex", func(t *testing.T) { check(t, st.url, 50) })

	st.close()
	st = newStack(t, dir, "")
	t.Run("after restart", func(t *testing.T) { check(t, st.url, 50) })
}
