package search

import (
	"fmt"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// A date filter read from the facet tables finds exactly what Bleve's
// range over the datetime field finds: day bounds as the API reads bare
// dates, a bound on an article's own instant (inclusive), open bounds,
// undated articles (never in a range), and bounds the tables cannot
// decide (a fraction of a second), which go to Bleve.
func TestDateFilterFromTables(t *testing.T) {
	var docs []fixture
	for i := range 40 {
		date := time.Date(2024, 1, 1+i%20, 0, 0, 0, 0, shanghai).Format("2006-01-02")
		if i%9 == 0 {
			date = ""
		}
		docs = append(docs, fixture{id: fmt.Sprintf("d%02d", i), title: "标题", body: "正文", date: date})
	}
	ix := openFixtures(t, docs)
	if t0, _, ok := tableOf(mustReader(t, ix.shards[0])); !ok || t0.secs == nil {
		t.Fatal("the shard's facet table has no dates")
	}
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, shanghai) }
	end := func(d int) time.Time { return day(d).AddDate(0, 0, 1).Add(-time.Nanosecond) }
	for _, b := range []struct{ from, to time.Time }{
		{day(3), end(7)},
		{day(3), time.Time{}},
		{time.Time{}, end(10)},
		{day(5), day(5).Add(time.Second - time.Nanosecond)},
		{day(20), end(25)},
		{day(2).Add(time.Second / 2), end(4)}, // Bleve decides
		{day(2), day(6)},                      // Bleve decides: day 6's midnight counts
	} {
		// Under global scoring too, as searches run: Bleve's range, where
		// it answers, needs the date field's statistics gathered.
		if got := run(t, ix, bleve.NewConjunctionQuery(bleve.NewMatchAllQuery(), query.Query(&dateRangeQuery{from: b.from, to: b.to}))); len(got) == 0 && b.from.Day() < 20 {
			t.Errorf("%v..%v under global scoring: nothing", b.from, b.to)
		}
		incl := true
		ref := bleve.NewDateRangeInclusiveQuery(b.from, b.to, &incl, &incl)
		ref.SetField(FieldDate)
		ref.SetBoost(0)
		want := searchScores(t, t.Context(), ix.alias, bleve.NewConjunctionQuery(bleve.NewMatchAllQuery(), ref))
		got := searchScores(t, t.Context(), ix.alias, bleve.NewConjunctionQuery(bleve.NewMatchAllQuery(), query.Query(&dateRangeQuery{from: b.from, to: b.to})))
		if keys(got) != keys(want) || len(want) == 0 && b.from.Day() < 20 {
			t.Errorf("%v..%v: %s, Bleve %s", b.from, b.to, keys(got), keys(want))
		}
	}
}
