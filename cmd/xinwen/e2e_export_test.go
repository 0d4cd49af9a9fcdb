package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
)

// exportAPI runs GET /api/export and returns the response's X-Total-Count
// and body.
func exportAPI(t *testing.T, base string, params url.Values) (int, uint64, []byte) {
	t.Helper()
	resp, err := e2eClient.Get(base + "/api/export?" + params.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatalf("export %v: read: %v", params, err)
	}
	n, _ := strconv.ParseUint(resp.Header.Get("X-Total-Count"), 10, 64)
	return resp.StatusCode, n, b.Bytes()
}

func ndjsonRows(t *testing.T, b []byte) []xinwen.ExportRow {
	t.Helper()
	var rows []xinwen.ExportRow
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r xinwen.ExportRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("row %q: %v", sc.Text(), err)
		}
		rows = append(rows, r)
	}
	return rows
}

// TestExportEveryMatch: for filtered word and phrase queries in both
// orders, the export holds exactly the search's total, each article once,
// and exactly the articles the fixtures say match (more than one page of
// the export's internal paging, so the search_after walk is exercised).
func TestExportEveryMatch(t *testing.T) {
	dir := t.TempDir()
	arts := inventArticles("e", "要闻", 1300, 2)
	buildIndex(t, dir, arts)
	st := newStack(t, dir, "")
	cases := []struct {
		params url.Values
		truth  func(invented) bool
	}{
		{url.Values{"q": {"报道"}}, func(invented) bool { return true }},
		{url.Values{"q": {"报道"}, "sort": {"date"}}, func(invented) bool { return true }},
		{url.Values{"q": {`"相关工作稳步推进"`}, "category": {"科技"}},
			func(a invented) bool {
				return strings.Contains(a.Body, "相关工作稳步推进") && a.Categories[0] == "科技"
			}},
		{url.Values{"q": {`"数据显示同比增长"`}, "from": {"2024-02-01"}, "to": {"2024-09-30"}},
			func(a invented) bool {
				return strings.Contains(a.Body, "数据显示同比增长") && a.Date >= "2024-02-01" && a.Date < "2024-10-01"
			}},
		{url.Values{"category": {"体育"}}, func(a invented) bool { return a.Categories[0] == "体育" }},
	}
	for _, c := range cases {
		truth := map[string]bool{}
		for _, a := range arts {
			if c.truth(a) {
				truth[a.ID] = true
			}
		}
		total := searchAPI(t, st.url, c.params).Total
		status, header, b := exportAPI(t, st.url, c.params)
		if status != http.StatusOK {
			t.Fatalf("export %v: %d %s", c.params, status, b)
		}
		rows := ndjsonRows(t, b)
		seen := map[string]bool{}
		for _, r := range rows {
			if seen[r.ID] || !truth[r.ID] {
				t.Errorf("export %v: %s repeated or not a match", c.params, r.ID)
			}
			seen[r.ID] = true
		}
		if uint64(len(rows)) != total || header != total || len(seen) != len(truth) {
			t.Errorf("export %v: %d rows, X-Total-Count %d, search total %d, truth %d", c.params, len(rows), header, total, len(truth))
		}
		if c.params.Get("sort") == "date" {
			for i := 1; i < len(rows); i++ {
				if rows[i].Date > rows[i-1].Date {
					t.Fatalf("export %v: row %d newer than the one before", c.params, i)
				}
			}
		}
	}
}

// TestExportCSV: a header row, a BOM on bom=1, the body column on
// fields=body, one record per match.
func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	arts := inventArticles("c", "要闻", 30, 1)
	buildIndex(t, dir, arts)
	st := newStack(t, dir, "")
	status, total, b := exportAPI(t, st.url, url.Values{"q": {"卫星"}, "format": {"csv"}, "bom": {"1"}, "fields": {"body"}})
	if status != http.StatusOK || !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Fatalf("csv export: %d, starts %q", status, b[:min(len(b), 10)])
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "id,date,title,url,categories,source,body" {
		t.Errorf("header %v", recs[0])
	}
	if total == 0 || uint64(len(recs)-1) != total {
		t.Errorf("%d records for a total of %d", len(recs)-1, total)
	}
	if !strings.Contains(recs[1][6], "卫星") || recs[1][4] != "科技/通信" {
		t.Errorf("first record %v", recs[1])
	}
}

// TestExportBadParams: every rule of a search, and the export's own, is a
// 400 before anything streams.
func TestExportBadParams(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("b", "要闻", 5, 1))
	st := newStack(t, dir, "")
	for _, p := range []url.Values{
		{"format": {"xml"}}, {"fields": {"nope"}}, {"bom": {"maybe"}}, {"sort": {"popular"}},
		{"from": {"2024-03-01"}, "to": {"2024-01-01"}}, {"q": {strings.Repeat("长", xinwen.MaxQueryRunes+1)}},
	} {
		status, _, b := exportAPI(t, st.url, p)
		if status != http.StatusBadRequest || !strings.Contains(string(b), `"error"`) {
			t.Errorf("export %v: %d %s, want a 400", p, status, b)
		}
	}
}
