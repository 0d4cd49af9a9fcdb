package web

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/xinwen-search/xinwen"
)

// The hits-over-time chart: an inline SVG drawn on the server from the
// search's histogram, one bar per bucket, each bar a link that filters
// the search to its period. The interval follows the date range asked
// for, so a bar is never too thin to tap nor a chart a single bar.
const (
	chartHeight   = 100 // viewBox units; CSS sets the drawn height
	chartBarPitch = 10  // viewBox units a bucket takes, gap included
	chartMaxBars  = 120 // more months than this are drawn as years
)

// chartView is what the search page draws above its results.
type chartView struct {
	Width, Height int // the SVG's viewBox
	Bars          []barView
	First, Last   string // the first and last buckets' keys, under the chart
	Max           int    // the tallest bar's count
}

// barView is one bucket: Title says its period and count; URL, empty for
// an empty bucket, filters the search to the period.
type barView struct {
	X, Y, W, H int
	Title      string
	URL        string
	Current    bool
}

// chartInterval picks the histogram for the page's date range: days up
// to two months, weeks up to a year, months up to ten years, else years;
// months when the range is open.
func chartInterval(req xinwen.SearchRequest) string {
	if req.From.IsZero() || req.To.IsZero() {
		return xinwen.HistogramMonth
	}
	switch days := req.To.Sub(req.From).Hours() / 24; {
	case days <= 62:
		return xinwen.HistogramDay
	case days <= 366:
		return xinwen.HistogramWeek
	case days <= 3653:
		return xinwen.HistogramMonth
	}
	return xinwen.HistogramYear
}

// newChart draws buckets; nil when fewer than two, as one bar says no
// more than the count above it.
func newChart(st pageState, buckets []xinwen.Bucket) *chartView {
	if len(buckets) > chartMaxBars {
		buckets = foldYears(buckets)
	}
	if len(buckets) < 2 {
		return nil
	}
	c := &chartView{Width: len(buckets) * chartBarPitch, Height: chartHeight,
		First: buckets[0].Key, Last: buckets[len(buckets)-1].Key}
	for _, b := range buckets {
		c.Max = max(c.Max, b.Count)
	}
	for i, b := range buckets {
		h := 0
		if b.Count > 0 {
			h = max(2, b.Count*chartHeight/max(c.Max, 1))
		}
		bar := barView{X: i*chartBarPitch + 1, Y: chartHeight - h, W: chartBarPitch - 2, H: h,
			Title: b.Key + ": " + strconv.Itoa(b.Count) + " 篇"}
		if from, to, ok := bucketRange(b.Key); ok && b.Count > 0 {
			bar.URL = st.withDates(from, to).url()
			bar.Current = st.From == from && st.To == to
		}
		c.Bars = append(c.Bars, bar)
	}
	return c
}

// foldYears sums month (or day) buckets into years.
func foldYears(buckets []xinwen.Bucket) []xinwen.Bucket {
	var out []xinwen.Bucket
	for _, b := range buckets {
		y := b.Key[:min(4, len(b.Key))]
		if n := len(out); n > 0 && out[n-1].Key == y {
			out[n-1].Count += b.Count
			continue
		}
		out = append(out, xinwen.Bucket{Key: y, Count: b.Count})
	}
	return slices.Clip(out)
}

// bucketRange is the first and last day of a histogram key: 2024-03-05,
// 2024-W10 (ISO week, Monday to Sunday), 2024-03 or 2024.
func bucketRange(key string) (from, to string, ok bool) {
	day := func(t time.Time) string { return t.Format(dateOnlyLayout) }
	if t, err := time.Parse(dateOnlyLayout, key); err == nil {
		return day(t), day(t), true
	}
	if t, err := time.Parse("2006-01", key); err == nil {
		return day(t), day(t.AddDate(0, 1, -1)), true
	}
	if t, err := time.Parse("2006", key); err == nil {
		return day(t), day(t.AddDate(1, 0, -1)), true
	}
	var y, w int
	if n, err := fmt.Sscanf(key, "%4d-W%2d", &y, &w); err == nil && n == 2 && w >= 1 && w <= 53 {
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		return day(monday), day(monday.AddDate(0, 0, 6)), true
	}
	return "", "", false
}
