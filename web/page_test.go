package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

func TestPageHeaders(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	for _, target := range []string{"/", "/?q=人工智能", "/article/a01"} {
		rec := get(h, target)
		csp := rec.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP = %q", target, csp)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s: Content-Type = %q", target, ct)
		}
		// With script-src 'self', every script must be an external file.
		if regexp.MustCompile(`<script>|<script [^>]*>[^<]`).MatchString(rec.Body.String()) || strings.Contains(rec.Body.String(), " style=") {
			t.Errorf("%s: inline script or style in the page", target)
		}
	}
}

func TestPageXSS(t *testing.T) {
	f := newFakeSearcher()
	var first string
	f.rewrite = func(res *xinwen.Result) {
		first = res.Hits[0].ID
		res.Hits[0].TitleHTML = `<script>alert(1)</script><mark>人工智能</mark>`
		res.Hits[0].SnippetHTML = `<img src=x onerror=alert(2)>&lt;b&gt;<mark>人工</mark>`
		res.Hits[0].Source = `<b>src</b>`
		res.Hits[0].URL = `javascript:alert(3)`
	}
	body := get(newTestHandler(f, Options{}), "/?q=人工智能").Body.String()
	for _, want := range []string{
		`href="/article/` + first + `"`, // an unsafe url falls back to the article's page
		`&lt;script&gt;alert(1)&lt;/script&gt;<mark>人工智能</mark>`,
		`&lt;img src=x onerror=alert(2)&gt;&lt;b&gt;<mark>人工</mark>`,
		`&lt;b&gt;src&lt;/b&gt;`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	for _, bad := range []string{"<script>alert", "<img", "javascript:alert", "<b>", "ZgotmplZ"} {
		if strings.Contains(body, bad) {
			t.Errorf("page contains %s", bad)
		}
	}
}

func TestSafeMarked(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "人工智能", "人工智能"},
		{"mark kept", "<mark>人工</mark>智能", "<mark>人工</mark>智能"},
		{"escaped text stays text", "a &lt;b&gt; &amp; c", "a &lt;b&gt; &amp; c"},
		{"escaped mark stays text", "&lt;mark&gt;a&lt;/mark&gt;", "&lt;mark&gt;a&lt;/mark&gt;"},
		{"bare ampersand escaped", "a & b &bogus; &#60;", "a &amp; b &amp;bogus; &lt;"},
		{"raw tag escaped", "<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"},
		{"mark with attributes escaped", `<mark onclick="x">a</mark>`, `&lt;mark onclick=&#34;x&#34;&gt;a`},
		{"unclosed mark closed", "<mark>a", "<mark>a</mark>"},
		{"stray close dropped", "a</mark>b", "ab"},
		{"nested mark flattened", "<mark><mark>a</mark></mark>", "<mark>a</mark>"},
		{"uppercase not allowed", "<MARK>a</MARK>", "&lt;MARK&gt;a&lt;/MARK&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := safeMarked(tt.in); got != template.HTML(tt.want) {
				t.Errorf("safeMarked(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzSafeMarked(f *testing.F) {
	for _, s := range []string{"<mark>a</mark>", "<script>", "&lt;mark&gt;", "<<mark>>", "a&#60;b"} {
		f.Add(s)
	}
	tag := regexp.MustCompile(`<[^>]*>`)
	f.Fuzz(func(t *testing.T, s string) {
		out := string(safeMarked(s))
		for _, m := range tag.FindAllString(out, -1) {
			if m != markOpen && m != markClose {
				t.Fatalf("safeMarked(%q) = %q lets through %q", s, out, m)
			}
		}
		if strings.Count(out, markOpen) != strings.Count(out, markClose) {
			t.Fatalf("safeMarked(%q) = %q is unbalanced", s, out)
		}
	})
}

func TestPageWithoutJS(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	rec := get(h, "/?q=人工智能&category=科技&from=2024-01-10&to=2024-05-31&sort=date")
	body := rec.Body.String()
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	for _, want := range []string{
		`<form id="search" action="/" method="get"`,
		`id="q" name="q" type="search" value="人工智能"`,
		`<input type="hidden" name="category" value="科技">`,
		`<p id="count">找到约 13 条结果，用时 1.5 毫秒</p>`,
		`<article class="result">`,
		`<p class="snippet">`,
		`<mark>人工智能</mark>`,
		`<section class="facet facet-category">`,
		`data-value="科技/人工智能"`,
		`“科技”下的分类`,
		`<time class="date" datetime="2024-05-20">2024-05-20</time>`,
		`<span class="category" data-path="科技/互联网">科技 › 互联网</span>`,
		`id="from" name="from" type="date" value="2024-01-10"`,
		`id="apply-dates"`,
		`<a class="chip" href="/?from=2024-01-10&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;sort=date&amp;to=2024-05-31"`,
		`class="next" href="/?category=%E7%A7%91%E6%8A%80&amp;from=2024-01-10&amp;page=2&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;sort=date&amp;to=2024-05-31"`,
		`class="on" aria-current="true">时间</a>`,
		`<section class="facet facet-month">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestPageStates(t *testing.T) {
	tests := []struct {
		name, target string
		setup        func(*fakeSearcher)
		status       int
		want         []string
	}{
		{"home", "/", nil, 200, []string{`<form id="search"`, `class="home"`}},
		{"blank query is the home page", "/?q=%20%E3%80%80", nil, 200, []string{`class="home"`}},
		{"recency kept in forms", "/?q=人工智能&recency=1", nil, 200, []string{`<input type="hidden" name="recency" value="1">`}},
		{"top-level facets", "/?q=人工智能", nil, 200, []string{`data-value="科技">科技</a> <span class="n">15</span>`, `<a class="next"`}},
		{"zero results", "/?q=火星&category=科技", nil, 200, []string{"没有找到与“<strong>火星</strong>”相关的结果", "去掉分类和日期筛选"}},
		{"browse by category", "/?category=体育", nil, 200, []string{`找到约 3 条结果`}},
		{"month facet links a range", "/?q=人工智能", nil, 200, []string{`<a href="/?from=2024-03-01&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;to=2024-03-31">2024年3月</a>`}},
		{"page two", "/?q=人工智能&page=2", nil, 200, []string{`class="prev" href="/?q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD"`, `<span class="current" aria-current="page">2</span>`}},
		{"link to article page when url empty", "/?q=人工智能&sort=date&size=100", nil, 200, []string{`href="/article/a02"`, `href="https://news.example.com/a01.html"`}},
		{"size kept in forms and links", "/?q=人工智能&size=5", nil, 200, []string{`<input type="hidden" name="size" value="5">`, `class="next" href="/?page=2&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;size=5"`}},
		{"bad size", "/?q=a&size=500", nil, 400, []string{`class="error"`, "请求参数有误：size must be between 1 and 100"}},
		{"from after to", "/?q=a&from=2024-05-01&to=2024-04-01", nil, 400, []string{"from must not be after to"}},
		{"deep page", "/?q=a&page=5000", nil, 400, []string{"页码太深了"}},
		{"timeout", "/?q=a", func(f *fakeSearcher) {
			f.hook = func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
		}, 504, []string{"搜索超时"}},
		{"internal", "/?q=a", func(f *fakeSearcher) { f.err = errors.New("boom") }, 500, []string{"服务器出了点问题"}},
		{"article", "/article/a02", nil, 200, []string{"<h1>人工智能助力互联网平台治理（第2期）</h1>", "<p>记者在现场看到，相关项目进展顺利。</p>"}},
		{"article not found", "/article/zzz", nil, 404, []string{"没有找到这篇文章"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSearcher()
			if tt.setup != nil {
				tt.setup(f)
			}
			rec := get(newTestHandler(f, Options{RequestTimeout: 20 * time.Millisecond}), tt.target)
			if rec.Code != tt.status {
				t.Errorf("status = %d, want %d", rec.Code, tt.status)
			}
			for _, want := range tt.want {
				if !strings.Contains(rec.Body.String(), want) {
					t.Errorf("page lacks %s", want)
				}
			}
		})
	}
}

func TestPagePassesFiltersToSearcher(t *testing.T) {
	f := newFakeSearcher()
	get(newTestHandler(f, Options{}), "/?"+url.Values{"q": {"人工智能"}, "category": {"科技/互联网"}, "page": {"2"}}.Encode())
	got := f.lastRequest()
	if got.Query != "人工智能" || len(got.Categories) != 1 || got.Categories[0] != "科技/互联网" || got.Page != 2 {
		t.Errorf("request = %+v", got)
	}
}

func TestPageMethodNotAllowed(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, "/api/search", nil)
	rec := newRecorder(newTestHandler(newFakeSearcher(), Options{}), req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/search = %d", rec.Code)
	}
}

// TestPageExportLinks: a page with hits offers CSV and NDJSON downloads of
// every match of its search, filters and order kept, paging left out; a
// page without hits offers none.
func TestPageExportLinks(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	body := get(h, "/?q=人工智能&category=科技&from=2024-01-10&to=2024-05-31&sort=date&page=2").Body.String()
	for _, want := range []string{
		`<a class="export" href="/api/export?bom=1&amp;category=%E7%A7%91%E6%8A%80&amp;format=csv&amp;from=2024-01-10&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;sort=date&amp;to=2024-05-31" download>CSV</a>`,
		`<a class="export" href="/api/export?category=%E7%A7%91%E6%8A%80&amp;format=ndjson&amp;from=2024-01-10&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;sort=date&amp;to=2024-05-31" download>NDJSON</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if body := get(h, "/?q=没有这个词").Body.String(); strings.Contains(body, `class="export"`) {
		t.Error("a page without hits offers an export")
	}
}
