package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/web"
)

// heldLive is the real index, whose searches longer than 48 characters
// (expensive by length) wait in Search until released: a slow expensive
// query held in flight for as long as the test needs.
type heldLive struct {
	*search.Live
	entered chan struct{}
	release chan struct{}
}

func (h heldLive) Search(ctx context.Context, req xinwen.SearchRequest) (*xinwen.Result, error) {
	if utf8.RuneCountInString(req.Query) > 48 {
		h.entered <- struct{}{}
		<-h.release
	}
	return h.Live.Search(ctx, req)
}

// TestExpensiveQueryTurnedAwayWhileCheapAnswers runs serve's admission
// flags over a real index: with one expensive slot and no queue, a second
// expensive query while the first runs gets 429 busy with Retry-After,
// and a cheap one still answers 200.
func TestExpensiveQueryTurnedAwayWhileCheapAnswers(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("n", "甲版", 40, 2))
	useTestSeg()
	live, err := search.OpenLive(dir, search.Options{DictVersion: testSeg.Version()}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	var lf limitFlags
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	lf.flags(fs)
	if err := fs.Parse([]string{"--expensive-slots", "1", "--expensive-queue", "0"}); err != nil {
		t.Fatal(err)
	}
	opt := web.Options{Logger: slog.New(slog.DiscardHandler), Zone: e2eZone}
	if err := lf.apply(&opt, live); err != nil {
		t.Fatal(err)
	}
	held := heldLive{Live: live, entered: make(chan struct{}, 1), release: make(chan struct{})}
	srv := httptest.NewServer(web.New(held, opt).Handler())
	defer srv.Close()
	long := func(c string) string {
		return srv.URL + "/api/search?q=" + url.QueryEscape(strings.Repeat(c+"报道", 20))
	}

	first := make(chan int, 1)
	go func() {
		resp, err := e2eClient.Get(long("甲"))
		if err != nil {
			first <- 0
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	<-held.entered // the first expensive query holds the only slot

	resp, err := e2eClient.Get(long("乙"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || errorCode(b) != "busy" || resp.Header.Get("Retry-After") == "" {
		t.Errorf("second expensive query: %d %s, Retry-After %q; want 429 busy with Retry-After",
			resp.StatusCode, b, resp.Header.Get("Retry-After"))
	}
	if status, b := call(t, http.MethodGet, srv.URL+"/api/search?q="+url.QueryEscape("报道"), "", nil); status != 200 {
		t.Errorf("cheap query while the slot is held: %d %s, want 200", status, b)
	}
	close(held.release)
	if status := <-first; status != 200 {
		t.Errorf("the expensive query in flight ended %d, want 200", status)
	}
	_, metrics := call(t, http.MethodGet, srv.URL+"/metrics", "", nil)
	if !strings.Contains(string(metrics), `xinwen_search_admission_total{class="expensive",outcome="rejected"} 1`) {
		t.Errorf("/metrics does not count the rejected expensive query")
	}
}
