package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen/web"
)

// dictArticles hold 具身智能, which jieba cuts 具身 / 智能, in three
// articles, and its parts apart in a fourth.
var dictArticles = []invented{
	{ID: "e1", Title: "具身智能产业发展论坛举行", Body: "专家认为具身智能是人工智能的下一站。", Date: "2024-03-01T09:00:00+08:00", Source: "测试通讯社"},
	{ID: "e2", Title: "机器人企业布局具身智能", Body: "多家企业发布具身智能机器人。", Date: "2024-03-02T09:00:00+08:00", Source: "测试通讯社"},
	{ID: "e3", Title: "科技创新成果展示", Body: "展会上的具身智能产品引人注目。", Date: "2024-03-03T09:00:00+08:00", Source: "测试通讯社"},
	{ID: "e4", Title: "智能手机销量增长", Body: "消费者以身作则，智能设备普及。", Date: "2024-03-04T09:00:00+08:00", Source: "测试通讯社"},
}

func analyzeAPI(t *testing.T, base, text, mode string) []web.AnalyzedToken {
	t.Helper()
	status, b := call(t, http.MethodGet, base+"/api/analyze?"+url.Values{"text": {text}, "mode": {mode}}.Encode(), "", nil)
	if status != http.StatusOK {
		t.Fatalf("analyze %s: %d %s", text, status, b)
	}
	var res struct{ Tokens []web.AnalyzedToken }
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	return res.Tokens
}

func changeWords(t *testing.T, base, method, body string) web.DictChange {
	t.Helper()
	status, b := call(t, method, base+"/api/admin/dictionary", e2eToken, strings.NewReader(body))
	if status != http.StatusOK {
		t.Fatalf("%s dictionary: %d %s", method, status, b)
	}
	var c web.DictChange
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func suggestAPI(t *testing.T, base, prefix string) []string {
	t.Helper()
	_, b := call(t, http.MethodGet, base+"/api/suggest?"+url.Values{"q": {prefix}}.Encode(), "", nil)
	var res struct{ Suggestions []string }
	json.Unmarshal(b, &res)
	return res.Suggestions
}

// TestDictionaryLoop is issue 14's done-when: a word jieba splits is added
// over HTTP, analysed as one token from the API, its quoted total is
// unchanged, the articles holding it were re-analysed (it completes as a
// suggestion), it survives a restart, and deleting it restores the cut.
func TestDictionaryLoop(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, dictArticles)
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(e2eToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, base := startServe(t, dir, tokenFile)
	const word = "具身智能"
	if toks := analyzeAPI(t, base, word, "query"); len(toks) != 2 {
		t.Fatalf("before: %+v, want jieba to split %s", toks, word)
	}
	quoted := searchAPI(t, base, url.Values{"q": {`"` + word + `"`}}).Total
	if quoted != 3 {
		t.Fatalf("quoted total before = %d, want 3", quoted)
	}
	if s := suggestAPI(t, base, "具身"); slices.Contains(s, word) {
		t.Fatalf("suggestions before = %v", s)
	}

	before := time.Now().Truncate(time.Second)
	c := changeWords(t, base, http.MethodPost, word+" 20 nz\n")
	after := time.Now()
	if c.Added != 1 || c.Reanalyzed != 3 {
		t.Errorf("add = %+v, want 1 added, 3 re-analysed", c)
	}
	toks := analyzeAPI(t, base, word, "query")
	if len(toks) != 1 || toks[0].Term != word || toks[0].Source != "api" {
		t.Fatalf("after add: %+v, want one token from the api", toks)
	}
	added := toks[0].Added
	if at, err := time.Parse(time.RFC3339, added); err != nil || at.Before(before) || at.After(after) {
		t.Errorf("added = %q (%v), want the time of the call, %v..%v", added, err, before, after)
	}
	if got := searchAPI(t, base, url.Values{"q": {`"` + word + `"`}}).Total; got != quoted {
		t.Errorf("quoted total after add = %d, want %d", got, quoted)
	}
	if got := searchAPI(t, base, url.Values{"q": {word}}).Total; got != 3 {
		t.Errorf("word total after add = %d, want the 3 articles holding it", got)
	}
	if s := suggestAPI(t, base, "具身"); !slices.Contains(s, word) {
		t.Errorf("suggestions after add = %v, want %s", s, word)
	}

	srv.kill()
	_, base = startServe(t, dir, tokenFile)
	if toks := analyzeAPI(t, base, word, "query"); len(toks) != 1 || toks[0].Added != added {
		t.Errorf("after restart: %+v, want one token added at %s", toks, added)
	}
	out, errOut, err := runCapture(t, "analyze", "--explain", "--mode", "query", "--index", dir, word)
	useTestSeg() // analyze installed its own segmenter, closed now
	if err != nil || !strings.Contains(out, "api") || !strings.Contains(out, "added "+added) {
		t.Errorf("xinwen analyze --explain --index: %v %s\n%s, want %s from the api, added %s", err, errOut, out, word, added)
	}
	if got := searchAPI(t, base, url.Values{"q": {word}}).Total; got != 3 {
		t.Errorf("word total after restart = %d, want 3", got)
	}

	c = changeWords(t, base, http.MethodDelete, word+"\n")
	if c.Removed != 1 || c.Reanalyzed != 3 {
		t.Errorf("delete = %+v, want 1 removed, 3 re-analysed", c)
	}
	if toks := analyzeAPI(t, base, word, "query"); len(toks) != 2 {
		t.Errorf("after delete: %+v, want the split again", toks)
	}
	if got := searchAPI(t, base, url.Values{"q": {`"` + word + `"`}}).Total; got != quoted {
		t.Errorf("quoted total after delete = %d, want %d", got, quoted)
	}
}
