package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Soak criteria from issue 7: at soakConcurrency, no errors, p99 under
// soakP99, and the server's live heap (after GC) grows by at most
// soakHeapGrowth from start to end. CI runs it for soakShort with the p99
// bound relaxed by soakCIFactor, because CI machines are shared and a
// timing flake would teach people to ignore the test; XINWEN_SOAK=60s runs
// the full soak with the bound.
const (
	soakConcurrency = 2
	soakP99         = 50 * time.Millisecond
	soakCIFactor    = 5
	soakShort       = 5 * time.Second
	soakMaxRequests = 2_000_000
	soakHeapGrowth  = 64 << 20
)

// soakRequest is one kind of request the load generator sends.
type soakRequest struct {
	path   func(i int) string
	status int
}

var soakMix = []soakRequest{
	{func(i int) string { return "/api/search?q=" + url.QueryEscape(soakWords[i%len(soakWords)]) }, 200},
	{func(i int) string { return "/api/search?q=报道&sort=date&page=" + strconv.Itoa(1+i%5) }, 200},
	{func(i int) string { return "/api/search?q=卫星&category=科技&from=2024-03-01&to=2025-12-31" }, 200},
	{func(i int) string {
		return "/api/search?q=" + url.QueryEscape(soakWords[i%len(soakWords)]) + "&recency=1&facets=0"
	}, 200},
	{func(i int) string { return fmt.Sprintf("/api/articles/n%04d", 1+i%300) }, 200},
	{func(i int) string {
		return "/api/suggest?q=" + url.QueryEscape(string([]rune(soakWords[i%len(soakWords)])[:1]))
	}, 200},
	{func(i int) string { return "/?q=" + url.QueryEscape(soakWords[i%len(soakWords)]) }, 200},
	{func(i int) string { return "/api/search?q=报道&size=500" }, 400},
	{func(i int) string { return "/healthz" }, 200},
}

var soakWords = []string{"大模型", "卫星 指数", `"相关工作稳步推进"`, "联赛 -社区", "会谈", "报道", "数据显示", "项目建设"}

// TestSoak drives the real server over loopback HTTP at a fixed
// concurrency, bounded by time and by request count.
func TestSoak(t *testing.T) {
	dur, bound := soakShort, soakCIFactor*soakP99
	if v := os.Getenv("XINWEN_SOAK"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("XINWEN_SOAK=%q: %v", v, err)
		}
		dur, bound = d, soakP99
	}
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("n", "甲版", 300, 8))
	st := newStack(t, dir, "")
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: soakConcurrency}}
	defer client.CloseIdleConnections()
	soak(t, client, st.url, 2*time.Second, 500) // warm caches and connections
	heap0, rss0, gor0 := memory()
	lat, errs := soak(t, client, st.url, dur, soakMaxRequests)
	heap1, rss1, gor1 := memory()

	slices.Sort(lat)
	p := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))] }
	t.Logf("soak %v at concurrency %d: %d requests (%.0f/s), %d errors; latency p50 %v p99 %v max %v (bound %v)",
		dur, soakConcurrency, len(lat), float64(len(lat))/dur.Seconds(), errs, p(0.5), p(0.99), lat[len(lat)-1], bound)
	t.Logf("heap in use after GC %d MiB -> %d MiB, RSS %d MiB -> %d MiB, goroutines %d -> %d",
		heap0>>20, heap1>>20, rss0>>20, rss1>>20, gor0, gor1)
	if errs > 0 {
		t.Errorf("%d requests failed", errs)
	}
	if p(0.99) > bound {
		t.Errorf("p99 %v over %v", p(0.99), bound)
	}
	if heap1 > heap0+soakHeapGrowth {
		t.Errorf("heap grew from %d to %d MiB", heap0>>20, heap1>>20)
	}
	if gor1 > gor0+soakConcurrency+10 {
		t.Errorf("goroutines grew from %d to %d", gor0, gor1)
	}
}

// soak runs the mix from soakConcurrency workers until dur has passed or
// max requests were sent; it returns every latency and the error count.
func soak(t *testing.T, client *http.Client, base string, dur time.Duration, max int) ([]time.Duration, int) {
	t.Helper()
	deadline := time.Now().Add(dur)
	var (
		mu   sync.Mutex // guards all, errs
		all  []time.Duration
		errs int
		wg   sync.WaitGroup
	)
	per := max / soakConcurrency
	for w := range soakConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			bad := 0
			for i := w; i/soakConcurrency < per && time.Now().Before(deadline); i += soakConcurrency {
				r := soakMix[i%len(soakMix)]
				d, err := soakOne(client, base+r.path(i/len(soakMix)), r.status)
				if err != nil {
					bad++
					if bad <= 3 {
						t.Error(err)
					}
				}
				lat = append(lat, d)
			}
			mu.Lock()
			all, errs = append(all, lat...), errs+bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all, errs
}

func soakOne(client *http.Client, target string, status int) (time.Duration, error) {
	start := time.Now()
	resp, err := client.Get(target)
	if err != nil {
		return time.Since(start), err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err == nil && resp.StatusCode != status {
		err = fmt.Errorf("GET %s: %d, want %d", target, resp.StatusCode, status)
	}
	return d, err
}

// memory reports the heap in use after a full GC, the process's resident
// set (from /proc; 0 elsewhere) and the goroutine count.
func memory() (heap, rss uint64, goroutines int) {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" {
				kb, _ := strconv.ParseUint(f[1], 10, 64)
				rss = kb << 10
			}
		}
	}
	time.Sleep(50 * time.Millisecond) // let finished connections' goroutines exit
	return ms.HeapInuse, rss, runtime.NumGoroutine()
}
