package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
)

const testToken = "s3cret-token-0123456789abcdef"

// fakeWriter records what the write endpoints hand it.
type fakeWriter struct {
	mu      sync.Mutex // guards body, deleted, reloads
	body    string
	deleted []string
	reloads int
	err     error // returned by every call when set
}

var _ Writer = (*fakeWriter)(nil)

func (w *fakeWriter) Ingest(_ context.Context, body io.Reader) (*IngestReport, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, fmt.Errorf("ingest: read: %w", err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.body = string(b)
	if w.err != nil {
		return nil, w.err
	}
	return &IngestReport{Indexed: strings.Count(w.body, "\n")}, nil
}

func (w *fakeWriter) Delete(_ context.Context, id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	w.deleted = append(w.deleted, id)
	return nil
}

func (w *fakeWriter) Reload() (bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.reloads++
	return true, w.err
}

func send(h http.Handler, method, target string, body io.Reader, auth string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var writeRoutes = []struct{ method, target string }{
	{http.MethodPost, "/api/articles"},
	{http.MethodDelete, "/api/articles/a01"},
	{http.MethodPost, "/api/admin/reload"},
}

func TestWritesOffWithoutToken(t *testing.T) {
	for name, opt := range map[string]Options{
		"no token":  {Writer: &fakeWriter{}},
		"no writer": {Token: testToken},
	} {
		h := newTestHandler(newFakeSearcher(), opt)
		for _, r := range writeRoutes {
			rec := send(h, r.method, r.target, strings.NewReader("{}\n"), "Bearer "+testToken)
			if rec.Code != http.StatusForbidden || decodeError(t, rec).Error.Code != "writes_disabled" {
				t.Errorf("%s: %s %s = %d %s, want 403 writes_disabled", name, r.method, r.target, rec.Code, rec.Body)
			}
		}
	}
}

func TestWriteAuth(t *testing.T) {
	w := &fakeWriter{}
	h := newTestHandler(newFakeSearcher(), Options{Writer: w, Token: testToken})
	tests := []struct {
		name, auth string
		status     int
	}{
		{"none", "", 401},
		{"wrong token", "Bearer wrong-token", 401},
		{"token prefix", "Bearer " + testToken[:10], 401},
		{"token plus more", "Bearer " + testToken + "x", 401},
		{"basic scheme", "Basic " + testToken, 401},
		{"no scheme", testToken, 401},
		{"right", "Bearer " + testToken, 200},
		{"scheme in lower case, spaces", "bearer   " + testToken + " ", 200},
	}
	for _, tt := range tests {
		for _, r := range writeRoutes {
			rec := send(h, r.method, r.target, strings.NewReader("{}\n"), tt.auth)
			if rec.Code != tt.status {
				t.Errorf("%s: %s %s = %d %s, want %d", tt.name, r.method, r.target, rec.Code, rec.Body, tt.status)
			}
			if tt.status == 401 && (decodeError(t, rec).Error.Code != "unauthorized" ||
				rec.Header().Get("WWW-Authenticate") == "") {
				t.Errorf("%s: 401 without code unauthorized or WWW-Authenticate: %v %s", tt.name, rec.Header(), rec.Body)
			}
		}
	}
	if w.reloads != 2 || len(w.deleted) != 2 {
		t.Errorf("writer saw %d reloads and deletes %v; only the authorized calls should reach it", w.reloads, w.deleted)
	}
}

func TestIngestEndpoint(t *testing.T) {
	w := &fakeWriter{}
	h := newTestHandler(newFakeSearcher(), Options{Writer: w, Token: testToken})
	body := `{"id":"n1","title":"新文章"}` + "\n" + `{"id":"n2","title":"另一篇"}` + "\n"
	rec := send(h, http.MethodPost, "/api/articles", strings.NewReader(body), "Bearer "+testToken)
	if rec.Code != 200 || rec.Body.String() != `{"indexed":2,"skipped":[]}` {
		t.Errorf("POST /api/articles = %d %s", rec.Code, rec.Body)
	}
	if w.body != body {
		t.Errorf("writer got %q, want the body as sent", w.body)
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name, method, target string
		body                 io.Reader
		err                  error
		status               int
		code                 string
	}{
		{"body over the limit", "POST", "/api/articles", io.LimitReader(zeros{}, MaxIngestBytes+1), nil, 413, "too_large"},
		{"too many records", "POST", "/api/articles", strings.NewReader("{}\n"),
			fmt.Errorf("ingest: %w", xinwen.ErrTooLarge), 413, "too_large"},
		{"bad id", "POST", "/api/articles", strings.NewReader("{}\n"),
			fmt.Errorf("ingest: %w", xinwen.ErrBadQuery), 400, "bad_param"},
		{"unreadable body", "POST", "/api/articles", strings.NewReader("{}\n"),
			fmt.Errorf("ingest: %w: unexpected EOF", ErrBadBody), 400, "bad_param"},
		{"delete unknown", "DELETE", "/api/articles/nope", nil, fmt.Errorf("x: %w", xinwen.ErrNotFound), 404, "not_found"},
		{"reload fails", "POST", "/api/admin/reload", nil, fmt.Errorf("search: %w", generation.ErrNoIndex), 500, "internal"},
		{"reload by GET", "GET", "/api/admin/reload", nil, nil, 405, "bad_param"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestHandler(newFakeSearcher(), Options{Writer: &fakeWriter{err: tt.err}, Token: testToken})
			rec := send(h, tt.method, tt.target, tt.body, "Bearer "+testToken)
			if rec.Code != tt.status || decodeError(t, rec).Error.Code != tt.code {
				t.Errorf("%s %s = %d %s, want %d %s", tt.method, tt.target, rec.Code, rec.Body, tt.status, tt.code)
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReloadEndpoint(t *testing.T) {
	w := &fakeWriter{}
	h := newTestHandler(newFakeSearcher(), Options{Writer: w, Token: testToken})
	rec := send(h, http.MethodPost, "/api/admin/reload", nil, "Bearer "+testToken)
	var got struct {
		Changed    bool   `json:"changed"`
		Generation string `json:"generation"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 || !got.Changed || got.Generation == "" {
		t.Errorf("POST /api/admin/reload = %d %s (%v)", rec.Code, rec.Body, err)
	}
}

// TestMalformedQueryString: a query string that does not decode is a
// client error, not a search with the broken parameter dropped.
func TestMalformedQueryString(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	for _, target := range []string{"/api/search?q=%zz", "/api/search?q=a;b", "/api/suggest?q=%e4%b", "/?q=%zz"} {
		rec := get(h, target)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", target, rec.Code)
		}
		if strings.HasPrefix(target, "/api/") && decodeError(t, rec).Error.Code != "bad_param" {
			t.Errorf("GET %s: %s", target, rec.Body)
		}
	}
}

// TestClientGoneCancelsSearch: when the client hangs up, the request's
// context reaches the Searcher canceled, so the search stops.
func TestClientGoneCancelsSearch(t *testing.T) {
	f := newFakeSearcher()
	started, stopped := make(chan struct{}), make(chan error, 1)
	f.hook = func(ctx context.Context) error {
		close(started)
		select {
		case <-ctx.Done():
			stopped <- ctx.Err()
		case <-time.After(10 * time.Second):
			stopped <- nil
		}
		return ctx.Err()
	}
	srv := httptest.NewServer(newTestHandler(f, Options{RequestTimeout: time.Minute}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/search?q=人工智能", nil)
	go func() {
		<-started
		cancel()
	}()
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("the searcher's context ended with %v, want context.Canceled", err)
	}
}
