package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/web"
)

const e2eToken = "e2e-token-0123456789"

// TestAbuseBounded sends what a careless or hostile client might through
// the real stack: each gets a 4xx JSON error or a truncated, flagged
// search, never a 5xx, and well within the request timeout.
func TestAbuseBounded(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("n", "甲版", 40, 2))
	st := newStack(t, dir, e2eToken)
	var distinct []rune // CJK ideographs, all letters, none repeated
	for i := range 200 {
		distinct = append(distinct, rune(0x4E00+i*37))
	}
	hundredTerms := strings.TrimSpace(strings.Join(strings.Split(string(distinct[:100]), ""), " "))
	tests := []struct {
		name, target string
		status       int
		code         string
	}{
		{"10,000 characters", "/api/search?q=" + url.QueryEscape(strings.Repeat("新", 10000)), 400, "query_too_long"},
		{"1,000 terms", "/api/search?q=" + url.QueryEscape(strings.Repeat("新闻 ", 1000)), 400, "query_too_long"},
		{"10,000 characters, page", "/?q=" + url.QueryEscape(strings.Repeat("闻", 10000)), 400, ""},
		{"size 101", "/api/search?q=报道&size=101", 400, "bad_param"},
		{"deep page", "/api/search?q=报道&page=1001&size=10", 400, "deep_page"},
		{"page overflow", "/api/search?page=9223372036854775807&size=100", 400, "deep_page"},
		{"forged cursor", "/api/search?after=AAAA", 400, "bad_param"},
		{"21 categories", "/api/search?" + manyCategories(21), 400, "bad_param"},
		{"malformed encoding", "/api/search?q=%zz", 400, "bad_param"},
		{"suggest n=1000", "/api/suggest?q=大&n=1000", 400, "bad_param"},
		{"long article id", "/api/articles/" + strings.Repeat("x", 5000), 404, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			status, b := call(t, http.MethodGet, st.url+tt.target, "", nil)
			t.Logf("%d in %v", status, time.Since(start).Round(time.Millisecond))
			if status != tt.status || (tt.code != "" && errorCode(b) != tt.code) {
				t.Errorf("%d %.200s, want %d %s", status, b, tt.status, tt.code)
			}
		})
	}
	t.Run("100 terms: truncated and flagged", func(t *testing.T) {
		res := searchAPI(t, st.url, url.Values{"q": {hundredTerms}})
		if !res.Truncated {
			t.Errorf("q of 100 terms: truncated = false")
		}
		_, page := call(t, http.MethodGet, st.url+"/?q="+url.QueryEscape(hundredTerms), "", nil)
		if !bytes.Contains(page, []byte("只搜索了前面的部分")) {
			t.Errorf("the page does not say the query was cut")
		}
	})
	t.Run("facet buckets bounded", func(t *testing.T) {
		var arts []invented
		for i := range 80 {
			arts = append(arts, invented{ID: fmt.Sprintf("f%02d", i), Title: "分类测试", Body: "报道",
				Categories: []string{fmt.Sprintf("类别%02d", i)}})
		}
		if status, b := call(t, http.MethodPost, st.url+"/api/articles", e2eToken, bytes.NewReader(jsonLines(t, arts))); status != 200 {
			t.Fatalf("ingest: %d %s", status, b)
		}
		res := searchAPI(t, st.url, url.Values{"q": {"分类测试"}})
		if res.Total != 80 || len(res.Facets.Categories) != 50 {
			t.Errorf("80 categories: total %d, %d category buckets; want 80 and the documented 50", res.Total, len(res.Facets.Categories))
		}
	})
	t.Run("costliest query within limits", func(t *testing.T) {
		var q []string
		for i := range xinwen.MaxTerms {
			q = append(q, fmt.Sprintf(`"%s"`, string(distinct[i*3:i*3+5])))
		}
		status, b := call(t, http.MethodGet, st.url+"/api/search?q="+url.QueryEscape(strings.Join(q, " ")), "", nil)
		if status != 200 {
			t.Errorf("%d %s", status, b)
		}
	})
}

func manyCategories(n int) string {
	v := url.Values{}
	for i := range n {
		v.Add("category", fmt.Sprintf("类别%d", i))
	}
	return v.Encode()
}

// TestWriteLimits: bodies over 32 MiB and batches over 10,000 records are
// refused whole through the real stack; so are writes without the token.
func TestWriteLimits(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("n", "甲版", 20, 1))
	st := newStack(t, dir, e2eToken)
	records := strings.Repeat(`{"id":"x","title":"t"}`+"\n", xinwen.MaxIngest+1)
	tests := []struct {
		name, method, path, token string
		body                      io.Reader
		status                    int
		code                      string
	}{
		{"over 32 MiB", "POST", "/api/articles", e2eToken, io.LimitReader(zeros{}, web.MaxIngestBytes+1), 413, "too_large"},
		{"over 10,000 records", "POST", "/api/articles", e2eToken, strings.NewReader(records), 413, "too_large"},
		{"no token", "POST", "/api/articles", "", strings.NewReader(records), 401, "unauthorized"},
		{"wrong token", "DELETE", "/api/articles/n0001", "wrong-token-0123456789", nil, 401, "unauthorized"},
		{"delete unknown", "DELETE", "/api/articles/nope", e2eToken, nil, 404, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, b := call(t, tt.method, st.url+tt.path, tt.token, tt.body)
			if status != tt.status || errorCode(b) != tt.code {
				t.Errorf("%d %.200s, want %d %s", status, b, tt.status, tt.code)
			}
		})
	}
	if n := st.live.Stats().Docs; n != 20 {
		t.Errorf("%d articles after refused writes, want 20", n)
	}
	off := newStack(t, dir, "")
	if status, b := call(t, http.MethodPost, off.url+"/api/admin/reload", e2eToken, nil); status != 403 ||
		errorCode(b) != "writes_disabled" {
		t.Errorf("reload on a server without a token: %d %s", status, b)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestXSSThroughRealStack indexes articles full of markup through the
// ingest endpoint and checks that neither the page nor the JSON lets any
// of it through as markup: only <mark> survives in *_html fields.
func TestXSSThroughRealStack(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("n", "甲版", 10, 1))
	st := newStack(t, dir, e2eToken)
	evil := []invented{{
		ID:    "x1",
		Title: `<script>alert("t")</script>突发新闻<img src=x onerror=alert(1)>`,
		Body:  `<p>&lt;script&gt;alert(2)&lt;/script&gt;突发新闻正文"><svg onload=alert(3)>&lt;iframe src=javascript:alert(4)&gt;</p>`,
		Date:  "2025-01-01", Categories: []string{`<b>类别</b>`},
	}, {
		ID: `x2"><script>alert(5)</script>`, Title: "突发新闻 second", Body: `突发新闻 & <mark>假标记</mark> </mark><mark>`,
	}}
	if status, b := call(t, http.MethodPost, st.url+"/api/articles", e2eToken, bytes.NewReader(jsonLines(t, evil))); status != 200 {
		t.Fatalf("ingest: %d %s", status, b)
	}
	_, api := call(t, http.MethodGet, st.url+"/api/search?q=突发新闻", "", nil)
	var res xinwen.Result
	if err := json.Unmarshal(api, &res); err != nil || res.Total != 2 {
		t.Fatalf("search: %v, %s", err, api)
	}
	for _, h := range res.Hits {
		for _, html := range []string{h.TitleHTML, h.SnippetHTML} {
			if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(html); strings.ContainsAny(rest, "<>") {
				t.Errorf("%s: markup other than <mark> in %q", h.ID, html)
			}
		}
	}
	for _, path := range []string{"/?q=" + url.QueryEscape("突发新闻"), "/article/x1", "/api/search?q=突发新闻"} {
		_, b := call(t, http.MethodGet, st.url+path, "", nil)
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "<iframe", "<b>类别", `"><script`, "<mark>假标记"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("GET %s lets %q through", path, bad)
			}
		}
	}
	_, page := call(t, http.MethodGet, st.url+"/?q="+url.QueryEscape("突发新闻"), "", nil)
	if !bytes.Contains(page, []byte("&lt;script&gt;")) || !bytes.Contains(page, []byte("<mark>突发新闻</mark>")) {
		t.Errorf("the page should show the markup as text and mark the match:\n%.2000s", page)
	}
}
