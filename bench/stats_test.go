package bench

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	hundred := make([]float64, 100)
	for i := range hundred {
		hundred[i] = float64(i + 1)
	}
	for _, tc := range []struct {
		name   string
		sorted []float64
		p      float64
		want   float64
	}{
		{"empty", nil, 50, 0},
		{"one value", []float64{7}, 99, 7},
		{"p0 is the minimum", []float64{1, 2, 3}, 0, 1},
		{"p100 is the maximum", []float64{1, 2, 3}, 100, 3},
		{"median of four is the second (nearest rank)", []float64{1, 2, 3, 4}, 50, 2},
		{"median of five", []float64{1, 2, 3, 4, 5}, 50, 3},
		{"p99 of 1..100", hundred, 99, 99},
		{"p95 of 1..100", hundred, 95, 95},
		{"p99 of ten is the maximum", hundred[:10], 99, 10},
		{"p above 100 clamps", []float64{1, 2}, 150, 2},
		{"p below 0 clamps", []float64{1, 2}, -5, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Percentile(tc.sorted, tc.p); got != tc.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tc.sorted, tc.p, got, tc.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	got := Summarize(ds)
	want := Latency{P50: 50, P95: 95, P99: 99, N: 100}
	if got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	if ds[0] != 100*time.Millisecond {
		t.Error("Summarize reordered its input")
	}
	if got := Summarize(nil); got != (Latency{}) {
		t.Errorf("Summarize(nil) = %+v, want zero", got)
	}
	if got := Summarize([]time.Duration{1500 * time.Microsecond}); got.P50 != 1.5 {
		t.Errorf("1.5 ms summarized as %v ms", got.P50)
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		name string
		xs   []float64
		want float64
	}{
		{"none", nil, 0},
		{"one", []float64{4}, 4},
		{"odd, unsorted", []float64{9, 1, 5}, 5},
		{"even takes the mean of the middle two", []float64{4, 1, 3, 2}, 2.5},
		{"an outlier does not move it", []float64{1, 1000, 2}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Median(tc.xs); got != tc.want {
				t.Errorf("Median(%v) = %v, want %v", tc.xs, got, tc.want)
			}
		})
	}
}

func TestMedianLatencyTakesEachPercentileSeparately(t *testing.T) {
	rounds := []Latency{
		{P50: 1, P95: 10, P99: 90, N: 40},
		{P50: 3, P95: 8, P99: 20, N: 40},
		{P50: 2, P95: 30, P99: 25, N: 40},
	}
	want := Latency{P50: 2, P95: 10, P99: 25, N: 40}
	if got := MedianLatency(rounds); got != want {
		t.Errorf("MedianLatency = %+v, want %+v", got, want)
	}
}
