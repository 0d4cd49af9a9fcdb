package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
)

// AttackConfig is the abuse scenario of issue #18: one reader's client
// sends ordinary queries at a steady rate, alone, then while attackers
// send expensive queries back to back, each one different.
type AttackConfig struct {
	Exe       string
	DictArgs  []string // --dict etc., as the index was built with
	ServeArgs []string // more serve flags (--expensive-slots ...)
	Index     string
	Rate      int           // ordinary requests a second
	Alone     time.Duration // ordinary traffic alone
	Attack    time.Duration // then with the attackers
	Attackers int           // clients sending expensive queries
	// MaxAttack bounds the attackers' requests in all: refused ones come
	// back in a millisecond, and the load generator must stay bounded.
	MaxAttack int
	Warmup    int // ordinary requests before the scenario, not counted
}

// DefaultAttack is the scenario as the issue states it.
var DefaultAttack = AttackConfig{Rate: 10, Alone: 10 * time.Second, Attack: 25 * time.Second,
	Attackers: 6, MaxAttack: 50000, Warmup: 200}

// Phase is what one kind of client got: statuses and latencies of every
// answered request, whatever its status.
type Phase struct {
	Statuses map[int]int // by HTTP status; 0 counts transport errors
	Lat      Latency
}

// Requests counts the phase's requests.
func (p Phase) Requests() int {
	n := 0
	for _, c := range p.Statuses {
		n += c
	}
	return n
}

// AllOK says every request answered 200.
func (p Phase) AllOK() bool { return p.Requests() > 0 && p.Statuses[http.StatusOK] == p.Requests() }

// AttackResult is the scenario's outcome.
type AttackResult struct {
	Config                AttackConfig
	Alone, UnderAttack    Phase // the ordinary client
	Attackers             Phase
	LoadStart, LoadEnd    string // /proc/loadavg's first three fields
	Ordinary, Expensive   int    // query pools drawn
	AttackersMissedTarget bool   // MaxAttack ended the attack early
}

// Attack targets: under attack every ordinary request answers 200 and
// their p99 stays within attackP99.
const attackP99 = 50.0 // ms

// Met says whether the scenario met its target.
func (r AttackResult) Met() bool {
	return r.UnderAttack.AllOK() && r.UnderAttack.Lat.P99 <= attackP99
}

// timed is one request's start, status and latency.
type timed struct {
	start  time.Time
	status int
	lat    time.Duration
}

// MeasureAttack starts the server, warms it up with ordinary queries and
// runs the scenario: ordinary queries (qs, in order) for Alone+Attack at
// Rate, attackers (expensive, in order) from Alone on.
func MeasureAttack(ctx context.Context, cfg AttackConfig, ordinary []Query, expensive []string) (AttackResult, error) {
	out := AttackResult{Config: cfg, Ordinary: len(ordinary), Expensive: len(expensive), LoadStart: loadNow()}
	if len(ordinary) == 0 || len(expensive) == 0 || cfg.Rate < 1 {
		return out, errors.New("bench: attack: need ordinary and expensive queries and a rate")
	}
	client := newClient(2 * (cfg.Attackers + 1))
	defer client.CloseIdleConnections()
	args := append(slices.Clone(cfg.DictArgs), cfg.ServeArgs...)
	srv, _, err := startServer(ctx, cfg.Exe, args, cfg.Index, client, ordinary[0].Values().Encode())
	if err != nil {
		return out, err
	}
	defer srv.stop()
	urls := make([]string, len(ordinary))
	for i, q := range ordinary {
		urls[i] = srv.base + "/api/search?" + q.Values().Encode()
	}
	load(ctx, client, urls, 2, cfg.Warmup, time.Minute)
	bad := make([]string, len(expensive))
	for i, q := range expensive {
		bad[i] = srv.base + "/api/search?" + url.Values{"q": {q}}.Encode()
	}
	start := time.Now()
	onset := start.Add(cfg.Alone)
	var wg sync.WaitGroup
	var reader, attack []timed
	wg.Go(func() { reader = paced(ctx, client, urls, cfg.Rate, cfg.Alone+cfg.Attack) })
	wg.Go(func() {
		sleepUntil(ctx, onset)
		attack = flood(ctx, client, bad, cfg.Attackers, cfg.MaxAttack, cfg.Attack)
	})
	wg.Wait()
	var alone, under []timed
	for _, r := range reader {
		if r.start.Before(onset) {
			alone = append(alone, r)
		} else {
			under = append(under, r)
		}
	}
	out.Alone, out.UnderAttack, out.Attackers = summarizePhase(alone), summarizePhase(under), summarizePhase(attack)
	out.AttackersMissedTarget = len(attack) >= cfg.MaxAttack
	out.LoadEnd = loadNow()
	return out, ctx.Err()
}

func sleepUntil(ctx context.Context, t time.Time) {
	select {
	case <-ctx.Done():
	case <-time.After(time.Until(t)):
	}
}

// paced is one client sending urls in order, rate a second, for dur; a
// slow answer delays the next request, it does not pile requests up.
func paced(ctx context.Context, client *http.Client, urls []string, rate int, dur time.Duration) []timed {
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	end := time.Now().Add(dur)
	var out []timed
	for i := 0; time.Now().Before(end) && ctx.Err() == nil; i++ {
		out = append(out, fetch(client, urls[i%len(urls)]))
		select {
		case <-ctx.Done():
		case <-tick.C:
		}
	}
	return out
}

// flood is conc clients sending urls in order back to back until maxReq
// requests have been sent or dur has passed.
func flood(ctx context.Context, client *http.Client, urls []string, conc, maxReq int, dur time.Duration) []timed {
	var next atomic.Int64
	end := time.Now().Add(dur)
	got := make([][]timed, conc)
	var wg sync.WaitGroup
	for w := range conc {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(maxReq) && time.Now().Before(end) && ctx.Err() == nil; i = next.Add(1) - 1 {
				got[w] = append(got[w], fetch(client, urls[i%int64(len(urls))]))
			}
		})
	}
	wg.Wait()
	return slices.Concat(got...)
}

// fetch times one GET; status 0 is a transport error.
func fetch(client *http.Client, u string) timed {
	t := timed{start: time.Now()}
	resp, err := client.Get(u)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err == nil {
			t.status = resp.StatusCode
		}
	}
	t.lat = time.Since(t.start)
	return t
}

func summarizePhase(rs []timed) Phase {
	p := Phase{Statuses: map[int]int{}}
	lats := make([]time.Duration, len(rs))
	for i, r := range rs {
		p.Statuses[r.status]++
		lats[i] = r.lat
	}
	p.Lat = Summarize(lats)
	return p
}

// Table is the scenario's report in plain text.
func (r AttackResult) Table() string {
	var b strings.Builder
	c := r.Config
	fmt.Fprintf(&b, "attack: 1 client at %d ordinary queries/s, %s alone, then %s with %d attackers (expensive queries, each different)\n",
		c.Rate, c.Alone, c.Attack, c.Attackers)
	fmt.Fprintf(&b, "%-24s %8s %8s %8s %8s  %s\n", "client", "requests", "p50 ms", "p95 ms", "p99 ms", "statuses")
	for _, row := range []struct {
		name string
		p    Phase
	}{{"ordinary, alone", r.Alone}, {"ordinary, under attack", r.UnderAttack}, {"attackers", r.Attackers}} {
		fmt.Fprintf(&b, "%-24s %8d %8.1f %8.1f %8.1f  %s\n", row.name, row.p.Requests(), row.p.Lat.P50, row.p.Lat.P95, row.p.Lat.P99, row.p.StatusLine())
	}
	verdict := "met"
	if !r.Met() {
		verdict = "NOT met"
	}
	fmt.Fprintf(&b, "target (under attack: every ordinary request 200, p99 <= %.0f ms): %s\n", attackP99, verdict)
	if r.AttackersMissedTarget {
		fmt.Fprintf(&b, "the attackers stopped at their bound of %d requests\n", c.MaxAttack)
	}
	fmt.Fprintf(&b, "load average at start %s, at end %s\n", r.LoadStart, r.LoadEnd)
	return b.String()
}

// StatusLine is "200×95 429×5", statuses in order; "error" for status 0.
func (p Phase) StatusLine() string {
	codes := make([]int, 0, len(p.Statuses))
	for s := range p.Statuses {
		codes = append(codes, s)
	}
	slices.Sort(codes)
	parts := make([]string, len(codes))
	for i, s := range codes {
		name := fmt.Sprint(s)
		if s == 0 {
			name = "error"
		}
		parts[i] = fmt.Sprintf("%s×%d", name, p.Statuses[s])
	}
	return strings.Join(parts, " ")
}

// Expensive queries of the scenario: long cuts of corpus text and runs of
// lone common characters.
const (
	longMin, longMax = 200, 256 // characters cut from sentences
	loneMin, loneMax = 6, 8     // lone characters
	loneCommonPool   = 100      // the body text's most frequent Han characters
)

// AttackQueries draws n expensive queries, every one different, half of
// them long cuts of sentences, half lone common characters, interleaved.
func AttackQueries(docs []Doc, n int, seed uint64) ([]string, error) {
	rng := rand.New(rand.NewPCG(seed, 0x61747461636b))
	chars := commonChars(docs, loneCommonPool)
	if len(docs) == 0 || len(chars) < loneMax {
		return nil, errors.New("bench: attack queries: corpus too small")
	}
	seen := map[string]bool{}
	var out []string
	for tries := 0; len(out) < n; tries++ {
		if tries > 20*n+maxAttempts {
			return nil, fmt.Errorf("bench: attack queries: only %d of %d distinct", len(out), n)
		}
		var q string
		ok := true
		if len(out)%2 == 0 {
			q, ok = longCut(rng, docs[rng.IntN(len(docs))].Body)
		} else {
			q = loneChars(rng, chars)
		}
		if ok && !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out, nil
}

// longCut is longMin..longMax characters of body starting at a sentence,
// paragraphs joined; quotes and spaces, which the query syntax reads,
// become commas.
func longCut(rng *rand.Rand, body string) (string, bool) {
	p := []rune(strings.ReplaceAll(body, "\n", ""))
	n := longMin + rng.IntN(longMax-longMin+1)
	starts := sentenceStarts(p, n)
	if len(starts) == 0 {
		return "", false
	}
	s := starts[rng.IntN(len(starts))]
	out := slices.Clone(p[s : s+n])
	for i, r := range out {
		if isQuote(r) || unicode.IsSpace(r) || r == '-' {
			out[i] = '，'
		}
	}
	return string(out), true
}

// loneChars is loneMin..loneMax distinct characters of chars, space-separated.
func loneChars(rng *rand.Rand, chars []rune) string {
	k := loneMin + rng.IntN(loneMax-loneMin+1)
	idx := rng.Perm(len(chars))[:k]
	parts := make([]string, k)
	for i, j := range idx {
		parts[i] = string(chars[j])
	}
	return strings.Join(parts, " ")
}

// commonChars is the n most frequent Han characters of the bodies.
func commonChars(docs []Doc, n int) []rune {
	freq := map[rune]int{}
	for _, d := range docs {
		for _, r := range d.Body {
			if unicode.Is(unicode.Han, r) {
				freq[r]++
			}
		}
	}
	ranked := make([]rune, 0, len(freq))
	for r := range freq {
		ranked = append(ranked, r)
	}
	slices.SortFunc(ranked, func(a, b rune) int {
		if freq[a] != freq[b] {
			return freq[b] - freq[a]
		}
		return int(a - b)
	})
	return ranked[:min(n, len(ranked))]
}

// Ordinary is qs without the long sentences: what a reader types.
func Ordinary(qs []Query) []Query {
	return slices.DeleteFunc(slices.Clone(qs), func(q Query) bool { return q.Class == ClassLong })
}
