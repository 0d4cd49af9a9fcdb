package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func newTestHandler(f *fakeSearcher, opt Options) http.Handler {
	if opt.Logger == nil {
		opt.Logger = quietLogger()
	}
	return New(f, opt).Handler()
}

func get(h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

type errorBody struct {
	Error struct{ Code, Message string } `json:"error"`
}

func decodeError(t *testing.T, rec *httptest.ResponseRecorder) errorBody {
	t.Helper()
	var body errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("error body %q: %v", rec.Body.String(), err)
	}
	return body
}

func TestAPISearchErrors(t *testing.T) {
	long := strings.Repeat("新", xinwen.MaxQueryRunes+1)
	tests := []struct {
		name, target string
		status       int
		code, msg    string
	}{
		{"size negative", "/api/search?q=a&size=-1", 400, "bad_param", "size must be between 0 and 100"},
		{"size too big", "/api/search?q=a&size=101", 400, "bad_param", "size must be between 0 and 100"},
		{"size not a number", "/api/search?q=a&size=ten", 400, "bad_param", "size must be between 0 and 100"},
		{"facet_size zero", "/api/search?q=a&facet_size=0", 400, "bad_param", "facet_size must be between 1 and 1000"},
		{"facet_size too big", "/api/search?q=a&facet_size=1001", 400, "bad_param", "facet_size must be between 1 and 1000"},
		{"page zero", "/api/search?q=a&page=0", 400, "bad_param", "page must be an integer of at least 1"},
		{"page negative", "/api/search?q=a&page=-3", 400, "bad_param", "page must be"},
		{"page huge", "/api/search?q=a&page=99999999999999999999", 400, "bad_param", "page must be"},
		{"bad sort", "/api/search?q=a&sort=popular", 400, "bad_param", "sort must be relevance or date"},
		{"bad from", "/api/search?q=a&from=2024-13-01", 400, "bad_param", "from must be YYYY-MM-DD or RFC 3339"},
		{"bad to", "/api/search?q=a&to=yesterday", 400, "bad_param", "to must be YYYY-MM-DD or RFC 3339"},
		{"from after to", "/api/search?q=a&from=2024-04-01&to=2024-03-31", 400, "bad_param", "from must not be after to"},
		{"bad recency", "/api/search?q=a&recency=maybe", 400, "bad_param", "recency must be"},
		{"bad facets", "/api/search?q=a&facets=no", 400, "bad_param", "facets must be"},
		{"deep page", "/api/search?q=a&page=101&size=100", 400, "deep_page", "next_cursor"},
		{"deep page default size", "/api/search?q=a&page=1001", 400, "deep_page", "after="},
		{"query too long", "/api/search?q=" + long, 400, "query_too_long", "at most 256"},
		{"invalid utf8", "/api/search?q=%ff", 400, "bad_param", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSearcher()
			rec := get(newTestHandler(f, Options{}), tt.target)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tt.status, rec.Body)
			}
			body := decodeError(t, rec)
			if body.Error.Code != tt.code || !strings.Contains(body.Error.Message, tt.msg) {
				t.Errorf("error = %+v, want code %q message containing %q", body.Error, tt.code, tt.msg)
			}
			if f.lastRequest().Page != 0 {
				t.Errorf("searcher was called for an invalid request")
			}
		})
	}
}

func TestAPISearchSearcherErrors(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		hook   func(context.Context) error
		status int
		code   string
		msg    string
	}{
		{name: "bad query", err: fmt.Errorf("search: %w: unbalanced quote", xinwen.ErrBadQuery),
			status: 400, code: "bad_param", msg: "unbalanced quote"},
		{name: "sentinel left out", err: fmt.Errorf("id longer than 256 bytes: %w", xinwen.ErrBadQuery),
			status: 400, code: "bad_param", msg: "id longer than 256 bytes"},
		{name: "generic", err: errors.New("disk on fire at /var/lib/xinwen"),
			status: 500, code: "internal", msg: "internal error"},
		{name: "timeout", hook: func(ctx context.Context) error {
			<-ctx.Done()
			return fmt.Errorf("search: %w", ctx.Err())
		}, status: 504, code: "timeout", msg: "took too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSearcher()
			f.err, f.hook = tt.err, tt.hook
			h := newTestHandler(f, Options{RequestTimeout: 20 * time.Millisecond})
			rec := get(h, "/api/search?q=人工智能")
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d", rec.Code, tt.status)
			}
			body := decodeError(t, rec)
			if body.Error.Code != tt.code || !strings.Contains(body.Error.Message, tt.msg) || strings.HasSuffix(body.Error.Message, xinwen.ErrBadQuery.Error()) {
				t.Errorf("error = %+v, want %q containing %q, without the sentinel's text", body.Error, tt.code, tt.msg)
			}
			if strings.Contains(rec.Body.String(), "disk on fire") {
				t.Error("internal error text leaked to the client")
			}
		})
	}
}

func TestAPISearchRequest(t *testing.T) {
	tests := []struct {
		name, query string
		want        xinwen.SearchRequest
	}{
		{"defaults", "q=人工智能", xinwen.SearchRequest{Query: "人工智能", Sort: "relevance", Page: 1, Size: 10}},
		{"everything", "q=%22大模型%22+-广告&category=科技&category=财经/股市&category=科技&sort=date&page=3&size=20&recency=true&facets=0",
			xinwen.SearchRequest{Query: `"大模型" -广告`, Categories: []string{"科技", "财经/股市"}, Sort: "date",
				Page: 3, Size: 20, Recency: true, NoFacets: true}},
		{"bare dates in zone", "from=2024-03-01&to=2024-03-31", xinwen.SearchRequest{Sort: "relevance", Page: 1, Size: 10,
			From: time.Date(2024, 3, 1, 0, 0, 0, 0, fakeZone),
			To:   time.Date(2024, 3, 31, 23, 59, 59, 999999999, fakeZone)}},
		{"rfc3339 with unescaped plus", "q=a&from=2024-03-01T08:00:00+08:00&to=2024-03-02T00:00:00Z",
			xinwen.SearchRequest{Query: "a", Sort: "relevance", Page: 1, Size: 10,
				From: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)}},
		{"cursor past the window", "q=a&page=500&size=100&after=o:50000",
			xinwen.SearchRequest{Query: "a", Sort: "relevance", Page: 500, Size: 100, After: "o:50000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSearcher()
			rec := get(newTestHandler(f, Options{Zone: fakeZone}), "/api/search?"+tt.query)
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d: %s", rec.Code, rec.Body)
			}
			got := f.lastRequest()
			if !got.From.Equal(tt.want.From) || !got.To.Equal(tt.want.To) {
				t.Errorf("range = %v..%v, want %v..%v", got.From, got.To, tt.want.From, tt.want.To)
			}
			got.From, got.To, tt.want.From, tt.want.To = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("request = %+v\nwant      %+v", got, tt.want)
			}
		})
	}
}

func TestAPISearchDefaultZoneIsShanghai(t *testing.T) {
	f := newFakeSearcher()
	get(newTestHandler(f, Options{}), "/api/search?from=2024-03-01")
	want := time.Date(2024, 3, 1, 0, 0, 0, 0, time.FixedZone("", 8*3600))
	if got := f.lastRequest().From; !got.Equal(want) {
		t.Errorf("from = %v, want %v", got, want)
	}
}

func TestAPISearchResult(t *testing.T) {
	f := newFakeSearcher()
	rec := get(newTestHandler(f, Options{}), "/api/search?q=人工智能&category=科技&size=5")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d: %s", rec.Code, rec.Body)
	}
	var res xinwen.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 15 || len(res.Hits) != 5 || res.Page != 1 || res.Size != 5 || res.NextCursor == "" {
		t.Errorf("result = total %d, %d hits, page %d, size %d, cursor %q",
			res.Total, len(res.Hits), res.Page, res.Size, res.NextCursor)
	}
	if !strings.Contains(res.Hits[0].TitleHTML, "<mark>人工智能</mark>") || len(res.Facets.Categories) == 0 {
		t.Errorf("hit 0 = %+v, facets %+v", res.Hits[0], res.Facets)
	}
}

func TestAPISearchEmptyArrays(t *testing.T) {
	f := newFakeSearcher()
	rec := get(newTestHandler(f, Options{}), "/api/search?q=没有这个词&facets=0")
	want := `"hits":[]`
	if !strings.Contains(rec.Body.String(), want) || !strings.Contains(rec.Body.String(), `"categories":[]`) {
		t.Errorf("body %s lacks %s", rec.Body, want)
	}
}

func TestAPIArticle(t *testing.T) {
	tests := []struct {
		name, target string
		status       int
		want         string
	}{
		{"found", "/api/articles/a01", 200, `"id":"a01"`},
		{"unknown id", "/api/articles/nope", 404, `"code":"not_found"`},
		{"unknown route", "/api/nothing", 404, `"code":"not_found"`},
		{"id with a slash, escaped", "/api/articles/2024%2F03%2Fa", 200, `"id":"2024/03/a"`},
		{"its page", "/article/2024%2F03%2Fa", 200, `<h1>人工智能助力互联网平台治理（第2期）</h1>`},
	}
	f := newFakeSearcher()
	f.docs[1].ID = "2024/03/a"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(newTestHandler(f, Options{}), tt.target)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("status %d body %s; want %d containing %s", rec.Code, rec.Body, tt.status, tt.want)
			}
		})
	}
}

func TestAPISuggest(t *testing.T) {
	tests := []struct {
		name, target string
		status       int
		want         string
	}{
		{"prefix", "/api/suggest?q=人工智能&n=2", 200, `{"suggestions":["人工智能大模型走进工厂车间（第1期）","人工智能助力互联网平台治理（第2期）"]}`},
		{"empty q", "/api/suggest?q=", 200, `{"suggestions":[]}`},
		{"no match", "/api/suggest?q=火星", 200, `{"suggestions":[]}`},
		{"n too big", "/api/suggest?q=a&n=21", 400, `"code":"bad_param"`},
		{"n zero", "/api/suggest?q=a&n=0", 400, `n must be between 1 and 20`},
		{"q too long", "/api/suggest?q=" + strings.Repeat("a", 300), 400, `"code":"query_too_long"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(newTestHandler(newFakeSearcher(), Options{}), tt.target)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("status %d body %s; want %d containing %s", rec.Code, rec.Body, tt.status, tt.want)
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	rec := get(newTestHandler(newFakeSearcher(), Options{}), "/healthz")
	want := `{"docs":26,"generation":"g20240601-1","status":"ok"}`
	if rec.Code != 200 || rec.Body.String() != want {
		t.Errorf("healthz = %d %s, want 200 %s", rec.Code, rec.Body, want)
	}
}

func TestMetrics(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	get(h, "/api/search?q=人工智能")
	get(h, "/api/search?size=101")
	body := get(h, "/metrics").Body.String()
	for _, want := range []string{
		`xinwen_http_requests_total{code="200",route="/api/search"} 1`,
		`xinwen_http_requests_total{code="400",route="/api/search"} 1`,
		`xinwen_http_request_duration_seconds_count{route="/api/search"} 2`,
		`xinwen_index_docs 26`,
		`xinwen_index_size_bytes 123456`,
		`xinwen_index_generation_info{generation="g20240601-1"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestCORS(t *testing.T) {
	tests := []struct {
		name    string
		origins []string
		origin  string
		want    string
	}{
		{"off", nil, "https://a.example", ""},
		{"listed", []string{"https://a.example"}, "https://a.example", "https://a.example"},
		{"not listed", []string{"https://a.example"}, "https://b.example", ""},
		{"star", []string{"*"}, "https://b.example", "*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestHandler(newFakeSearcher(), Options{CORSOrigins: tt.origins})
			rec := get(h, "/api/search?q=a", "Origin", tt.origin)
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.want {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCORSPreflight(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{CORSOrigins: []string{"*"}})
	req := httptest.NewRequest(http.MethodOptions, "/api/search", nil)
	req.Header.Set("Origin", "https://a.example")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Methods") == "" {
		t.Errorf("preflight = %d %v", rec.Code, rec.Header())
	}
}

func TestPanicRecovery(t *testing.T) {
	f := newFakeSearcher()
	f.hook = func(context.Context) error { panic("boom") }
	rec := get(newTestHandler(f, Options{}), "/api/search?q=a")
	if body := decodeError(t, rec); rec.Code != 500 || body.Error.Code != "internal" {
		t.Errorf("panic gave %d %s", rec.Code, rec.Body)
	}
}

func TestAccessLog(t *testing.T) {
	var buf strings.Builder
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	h := newTestHandler(newFakeSearcher(), Options{Logger: log})
	get(h, "/api/search?q=人工智能&category=科技")
	var line map[string]any
	if err := json.NewDecoder(strings.NewReader(buf.String())).Decode(&line); err != nil {
		t.Fatalf("log %q: %v", buf.String(), err)
	}
	for k, want := range map[string]any{"method": "GET", "route": "/api/search", "q": "人工智能", "status": 200.0, "hits": 15.0} {
		if line[k] != want {
			t.Errorf("log %s = %v, want %v", k, line[k], want)
		}
	}
	if _, ok := line["latency_ms"]; !ok {
		t.Error("log lacks latency_ms")
	}
}

func TestStaticFiles(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	for _, path := range []string{"/static/app.js", "/static/app.css"} {
		rec := get(h, path)
		body, _ := io.ReadAll(rec.Body)
		if rec.Code != 200 || len(body) == 0 || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s = %d, %d bytes, %v", path, rec.Code, len(body), rec.Header())
		}
	}
	if rec := get(h, "/static/"); rec.Code != 404 {
		t.Errorf("directory listing served: %d", rec.Code)
	}
}

func newRecorder(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// size=0 asks for the counts: the total and the facets, no hits.
func TestAPISearchCountOnly(t *testing.T) {
	f := newFakeSearcher()
	rec := get(newTestHandler(f, Options{}), "/api/search?q=人工智能&size=0")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d: %s", rec.Code, rec.Body)
	}
	if !f.lastRequest().CountOnly {
		t.Errorf("request %+v: CountOnly not set", f.lastRequest())
	}
	get(newTestHandler(f, Options{}), "/api/search?q=人工智能&size=0&facet_size=500")
	if got := f.lastRequest().FacetSize; got != 500 {
		t.Errorf("facet_size=500: request FacetSize %d", got)
	}
	var res xinwen.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 23 || res.Size != 0 || len(res.Hits) != 0 || len(res.Facets.Categories) == 0 || !strings.Contains(rec.Body.String(), `"hits":[]`) {
		t.Errorf("size=0: total %d, size %d, %d hits, facets %+v", res.Total, res.Size, len(res.Hits), res.Facets)
	}
	if rec := get(newTestHandler(f, Options{}), "/?q=人工智能&size=0"); rec.Code != http.StatusBadRequest {
		t.Errorf("page with size=0: status %d, want 400", rec.Code)
	}
	if rec := get(newTestHandler(f, Options{}), "/api/search?q=人工智能&size=0&page=100000"); rec.Code != http.StatusOK {
		t.Errorf("counts with a deep page: status %d, want 200: %s", rec.Code, rec.Body)
	}
}

// A result JSON cannot encode must become a 500 with an error body, never
// a 200 whose body is empty (the status went out before the encoding
// failed, when c.JSON wrote responses).
func TestAPIUnencodableResultIs500(t *testing.T) {
	f := newFakeSearcher()
	f.rewrite = func(res *xinwen.Result) { res.Hits[0].Score = math.NaN() }
	rec := get(newTestHandler(f, Options{}), "/api/search?q=人工智能")
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500; body %q", rec.Code, rec.Body.String())
	}
	if body := decodeError(t, rec); body.Error.Code == "" {
		t.Errorf("500 without an error code: %q", rec.Body.String())
	}
}
