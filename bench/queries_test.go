package bench

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
)

var cst = time.FixedZone("CST", 8*3600)

func sample(t *testing.T, docs []Doc, perClass int, seed uint64) []Query {
	t.Helper()
	qs, err := SampleQueries(docs, SampleConfig{PerClass: perClass, Seed: seed, Segment: fakeSegment, Zone: cst})
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func TestSampleQueriesDrawsEveryClass(t *testing.T) {
	docs := fakeCorpus(300, 1)
	qs := sample(t, docs, 25, 7)
	count := map[string]int{}
	for _, q := range qs {
		count[q.Class]++
		if why := checkQuery(q, docs); why != "" {
			t.Errorf("%s query %q: %s", q.Class, q.Text, why)
		}
	}
	for _, c := range Classes {
		if count[c] != 25 {
			t.Errorf("%d %s queries, want 25", count[c], c)
		}
	}
	if len(qs) != 25*len(Classes) {
		t.Errorf("%d queries, want %d", len(qs), 25*len(Classes))
	}
	if qs[0].Class == qs[1].Class && qs[1].Class == qs[2].Class && qs[2].Class == qs[3].Class {
		t.Error("queries are not interleaved across classes")
	}
}

// checkQuery says what is wrong with q for its class, or "".
func checkQuery(q Query, docs []Doc) string {
	words := strings.Fields(q.Text)
	switch q.Class {
	case ClassCommon, ClassRare, ClassSortDate, ClassPage50, ClassFilter:
		if len(words) != 1 {
			return "want one word"
		}
	case ClassTwo:
		if len(words) != 2 || words[0] == words[1] {
			return "want two different words"
		}
	case ClassThree:
		if len(words) != 3 {
			return "want three words"
		}
	case ClassPhrase:
		inner := strings.Trim(q.Text, `"`)
		if n := utf8.RuneCountInString(inner); !strings.HasPrefix(q.Text, `"`) || n < 2 || n > 6 || !inBodies(inner, docs) {
			return "want a quoted run of 2-6 characters from a body"
		}
		if strings.IndexFunc(inner, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) >= 0 {
			return "phrase holds a non-Han character"
		}
	case ClassLong:
		if n := utf8.RuneCountInString(q.Text); n < 15 || n > 30 || !inBodies(q.Text, docs) {
			return "want 15-30 characters from a body"
		}
	}
	switch {
	case (q.Class == ClassSortDate) != (q.Sort == xinwen.SortDate):
		return "only sort-by-date queries sort by date"
	case (q.Class == ClassPage50) != (q.Page == 50):
		return "only page-50 queries ask for page 50"
	case (q.Class == ClassFilter) != (q.Category != "" && q.From != "" && q.To != ""):
		return "only filter queries (and all of them) have a category and dates"
	case q.From > q.To:
		return "from is after to"
	}
	return ""
}

func inBodies(s string, docs []Doc) bool {
	return slices.ContainsFunc(docs, func(d Doc) bool { return strings.Contains(d.Body, s) })
}

func TestSampleQueriesIsDeterministic(t *testing.T) {
	docs := fakeCorpus(200, 2)
	a, b := sample(t, docs, 10, 42), sample(t, docs, 10, 42)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed drew different queries")
	}
	if c := sample(t, docs, 10, 43); reflect.DeepEqual(a, c) {
		t.Error("another seed drew the same queries")
	}
}

func TestSampleQueriesSeparatesCommonFromRare(t *testing.T) {
	docs := fakeCorpus(400, 3)
	df := map[string]int{}
	for _, d := range docs {
		for _, w := range titleWords(fakeSegment(d.Title)) {
			df[w]++
		}
	}
	minCommon, maxRare := len(docs), 0
	for _, q := range sample(t, docs, 50, 5) {
		switch q.Class {
		case ClassCommon:
			minCommon = min(minCommon, df[q.Text])
		case ClassRare:
			maxRare = max(maxRare, df[q.Text])
		}
	}
	if maxRare > rareDF || minCommon <= maxRare {
		t.Errorf("common words occur in at least %d titles, rare ones in up to %d (want <= %d)", minCommon, maxRare, rareDF)
	}
}

func TestSampleQueriesRejectsBadInput(t *testing.T) {
	docs := fakeCorpus(5, 4)
	for _, tc := range []struct {
		name string
		docs []Doc
		cfg  SampleConfig
	}{
		{"no documents", nil, SampleConfig{PerClass: 1, Segment: fakeSegment}},
		{"no count", docs, SampleConfig{Segment: fakeSegment}},
		{"no segmenter", docs, SampleConfig{PerClass: 1}},
		{"no usable text", []Doc{{ID: "x", Title: "a", Body: "b"}}, SampleConfig{PerClass: 1, Segment: fakeSegment}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := SampleQueries(tc.docs, tc.cfg); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestQueryAsRequestAndURL(t *testing.T) {
	q := Query{Class: ClassFilter, Text: "山水", Category: "新闻/国内", From: "2024-03-01", To: "2024-03-31", Page: 2}
	req, err := q.Request(cst)
	if err != nil {
		t.Fatal(err)
	}
	wantFrom := time.Date(2024, 3, 1, 0, 0, 0, 0, cst)
	wantTo := time.Date(2024, 4, 1, 0, 0, 0, 0, cst).Add(-time.Nanosecond)
	if !req.From.Equal(wantFrom) || !req.To.Equal(wantTo) {
		t.Errorf("dates %v .. %v, want whole days %v .. %v", req.From, req.To, wantFrom, wantTo)
	}
	if req.Query != "山水" || !slices.Equal(req.Categories, []string{"新闻/国内"}) || req.Page != 2 || req.Size != xinwen.DefaultSize {
		t.Errorf("request %+v does not carry the query", req)
	}
	v := q.Values()
	if v.Get("q") != "山水" || v.Get("category") != "新闻/国内" || v.Get("from") != "2024-03-01" || v.Get("page") != "2" || v.Has("sort") {
		t.Errorf("URL values %v", v)
	}
	if _, err := (Query{Text: "x", From: "March"}).Request(cst); err == nil {
		t.Error("a bad date was accepted")
	}
}
