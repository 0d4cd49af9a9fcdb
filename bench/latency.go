package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/xinwen-search/xinwen"
)

// ClassAll pools every query of a round.
const ClassAll = "all queries"

// Searcher is what the in-process phase needs of an open index.
type Searcher interface {
	Search(ctx context.Context, req xinwen.SearchRequest) (*xinwen.Result, error)
}

// QueryLatency is in-process latency per class (and ClassAll): the
// median over rounds of each percentile.
type QueryLatency struct {
	Facets   map[string]Latency // normal requests: snippets and facets
	NoFacets map[string]Latency // Request.NoFacets: snippets, no facets
	ZeroHits map[string]int     // queries that found nothing, by class
	Rounds   int
	// CPUms is this process's CPU milliseconds per query over the timed
	// rounds (GC included), with facets and without.
	CPUms [2]float64
}

// MeasureQueries warms ix up with one pass of qs, then runs rounds of qs in
// their fixed order, each round once with facets and once without. With
// profileDir set, one more pass of each kind runs under the CPU profiler
// and between two allocation snapshots, after the timed rounds.
func MeasureQueries(ctx context.Context, ix Searcher, qs []Query, zone *time.Location, rounds int, profileDir string) (QueryLatency, error) {
	out := QueryLatency{ZeroHits: map[string]int{}, Rounds: rounds}
	reqs := make([]xinwen.SearchRequest, len(qs))
	for i, q := range qs {
		r, err := q.Request(zone)
		if err != nil {
			return out, err
		}
		reqs[i] = r
	}
	if _, err := pass(ctx, ix, qs, reqs, false, out.ZeroHits); err != nil {
		return out, err
	}
	if err := out.timeRounds(ctx, ix, qs, reqs); err != nil {
		return out, err
	}
	if profileDir != "" {
		return out, profileQueries(ctx, ix, qs, reqs, profileDir)
	}
	return out, nil
}

// timeRounds fills the latencies and CPU costs from q.Rounds rounds.
func (q *QueryLatency) timeRounds(ctx context.Context, ix Searcher, qs []Query, reqs []xinwen.SearchRequest) error {
	byMode := [2]map[string][]Latency{{}, {}}
	var cpu [2]time.Duration
	for range q.Rounds {
		for mode, noFacets := range []bool{false, true} {
			c0 := cpuSelf()
			lat, err := pass(ctx, ix, qs, reqs, noFacets, nil)
			if err != nil {
				return err
			}
			cpu[mode] += cpuSelf() - c0
			for class, l := range lat {
				byMode[mode][class] = append(byMode[mode][class], l)
			}
		}
	}
	q.Facets, q.NoFacets = medians(byMode[0]), medians(byMode[1])
	for mode := range cpu {
		q.CPUms[mode] = float64(cpu[mode]) / float64(time.Millisecond) / float64(q.Rounds*len(qs))
	}
	return nil
}

func medians(rounds map[string][]Latency) map[string]Latency {
	out := make(map[string]Latency, len(rounds))
	for class, ls := range rounds {
		out[class] = MedianLatency(ls)
	}
	return out
}

// pass runs every request once and summarizes the timings by class.
// zero, when set, counts requests that found nothing.
func pass(ctx context.Context, ix Searcher, qs []Query, reqs []xinwen.SearchRequest, noFacets bool, zero map[string]int) (map[string]Latency, error) {
	times := map[string][]time.Duration{}
	for i, req := range reqs {
		req.NoFacets = noFacets
		start := time.Now()
		res, err := ix.Search(ctx, req)
		d := time.Since(start)
		if err != nil {
			return nil, fmt.Errorf("bench: %s query %d: %w", qs[i].Class, i, err)
		}
		times[qs[i].Class] = append(times[qs[i].Class], d)
		times[ClassAll] = append(times[ClassAll], d)
		if zero != nil && res.Total == 0 {
			zero[qs[i].Class]++
		}
	}
	out := make(map[string]Latency, len(times))
	for class, ds := range times {
		out[class] = Summarize(ds)
	}
	return out, nil
}

// Profile file names under --profile DIR.
const (
	ProfileIndexCPU        = "index-cpu.pprof"
	ProfileQueryCPU        = "query-cpu.pprof"
	ProfileQueryAllocsBase = "query-allocs-base.pprof"
	ProfileQueryAllocs     = "query-allocs.pprof"
)

// profileQueries profiles one pass with facets and one without: CPU, and
// allocations as the difference of two snapshots around the passes.
func profileQueries(ctx context.Context, ix Searcher, qs []Query, reqs []xinwen.SearchRequest, dir string) error {
	if err := writeHeap(filepath.Join(dir, ProfileQueryAllocsBase)); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, ProfileQueryCPU))
	if err != nil {
		return fmt.Errorf("bench: profile: %w", err)
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return fmt.Errorf("bench: profile: %w", err)
	}
	for _, noFacets := range []bool{false, true} {
		if _, err := pass(ctx, ix, qs, reqs, noFacets, nil); err != nil {
			pprof.StopCPUProfile()
			return err
		}
	}
	pprof.StopCPUProfile()
	return writeHeap(filepath.Join(dir, ProfileQueryAllocs))
}

// writeHeap snapshots the allocation profile, complete as of a fresh GC.
func writeHeap(path string) error {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: profile: %w", err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("bench: profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("bench: profile: %w", err)
	}
	return nil
}
