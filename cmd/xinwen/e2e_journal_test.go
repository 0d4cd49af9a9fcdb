package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh"
)

// A batch rebuild of the served directory, run while the server holds the
// overlay open, folds in what was written over HTTP: the written article
// is found through the server and by xinwen search, which reads the new
// generation only; a replaced source article is the written version; one
// deleted over HTTP stays deleted although the sources still carry it.
func TestRebuildFoldsInWrites(t *testing.T) {
	const token = "e2e-token-0123456789"
	dir := t.TempDir()
	arts := inventArticles("n", "甲版", 30, 2)
	src := writeJSONL(t, filepath.Join(t.TempDir(), "articles.jsonl"), arts)
	buildIndex(t, dir, arts)
	st := newStack(t, dir, token)
	body := jsonLines(t, []invented{
		{ID: "w0001", Title: "写入稿：社区志愿服务新闻", Body: "通过接口写入的报道。", Date: "2025-05-02", Categories: []string{"社会"}},
		{ID: "n0005", Title: "覆盖稿：大模型新闻更正", Body: "更正后的报道。", Date: "2025-05-01", Categories: []string{"科技"}},
	})
	if status, b := call(t, http.MethodPost, st.url+"/api/articles", token, bytes.NewReader(body)); status != 200 {
		t.Fatalf("ingest: %d %s", status, b)
	}
	if status, b := call(t, http.MethodDelete, st.url+"/api/articles/n0007", token, nil); status != 200 {
		t.Fatalf("delete: %d %s", status, b)
	}

	for run := range 2 { // a second rebuild gives the same generation: folding is idempotent
		out, errOut, err := runCapture(t, "index", "--index", dir, "--dict", zh.BundledDictDir(), "--shards", "2", src)
		useTestSeg()
		if err != nil {
			t.Fatalf("rebuild %d: %v\n%s", run, err, errOut)
		}
		if !strings.Contains(out+errOut, "folded in 2 articles written over HTTP") {
			t.Errorf("rebuild %d summary does not report the folded writes:\n%s%s", run, out, errOut)
		}
		if status, b := call(t, http.MethodPost, st.url+"/api/admin/reload", token, nil); status != 200 {
			t.Fatalf("reload: %d %s", status, b)
		}
		checkFolded(t, "server", func(q string) map[string]string {
			res := searchAPI(t, st.url, url.Values{"q": {q}, "size": {"100"}})
			return hitTitles(res)
		})
		checkFolded(t, "xinwen search", func(q string) map[string]string {
			out, errOut, err := runCapture(t, "search", "--index", dir, "--dict", zh.BundledDictDir(), "--json", "--size", "100", q)
			useTestSeg()
			if err != nil {
				t.Fatalf("xinwen search %s: %v\n%s", q, err, errOut)
			}
			var res xinwen.Result
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("xinwen search --json: %v\n%s", err, out)
			}
			return hitTitles(&res)
		})
	}
}

func hitTitles(res *xinwen.Result) map[string]string {
	ids := map[string]string{}
	for _, h := range res.Hits {
		ids[h.ID] = h.Title
	}
	return ids
}

// checkFolded checks one reader of the rebuilt index (search returns the
// hits of a query as id -> title).
func checkFolded(t *testing.T, who string, search func(q string) map[string]string) {
	t.Helper()
	if hits := search("志愿服务"); hits["w0001"] == "" {
		t.Errorf("%s: the article written over HTTP is not found: %v", who, hits)
	}
	if hits := search("更正"); !strings.Contains(hits["n0005"], "覆盖稿") {
		t.Errorf("%s: n0005 is not the version written over HTTP: %v", who, hits)
	}
	all := search("报道")
	if _, ok := all["n0007"]; ok {
		t.Errorf("%s: n0007, deleted over HTTP, is back", who)
	}
	if len(all) != 30 { // 30 sources, one deleted, one written
		t.Errorf("%s: %d articles, want 30", who, len(all))
	}
}
