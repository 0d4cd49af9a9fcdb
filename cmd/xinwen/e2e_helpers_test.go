package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/indexer"
	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/web"
)

// childEnv makes the test binary run as xinwen itself (see TestMain), so
// crash tests can kill a real xinwen process without building one.
const childEnv = "XINWEN_TEST_RUN_MAIN"

// testSeg is the segmenter the in-process end-to-end tests analyze with.
// Commands run in-process install and close their own, so each test
// installs this one again (useTestSeg).
var testSeg *zh.Segmenter

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		os.Exit(0)
	}
	seg, err := zh.Load(zh.Config{DictDir: zh.BundledDictDir()})
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e tests need jieba's dictionaries:", err)
		os.Exit(1)
	}
	testSeg = seg
	code := m.Run()
	seg.Close()
	os.Exit(code)
}

func useTestSeg() { zh.Use(testSeg) }

// e2eZone is a named zone: a generation records its zone by name.
var e2eZone = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

// Invented news: every word below was written for these tests.
var (
	inventedTopics = []struct{ cat, word string }{
		{"科技/人工智能", "大模型"}, {"科技/通信", "卫星"}, {"财经/股市", "指数"},
		{"体育/足球", "联赛"}, {"社会/民生", "社区"}, {"国际", "会谈"},
	}
	inventedPhrases = []string{
		"记者从有关部门获悉", "相关工作稳步推进", "各方对此高度关注", "专家表示前景可期",
		"当地群众纷纷点赞", "项目建设进展顺利", "数据显示同比增长", "下一步将继续加大力度",
	}
)

// invented is one made-up article, in the JSON Lines shape xinwen reads.
type invented struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	Date       string   `json:"date"`
	Categories []string `json:"categories"`
	Source     string   `json:"source"`
}

// inventArticles makes n articles with ids PREFIX0001…; every title
// carries marker, every body the word 报道, and sentences makes bodies
// longer.
func inventArticles(prefix, marker string, n, sentences int) []invented {
	r := rand.New(rand.NewPCG(uint64(n), uint64(len(prefix))))
	out := make([]invented, n)
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, e2eZone)
	for i := range out {
		tp := inventedTopics[i%len(inventedTopics)]
		var body strings.Builder
		fmt.Fprintf(&body, "本台报道，%s第%d次取得新进展。", tp.word, i+1)
		for range sentences {
			body.WriteString(inventedPhrases[r.IntN(len(inventedPhrases))])
			body.WriteString("。")
		}
		out[i] = invented{
			ID:         fmt.Sprintf("%s%04d", prefix, i+1),
			Title:      fmt.Sprintf("%s%s新闻第%d号", marker, tp.word, i+1),
			Body:       body.String(),
			Date:       start.Add(time.Duration(i) * 37 * time.Hour).Format(time.RFC3339),
			Categories: strings.Split(tp.cat, "/"),
			Source:     "测试通讯社",
		}
	}
	return out
}

func jsonLines(t testing.TB, arts []invented) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func writeJSONL(t testing.TB, path string, arts []invented) string {
	t.Helper()
	if err := os.WriteFile(path, jsonLines(t, arts), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// buildIndex publishes arts as a new generation of dir, as xinwen index
// does, and returns its name.
func buildIndex(t testing.TB, dir string, arts []invented) string {
	t.Helper()
	useTestSeg()
	src := writeJSONL(t, filepath.Join(t.TempDir(), "articles.jsonl"), arts)
	sum, err := indexer.Build(context.Background(), indexer.Config{
		Dir: dir, Sources: []string{src}, Shards: 2, Zone: e2eZone,
		DictVersion: testSeg.Version(), Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return sum.Generation
}

// stack is the real serving stack in-process: Live over an index
// directory, web.New with xinwen serve's Writer, on a loopback listener.
type stack struct {
	live *search.Live
	srv  *httptest.Server
	url  string
}

// newStack serves dir; token "" leaves the write endpoints off.
func newStack(t testing.TB, dir, token string) *stack {
	t.Helper()
	useTestSeg()
	live, err := search.OpenLive(dir, search.Options{DictVersion: testSeg.Version()}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	opt := web.Options{Logger: slog.New(slog.DiscardHandler), Zone: e2eZone, Token: token}
	if token != "" {
		opt.Writer = ingester{Live: live, zone: e2eZone}
	}
	srv := httptest.NewServer(web.New(live, opt).Handler())
	s := &stack{live: live, srv: srv, url: srv.URL}
	t.Cleanup(s.close)
	return s
}

func (s *stack) close() {
	s.srv.Close()
	s.live.Close()
}

var e2eClient = &http.Client{Timeout: 30 * time.Second}

// call sends a request and returns the status and body.
func call(t testing.TB, method, target, token string, body io.Reader) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := e2eClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", method, target, err)
	}
	return resp.StatusCode, b
}

// searchAPI runs GET /api/search with params and decodes a 200 answer.
func searchAPI(t testing.TB, base string, params url.Values) *xinwen.Result {
	t.Helper()
	status, b := call(t, http.MethodGet, base+"/api/search?"+params.Encode(), "", nil)
	if status != http.StatusOK {
		t.Fatalf("search %v: %d %s", params, status, b)
	}
	var res xinwen.Result
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatalf("search %v: %v", params, err)
	}
	return &res
}

// errorCode decodes the code of an error answer.
func errorCode(b []byte) string {
	var e struct {
		Error struct{ Code string } `json:"error"`
	}
	json.Unmarshal(b, &e)
	return e.Error.Code
}
