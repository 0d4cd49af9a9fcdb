package bench

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestLoadStopsAtTheRequestBound(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1)%10 == 0 {
			http.Error(w, "every tenth fails", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(`{"total":1}`))
	}))
	defer srv.Close()
	client := newClient(4)
	urls := []string{srv.URL + "/a", srv.URL + "/b", srv.URL + "/c"}
	lv := load(context.Background(), client, urls, 4, 50, time.Minute)
	if lv.OK+lv.Errors != 50 || hits.Load() != 50 {
		t.Errorf("%d ok + %d errors, server saw %d; want 50 requests", lv.OK, lv.Errors, hits.Load())
	}
	if lv.Errors != 5 || lv.FirstError == "" {
		t.Errorf("%d errors (first %q), want 5 with a reason", lv.Errors, lv.FirstError)
	}
	if lv.Lat.N != lv.OK || lv.Concurrency != 4 {
		t.Errorf("level %+v: latencies must cover the successful requests", lv)
	}
}

func TestLoadStopsAtTheTimeBound(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	lv := load(context.Background(), newClient(2), []string{srv.URL}, 2, 1<<30, 50*time.Millisecond)
	if lv.OK == 0 || lv.OK >= 1<<30 {
		t.Errorf("%d requests in a 50 ms level", lv.OK)
	}
}

func TestClientTalksToLoopbackOnly(t *testing.T) {
	_, err := newClient(1).Get("http://192.0.2.1:9/") // TEST-NET-1: never dialled
	if !errors.Is(err, errNotLoopback) {
		t.Errorf("GET to a non-loopback address: %v, want errNotLoopback", err)
	}
}
