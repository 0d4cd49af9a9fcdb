package web

import (
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

// TestPageChart: the page asks for the histogram its date range calls
// for, and draws one bar per bucket, each a link to its period that keeps
// the page's other parameters, titled with the count.
func TestPageChart(t *testing.T) {
	f := newFakeSearcher()
	h := newTestHandler(f, Options{})
	body := get(h, "/?q=人工智能&category=科技&sort=date&size=5&script=hant").Body.String()
	if got := f.lastRequest().Histogram; got != xinwen.HistogramMonth {
		t.Errorf("an open range asks for histogram %q, want month", got)
	}
	for _, want := range []string{
		`<figure class="chart"`,
		`<svg viewBox="0 0 50 100" width="100%"`, // five months, January to May
		`<a href="/?category=%E7%A7%91%E6%8A%80&amp;from=2024-03-01&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;script=hant&amp;size=5&amp;sort=date&amp;to=2024-03-31"><title>2024-03: 2 篇</title>`,
		`<figcaption><span>2024-01</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if n := strings.Count(body, `<rect class="bar"`); n != 5 {
		t.Errorf("%d bars, want 5", n)
	}

	body = get(h, "/?q=人工智能&from=2024-03-01&to=2024-03-31").Body.String()
	if got := f.lastRequest().Histogram; got != xinwen.HistogramDay {
		t.Errorf("a month's range asks for histogram %q, want day", got)
	}
	want := `<a href="/?from=2024-03-03&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;to=2024-03-03"><title>2024-03-03: 1 篇</title>`
	if !strings.Contains(body, want) {
		t.Errorf("page lacks %s", want)
	}
	if !strings.Contains(body, `<g class="none"><title>2024-03-04: 0 篇</title>`) {
		t.Error("an empty day is not drawn as an empty, unlinked bucket")
	}

	body = get(h, "/?q=人工智能&from=2024-01-10&to=2024-05-31").Body.String()
	want = `<a href="/?from=2024-03-04&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;to=2024-03-10"><title>2024-W10: 1 篇</title>`
	if f.lastRequest().Histogram != xinwen.HistogramWeek || !strings.Contains(body, want) {
		t.Errorf("five months: histogram %q, page lacks %s", f.lastRequest().Histogram, want)
	}

	if body := get(h, "/?q=没有这个词").Body.String(); strings.Contains(body, `class="chart"`) {
		t.Error("a page without hits draws a chart")
	}
}

// TestPageMonthsByYear: the month facet stands under year headings, each
// a link to the whole year with the sum of its months.
func TestPageMonthsByYear(t *testing.T) {
	f := newFakeSearcher()
	f.docs[0].Date = time.Date(2023, 12, 30, 9, 0, 0, 0, fakeZone).Format(time.RFC3339)
	body := get(newTestHandler(f, Options{}), "/?q=人工智能").Body.String()
	y24 := `<h4 class="year"><a href="/?from=2024-01-01&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;to=2024-12-31">2024年</a> <span class="n">22</span></h4>`
	y23 := `<h4 class="year"><a href="/?from=2023-01-01&amp;q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;to=2023-12-31">2023年</a> <span class="n">1</span></h4>`
	i24, i23 := strings.Index(body, y24), strings.Index(body, y23)
	if i24 < 0 || i23 < 0 || i23 < i24 {
		t.Fatalf("page lacks the years, newest first: 2024 at %d, 2023 at %d", i24, i23)
	}
	if m := strings.Index(body, `2023年12月</a>`); m < i23 {
		t.Errorf("December 2023 (at %d) is not under 2023 (at %d)", m, i23)
	}
}

func TestChartInterval(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(dateOnlyLayout, s); return d }
	tests := []struct {
		from, to string
		want     string
	}{
		{"", "", xinwen.HistogramMonth},
		{"2024-01-01", "", xinwen.HistogramMonth},
		{"2024-01-01", "2024-01-01", xinwen.HistogramDay},
		{"2024-01-01", "2024-02-29", xinwen.HistogramDay},
		{"2024-01-01", "2024-06-30", xinwen.HistogramWeek},
		{"2024-01-01", "2024-12-31", xinwen.HistogramWeek},
		{"2020-01-01", "2024-12-31", xinwen.HistogramMonth},
		{"2000-01-01", "2024-12-31", xinwen.HistogramYear},
	}
	for _, tt := range tests {
		req := xinwen.SearchRequest{}
		if tt.from != "" {
			req.From = day(tt.from)
		}
		if tt.to != "" {
			req.To = day(tt.to).Add(24*time.Hour - time.Nanosecond)
		}
		if got := chartInterval(req); got != tt.want {
			t.Errorf("chartInterval(%s..%s) = %s, want %s", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestBucketRange(t *testing.T) {
	tests := []struct{ key, from, to string }{
		{"2024-03-05", "2024-03-05", "2024-03-05"},
		{"2024-W01", "2024-01-01", "2024-01-07"},
		{"2020-W53", "2020-12-28", "2021-01-03"},
		{"2025-W01", "2024-12-30", "2025-01-05"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2024", "2024-01-01", "2024-12-31"},
	}
	for _, tt := range tests {
		from, to, ok := bucketRange(tt.key)
		if !ok || from != tt.from || to != tt.to {
			t.Errorf("bucketRange(%s) = %s, %s, %v; want %s, %s", tt.key, from, to, ok, tt.from, tt.to)
		}
	}
	if _, _, ok := bucketRange("soon"); ok {
		t.Error("bucketRange(soon) is ok")
	}
}

// TestChartFoldsYears: more months than fit are drawn as years, and a
// single bucket is no chart.
func TestChartFoldsYears(t *testing.T) {
	var months []xinwen.Bucket
	start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range chartMaxBars + 1 {
		months = append(months, xinwen.Bucket{Key: start.AddDate(0, i, 0).Format("2006-01"), Count: 1})
	}
	c := newChart(pageState{Q: "a"}, months)
	if c == nil || len(c.Bars) != 11 || c.First != "2010" || c.Last != "2020" || c.Max != 12 {
		t.Fatalf("chart of %d months = %+v, want 11 yearly bars", len(months), c)
	}
	if c.Bars[10].Title != "2020: 1 篇" || !strings.Contains(c.Bars[10].URL, "from=2020-01-01") {
		t.Errorf("last bar = %+v", c.Bars[10])
	}
	if c := newChart(pageState{}, months[:1]); c != nil {
		t.Errorf("one bucket drew %+v", c)
	}
}
