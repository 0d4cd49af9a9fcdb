package search

import (
	"context"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
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
