package bench

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// HTTPConfig bounds the load on a `xinwen serve` child.
type HTTPConfig struct {
	Exe         string
	DictArgs    []string // --dict etc., as the index was built with
	Index       string
	Concurrency []int         // client goroutines per level
	Duration    time.Duration // per level, at most
	MaxRequests int           // per level, at most
	Warmup      int           // requests before the first level, not counted
}

// HTTPResult is one server's start and its behaviour under load.
type HTTPResult struct {
	ColdStart time.Duration // process start to the first 200 from /api/search
	Levels    []LoadLevel
	RSSIdle   int64 // VmRSS after the first answer
	RSSLoad   int64 // the highest VmRSS sampled under load
	HWM       int64 // VmHWM (peak resident set) at the end
	// End is the resident set after the last level, split into anonymous
	// memory and the pages of mapped index files the queries touched.
	End Resident
}

// LoadLevel is one concurrency level.
type LoadLevel struct {
	Concurrency int
	OK, Errors  int
	FirstError  string
	Seconds     float64
	Lat         Latency // successful requests only
	// ServerCPUms and ClientCPUms are CPU milliseconds per request of the
	// server process and of this one (the load generator).
	ServerCPUms, ClientCPUms float64
}

// RPS is successful requests per second.
func (l LoadLevel) RPS() float64 { return float64(l.OK) / l.Seconds }

// MeasureHTTP starts the server (timing the cold start), warms it up, and
// runs each concurrency level over qs's URLs in their fixed order, bounded
// by request count and by time, while sampling the server's memory.
func MeasureHTTP(ctx context.Context, cfg HTTPConfig, qs []Query) (HTTPResult, error) {
	var out HTTPResult
	client := newClient(2 * maxOf(cfg.Concurrency))
	defer client.CloseIdleConnections()
	srv, cold, err := startServer(ctx, cfg.Exe, cfg.DictArgs, cfg.Index, client, qs[0].Values().Encode())
	if err != nil {
		return out, err
	}
	defer srv.stop()
	out.ColdStart = cold
	out.RSSIdle, _ = srv.memory()
	urls := make([]string, len(qs))
	for i, q := range qs {
		urls[i] = srv.base + "/api/search?" + q.Values().Encode()
	}
	load(ctx, client, urls, 4, cfg.Warmup, cfg.Duration)
	stop := sampleRSS(srv, &out.RSSLoad)
	for _, c := range cfg.Concurrency {
		out.Levels = append(out.Levels, srv.level(ctx, client, urls, c, cfg))
	}
	stop()
	out.End = readResident(srv.cmd.Process.Pid)
	out.HWM = out.End.HWM
	return out, ctx.Err()
}

// level runs one concurrency level and charges it the CPU both sides used.
func (s *server) level(ctx context.Context, client *http.Client, urls []string, conc int, cfg HTTPConfig) LoadLevel {
	srv0, _ := cpuOf(s.cmd.Process.Pid)
	cli0 := cpuSelf()
	lv := load(ctx, client, urls, conc, cfg.MaxRequests, cfg.Duration)
	srv1, _ := cpuOf(s.cmd.Process.Pid)
	if n := lv.OK + lv.Errors; n > 0 {
		lv.ServerCPUms = float64(srv1-srv0) / float64(time.Millisecond) / float64(n)
		lv.ClientCPUms = float64(cpuSelf()-cli0) / float64(time.Millisecond) / float64(n)
	}
	return lv
}

func maxOf(xs []int) int {
	m := 1
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// sampleRSS records the server's highest VmRSS every 50 ms until stopped.
func sampleRSS(srv *server, peak *int64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			rss, _ := srv.memory()
			*peak = max(*peak, rss)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// load runs conc workers taking URLs in order until maxReq requests have
// been sent or dur has passed.
func load(ctx context.Context, client *http.Client, urls []string, conc, maxReq int, dur time.Duration) LoadLevel {
	var next, errs atomic.Int64
	var firstErr atomic.Value
	lats := make([][]time.Duration, conc)
	deadline := time.Now().Add(dur)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range conc {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(maxReq) && time.Now().Before(deadline) && ctx.Err() == nil; i = next.Add(1) - 1 {
				t := time.Now()
				ok, err := get(client, urls[i%int64(len(urls))])
				if !ok {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				lats[w] = append(lats[w], time.Since(t))
			}
		})
	}
	wg.Wait()
	lv := LoadLevel{Concurrency: conc, Errors: int(errs.Load()), Seconds: time.Since(start).Seconds()}
	var all []time.Duration
	for _, l := range lats {
		all = append(all, l...)
	}
	lv.OK, lv.Lat = len(all), Summarize(all)
	if e, ok := firstErr.Load().(string); ok {
		lv.FirstError = e
	}
	return lv
}
