package main

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// TestHistogramSumsToTotal: for every interval and filtered word and
// phrase queries, the buckets sum to total, come in order without gaps,
// and each holds exactly the fixtures dated in it (in the index's zone).
func TestHistogramSumsToTotal(t *testing.T) {
	dir := t.TempDir()
	arts := inventArticles("h", "要闻", 400, 2)
	buildIndex(t, dir, arts)
	st := newStack(t, dir, "")
	keyOf := map[string]func(time.Time) string{
		"day":   func(t time.Time) string { return t.Format("2006-01-02") },
		"month": func(t time.Time) string { return t.Format("2006-01") },
		"year":  func(t time.Time) string { return t.Format("2006") },
		"week": func(t time.Time) string {
			y, w := t.ISOWeek()
			return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") + "-W" + twoDigits(w)
		},
	}
	for _, params := range []url.Values{
		{"q": {"报道"}},
		{"q": {`"相关工作稳步推进"`}, "category": {"科技"}, "size": {"0"}},
		{"q": {"卫星"}, "from": {"2024-03-01"}, "to": {"2024-08-31"}, "facets": {"0"}},
	} {
		for interval, key := range keyOf {
			p := url.Values{"histogram": {interval}}
			for k, v := range params {
				p[k] = v
			}
			res := searchAPI(t, st.url, p)
			truth := map[string]int{}
			for _, id := range exportIDs(t, st.url, params) {
				d, _ := time.Parse(time.RFC3339, articleDate(arts, id))
				truth[key(d.In(e2eZone))]++
			}
			sum := 0
			for i, b := range res.Facets.Histogram {
				sum += b.Count
				if b.Count != truth[b.Key] {
					t.Errorf("%v: bucket %s holds %d, want %d", p, b.Key, b.Count, truth[b.Key])
				}
				if i > 0 && b.Key <= res.Facets.Histogram[i-1].Key {
					t.Errorf("%v: bucket %s after %s", p, b.Key, res.Facets.Histogram[i-1].Key)
				}
			}
			if uint64(sum+res.Facets.Undated) != res.Total || res.Total == 0 || len(truth) > len(res.Facets.Histogram) {
				t.Errorf("%v: buckets sum to %d (+%d undated), total %d", p, sum, res.Facets.Undated, res.Total)
			}
		}
	}
	status, b := call(t, http.MethodGet, st.url+"/api/search?q=x&histogram=hour", "", nil)
	if status != http.StatusBadRequest {
		t.Errorf("histogram=hour: %d %s", status, b)
	}
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

func articleDate(arts []invented, id string) string {
	for _, a := range arts {
		if a.ID == id {
			return a.Date
		}
	}
	return ""
}

// exportIDs lists the ids an export of params returns.
func exportIDs(t *testing.T, base string, params url.Values) []string {
	t.Helper()
	p := url.Values{}
	for k, v := range params {
		if k != "size" && k != "facets" {
			p[k] = v
		}
	}
	status, _, b := exportAPI(t, base, p)
	if status != http.StatusOK {
		t.Fatalf("export %v: %d", p, status)
	}
	var ids []string
	for _, r := range ndjsonRows(t, b) {
		ids = append(ids, r.ID)
	}
	return ids
}
