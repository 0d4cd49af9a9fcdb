package search

import (
	"context"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/xinwen-search/xinwen"
)

// TestStoredFieldsAsBleve checks that a hit's stored fields read from its
// segment are those Bleve loads for its id, every field of every fixture
// (the undated one too), and that the segment path is taken.
func TestStoredFieldsAsBleve(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	sr := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), len(newsFixtures), 0, false)
	res, err := ix.alias.SearchInContext(context.Background(), sr)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(newsFixtures) {
		t.Fatalf("%d hits, want %d", len(res.Hits), len(newsFixtures))
	}
	for _, h := range res.Hits {
		got, ok := ix.stored.fields(h, storedFields)
		if !ok {
			t.Errorf("%s: not read from its segment", h.ID)
			continue
		}
		want := bleveFields(t, ix, h.ID)
		if !reflect.DeepEqual(map[string]any(got), map[string]any(want)) {
			t.Errorf("%s: from the segment %v, from Bleve %v", h.ID, got, want)
		}
		if got.str(FieldTitle) == "" || got.str(FieldBody) == "" {
			t.Errorf("%s: no title or body: %v", h.ID, got)
		}
	}
}

func bleveFields(t *testing.T, ix *Index, id string) fieldsOf {
	t.Helper()
	sr := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	sr.Fields = storedFields
	res, err := ix.alias.SearchInContext(context.Background(), sr)
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("load %s: %v, %d hits", id, err, len(res.Hits))
	}
	return res.Hits[0].Fields
}

// TestHitIDsResolved checks that every shown hit carries its own id,
// whatever kept the collector's ids unresolved: collapsed pages, a page
// past the first, the as-typed check's window, date order, a histogram.
func TestHitIDsResolved(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	titles := map[string]string{}
	for _, f := range newsFixtures {
		titles[f.id] = f.title
	}
	for _, req := range []xinwen.SearchRequest{
		{Query: "人工智能"},
		{Query: "足球", Size: 1, Page: 2},
		{Query: "新能源汽车"}, // jieba cuts it: the as-typed check runs
		{Query: "汽车", Sort: xinwen.SortDate},
		{Query: "上海", Histogram: "month"},
		{Query: "人民", NoFacets: true},
	} {
		res := search(t, ix, req)
		if len(res.Hits) == 0 {
			t.Errorf("%+v: no hits", req)
		}
		for _, h := range res.Hits {
			if want, ok := titles[h.ID]; !ok || h.Title != want {
				t.Errorf("%+v: hit %q titled %q, want the title of %q (%q)", req, h.ID, h.Title, h.ID, want)
			}
		}
	}
}
