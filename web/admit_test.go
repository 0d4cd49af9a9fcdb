package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/admission"
)

// costByWord classes a query holding 长句 as expensive.
type costByWord struct{}

func (costByWord) Cost(_ context.Context, req xinwen.SearchRequest) admission.Class {
	if strings.Contains(req.Query, "长句") {
		return admission.Expensive
	}
	return admission.Cheap
}

func TestExpensiveRejectedWhileCheapAnswers(t *testing.T) {
	f := newFakeSearcher()
	started, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	f.hook = func(ctx context.Context) error {
		if calls.Add(1) == 1 { // the first, expensive search holds the only slot
			close(started)
			<-release
		}
		return nil
	}
	h := newTestHandler(f, Options{Coster: costByWord{}, Gate: admission.New(1, 0)})
	done := make(chan int)
	go func() { done <- get(h, "/api/search?q=长句一").Code }()
	<-started

	rec := get(h, "/api/search?q=长句二")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("expensive while full: %d Retry-After %q, want 429 and 1", rec.Code, rec.Header().Get("Retry-After"))
	}
	if body := decodeError(t, rec); body.Error.Code != "busy" {
		t.Errorf("code %q, want busy", body.Error.Code)
	}
	if rec := get(h, "/?q=长句三"); rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "搜索繁忙") {
		t.Errorf("page while full: %d, want 429 saying 搜索繁忙", rec.Code)
	}
	if rec := get(h, "/api/search?q=人工智能"); rec.Code != http.StatusOK {
		t.Errorf("cheap while full: %d %s, want 200", rec.Code, rec.Body)
	}
	close(release)
	if code := <-done; code != http.StatusOK {
		t.Errorf("the admitted expensive search: %d, want 200", code)
	}
	metrics := get(h, "/metrics").Body.String()
	for _, want := range []string{
		`xinwen_search_admission_total{class="expensive",outcome="admitted"} 1`,
		`xinwen_search_admission_total{class="expensive",outcome="rejected"} 2`,
		`xinwen_search_admission_total{class="cheap",outcome="admitted"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestSearchDeadline(t *testing.T) {
	f := newFakeSearcher()
	f.hook = func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
	h := newTestHandler(f, Options{SearchTimeout: 20 * time.Millisecond})
	start := time.Now()
	rec := get(h, "/api/search?q=人工智能")
	if rec.Code != http.StatusGatewayTimeout || decodeError(t, rec).Error.Code != "timeout" {
		t.Fatalf("%d %s, want 504 timeout", rec.Code, rec.Body)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v, want about the 20ms deadline", took)
	}
	if m := get(h, "/metrics").Body.String(); !strings.Contains(m, `xinwen_search_admission_total{class="cheap",outcome="timed_out"} 1`) {
		t.Error("metrics lack the timed-out search")
	}
}

func TestForwardedForTrustedOnlyFromProxies(t *testing.T) {
	tests := []struct {
		name    string
		proxies []string
		want    string
	}{
		{"no trusted proxy: spoof ignored", nil, "client=192.0.2.1"},
		{"other proxy trusted: spoof ignored", []string{"10.0.0.0/8"}, "client=192.0.2.1"},
		{"peer trusted: header believed", []string{"192.0.2.0/24"}, "client=203.0.113.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			h := newTestHandler(newFakeSearcher(), Options{
				Logger: slog.New(slog.NewTextHandler(&logs, nil)), TrustedProxies: tt.proxies})
			get(h, "/api/search?q=人工智能", "X-Forwarded-For", "203.0.113.9") // httptest's peer is 192.0.2.1
			if !strings.Contains(logs.String(), tt.want) {
				t.Errorf("access log %q lacks %s", logs.String(), tt.want)
			}
		})
	}
}

func TestParseTrustedProxies(t *testing.T) {
	got, err := ParseTrustedProxies(" 10.0.0.0/8, 127.0.0.1 ,")
	if err != nil || len(got) != 2 {
		t.Fatalf("%v %v", got, err)
	}
	if _, err := ParseTrustedProxies("proxy.example"); err == nil {
		t.Error("a host name was accepted")
	}
}

func TestRateLimitPerClient(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{RateLimit: 1, TrustedProxies: []string{"192.0.2.0/24"}})
	for i := range 2 { // the burst: twice the rate
		if rec := get(h, "/api/search?q=人工智能", "X-Forwarded-For", "203.0.113.9"); rec.Code != http.StatusOK {
			t.Fatalf("request %d: %d, want 200", i, rec.Code)
		}
	}
	rec := get(h, "/api/search?q=人工智能", "X-Forwarded-For", "203.0.113.9")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" || decodeError(t, rec).Error.Code != "rate_limited" {
		t.Fatalf("third: %d Retry-After %q %s, want 429 rate_limited after 1", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	if rec := get(h, "/api/search?q=人工智能", "X-Forwarded-For", "198.51.100.7"); rec.Code != http.StatusOK {
		t.Errorf("another client: %d, want 200", rec.Code)
	}
}
