package bench

import (
	"math"
	"slices"
	"time"
)

// Latency is the p50, p95 and p99 of one set of timings, in milliseconds.
type Latency struct {
	P50, P95, P99 float64
	N             int // timings summarized
}

// Percentile is the nearest-rank percentile of sorted (ascending): the
// smallest value with at least p percent of the values at or below it.
// It is 0 for no values; p is clamped to [0, 100].
func Percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	p = min(max(p, 0), 100)
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[max(rank, 1)-1]
}

// Summarize sorts a copy of ds and takes its percentiles in milliseconds.
func Summarize(ds []time.Duration) Latency {
	ms := make([]float64, len(ds))
	for i, d := range ds {
		ms[i] = float64(d) / float64(time.Millisecond)
	}
	slices.Sort(ms)
	return Latency{P50: Percentile(ms, 50), P95: Percentile(ms, 95), P99: Percentile(ms, 99), N: len(ms)}
}

// Median is the middle value (the mean of the middle two for an even
// count); 0 for none. xs is not modified.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// MedianLatency takes, percentile by percentile, the median over rounds of
// the same queries, so that one disturbed round does not decide a figure.
func MedianLatency(rounds []Latency) Latency {
	var p50, p95, p99 []float64
	n := 0
	for _, r := range rounds {
		p50, p95, p99 = append(p50, r.P50), append(p95, r.P95), append(p99, r.P99)
		n = max(n, r.N)
	}
	return Latency{P50: Median(p50), P95: Median(p95), P99: Median(p99), N: n}
}
