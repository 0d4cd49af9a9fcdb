package bench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func TestAttackQueriesAreExpensiveAndDistinct(t *testing.T) {
	docs := fakeCorpus(300, 1)
	qs, err := AttackQueries(docs, 200, 3)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	long, lone := 0, 0
	for i, q := range qs {
		if seen[q] {
			t.Errorf("query %d repeats %q", i, q)
		}
		seen[q] = true
		if strings.ContainsAny(q, "\"'“”-") {
			t.Errorf("query %q holds query syntax", q)
		}
		if i%2 == 0 {
			long++
			if n := utf8.RuneCountInString(q); n < longMin || n > longMax || strings.ContainsFunc(q, unicode.IsSpace) {
				t.Errorf("long query of %d characters (want %d-%d, no spaces): %q", n, longMin, longMax, q)
			}
			continue
		}
		lone++
		f := strings.Fields(q)
		distinct := map[string]bool{}
		for _, c := range f {
			distinct[c] = true
			if utf8.RuneCountInString(c) != 1 {
				t.Errorf("lone-character query %q has %q", q, c)
			}
		}
		if len(f) < loneMin || len(f) > loneMax || len(distinct) != len(f) {
			t.Errorf("lone-character query %q: want %d-%d distinct characters", q, loneMin, loneMax)
		}
	}
	if long != 100 || lone != 100 {
		t.Errorf("%d long and %d lone-character queries, want 100 each", long, lone)
	}
	again, _ := AttackQueries(docs, 200, 3)
	if strings.Join(again, "|") != strings.Join(qs, "|") {
		t.Error("the same seed drew different queries")
	}
}

func TestCommonCharsRankByFrequency(t *testing.T) {
	docs := []Doc{{Body: "新新新闻闻a b"}, {Body: "新闻报"}}
	if got := string(commonChars(docs, 2)); got != "新闻" {
		t.Errorf("commonChars = %q, want 新闻", got)
	}
}

func TestOrdinaryDropsLongSentences(t *testing.T) {
	qs := []Query{{Class: ClassCommon}, {Class: ClassLong}, {Class: ClassPage50}}
	got := Ordinary(qs)
	if len(got) != 2 || got[0].Class != ClassCommon || got[1].Class != ClassPage50 || len(qs) != 3 {
		t.Errorf("Ordinary = %+v (input now %+v)", got, qs)
	}
}

func TestPacedKeepsItsRate(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	got := paced(context.Background(), newClient(1), []string{srv.URL}, 50, 200*time.Millisecond)
	if len(got) < 5 || len(got) > 11 || int(hits.Load()) != len(got) {
		t.Errorf("%d requests (server saw %d) in 200 ms at 50/s, want about 10", len(got), hits.Load())
	}
}

func TestFloodStopsAtItsBound(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1)%2 == 0 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()
	got := flood(context.Background(), newClient(3), []string{srv.URL + "/a", srv.URL + "/b"}, 3, 40, time.Minute)
	p := summarizePhase(got)
	if p.Requests() != 40 || hits.Load() != 40 {
		t.Errorf("%d requests, server saw %d; want 40", p.Requests(), hits.Load())
	}
	if p.Statuses[200] != 20 || p.Statuses[429] != 20 || p.Lat.N != 40 {
		t.Errorf("statuses %v over %d timings, want 20 of 200 and of 429", p.Statuses, p.Lat.N)
	}
}

func TestAttackTableSaysWhetherTheTargetHeld(t *testing.T) {
	r := AttackResult{
		Config:      DefaultAttack,
		Alone:       Phase{Statuses: map[int]int{200: 100}, Lat: Latency{P50: 2, P95: 4, P99: 6, N: 100}},
		UnderAttack: Phase{Statuses: map[int]int{200: 250}, Lat: Latency{P50: 3, P95: 9, P99: 21.5, N: 250}},
		Attackers:   Phase{Statuses: map[int]int{200: 40, 429: 900, 0: 1}, Lat: Latency{P50: 1, P95: 700, P99: 900, N: 941}},
		LoadStart:   "1.00 1.00 1.00", LoadEnd: "2.00 1.50 1.00",
	}
	out := r.Table()
	for _, want := range []string{"ordinary, under attack", "250", "21.5", "error×1 200×40 429×900", "): met", "at start 1.00 1.00 1.00"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	r.UnderAttack.Statuses[504] = 1
	if r.Met() || !strings.Contains(r.Table(), "NOT met") {
		t.Errorf("one 504 under attack must fail the target:\n%s", r.Table())
	}
	r.UnderAttack.Statuses = map[int]int{200: 250}
	r.UnderAttack.Lat.P99 = 50.1
	if r.Met() {
		t.Error("p99 50.1 ms must fail the target")
	}
}
