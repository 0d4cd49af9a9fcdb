package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
)

// floodArticles are n articles dated in June 2024 about a flood, a story
// the invented corpus does not otherwise tell.
func floodArticles(n int) []invented {
	out := make([]invented, n)
	start := time.Date(2024, 6, 2, 8, 0, 0, 0, e2eZone)
	for i := range out {
		out[i] = invented{
			ID:         fmt.Sprintf("flood%03d", i+1),
			Title:      fmt.Sprintf("洪水过后堤坝加固第%d报", i+1),
			Body:       "本台报道，洪水退去后，堤坝加固工程全面展开，救援队伍连夜转移群众。",
			Date:       start.Add(time.Duration(i) * 20 * time.Hour).Format(time.RFC3339),
			Categories: []string{"社会", "民生"},
			Source:     "测试通讯社",
		}
	}
	return out
}

func getJSON(t *testing.T, base, path string, params url.Values, out any) {
	t.Helper()
	status, b := call(t, http.MethodGet, base+path+"?"+params.Encode(), "", nil)
	if status != http.StatusOK {
		t.Fatalf("%s %v: %d %s", path, params, status, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%s %v: %v", path, params, err)
	}
}

// checkTerms: no stop word, nothing shorter than minLen, and each term's
// counts consistent: within the matches and within the index, and its
// count what a search for it among the matches reports.
func checkTerms(t *testing.T, base string, params url.Values, res *xinwen.TermsResult, minLen int) {
	t.Helper()
	if len(res.Terms) == 0 {
		t.Fatalf("terms %v: none", params)
	}
	for _, term := range res.Terms {
		if utf8.RuneCountInString(term.Term) < minLen || term.Term == "的" || term.Term == "了" {
			t.Errorf("terms %v: %q is a stop word or too short", params, term.Term)
		}
		if term.Count == 0 || term.Count > res.Total || term.Count > term.Background || term.Background > res.Background || term.Score <= 0 {
			t.Errorf("terms %v: %+v inconsistent with total %d, background %d", params, term, res.Total, res.Background)
		}
	}
}

// TestTermsThroughHTTP: the significant terms of a category are its
// topic's words, counted exactly; a phrase query's too; stop words and
// single characters never appear unless min_length=1 asks for characters.
func TestTermsThroughHTTP(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, append(inventArticles("t", "要闻", 600, 2), floodArticles(30)...))
	st := newStack(t, dir, "")

	sport := url.Values{"category": {"体育"}, "size": {"5"}}
	var res xinwen.TermsResult
	getJSON(t, st.url, "/api/terms", sport, &res)
	checkTerms(t, st.url, sport, &res, 2)
	top := res.Terms[0]
	if top.Term != "联赛" || top.Count != res.Total || top.Background != res.Total || res.Total != 100 {
		t.Errorf("terms %v: top %+v of %d matches, want 联赛 in all 100", sport, top, res.Total)
	}
	if truth := searchAPI(t, st.url, url.Values{"q": {"联赛"}, "category": {"体育"}, "size": {"0"}}).Total; top.Count != truth {
		t.Errorf("terms %v: 联赛 counted %d, search says %d", sport, top.Count, truth)
	}

	phrase := url.Values{"q": {`"堤坝加固"`}, "from": {"2024-06-01"}, "to": {"2024-07-31"}}
	getJSON(t, st.url, "/api/terms", phrase, &res)
	checkTerms(t, st.url, phrase, &res, 2)
	if res.Total != 30 || res.Sample != 30 {
		t.Errorf("terms %v: total %d sample %d, want 30", phrase, res.Total, res.Sample)
	}
	found := map[string]xinwen.Term{}
	for _, term := range res.Terms {
		found[term.Term] = term
	}
	if f := found["洪水"]; f.Count != 30 || f.Background != 30 {
		t.Errorf("terms %v: 洪水 %+v, want 30 of 30", phrase, f)
	}

	one := url.Values{"category": {"体育"}, "size": {"100"}, "min_length": {"1"}}
	getJSON(t, st.url, "/api/terms", one, &res)
	checkTerms(t, st.url, one, &res, 1)
}

// TestTrendsThroughHTTP: the flood of June 2024 rises against May, with
// both counts right; the windows are as long as each other.
func TestTrendsThroughHTTP(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, append(inventArticles("t", "要闻", 600, 2), floodArticles(30)...))
	st := newStack(t, dir, "")

	params := url.Values{"from": {"2024-06-01"}, "to": {"2024-06-30"}, "size": {"5"}}
	var res xinwen.TrendsResult
	getJSON(t, st.url, "/api/trends", params, &res)
	if len(res.Terms) == 0 {
		t.Fatalf("trends %v: none", params)
	}
	top := res.Terms[0]
	if top.Count != 30 || top.Previous != 0 {
		t.Errorf("trends %v: top %+v, want a flood word 30 against 0", params, top)
	}
	if res.PreviousFrom != "2024-05-02T00:00:00+08:00" || res.PreviousTo != "2024-05-31T23:59:59+08:00" {
		t.Errorf("trends %v: previous window %s..%s", params, res.PreviousFrom, res.PreviousTo)
	}
	window := searchAPI(t, st.url, url.Values{"from": {"2024-06-01"}, "to": {"2024-06-30"}, "size": {"0"}}).Total
	before := searchAPI(t, st.url, url.Values{"from": {"2024-05-02"}, "to": {"2024-05-31"}, "size": {"0"}}).Total
	if res.Total != window || res.PreviousTotal != before {
		t.Errorf("trends %v: totals %d/%d, searches say %d/%d", params, res.Total, res.PreviousTotal, window, before)
	}
	for _, tr := range res.Terms {
		if utf8.RuneCountInString(tr.Term) < 2 || tr.Count > res.Total || tr.Previous > res.PreviousTotal || tr.Score <= 0 {
			t.Errorf("trends %v: %+v inconsistent", params, tr)
		}
	}
	for _, bad := range []url.Values{{"from": {"2024-06-01"}}, {"from": {"2024-06-01"}, "to": {"2024-06-30"}, "size": {"101"}}} {
		if status, b := call(t, http.MethodGet, st.url+"/api/trends?"+bad.Encode(), "", nil); status != http.StatusBadRequest {
			t.Errorf("trends %v: %d %s, want 400", bad, status, b)
		}
	}
}
