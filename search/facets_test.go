package search

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/syntax"
)

// TestFacetTablesAgreeWithBleve counts facets both ways, xinwen's tables
// and Bleve's own term facet, for queries of every shape.
func TestFacetTablesAgreeWithBleve(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	if len(ix.facets.bySeg) != 2 {
		t.Fatalf("%d facet tables, want one per shard", len(ix.facets.bySeg))
	}
	reqs := []xinwen.SearchRequest{
		{}, {Query: "人工智能"}, {Query: "足球"}, {Query: `"民币"`}, {Query: "人民"},
		{Categories: []string{"科技"}}, {Query: "新能源 汽车", Page: 2, Size: 1},
		{Sort: xinwen.SortDate, Size: 2},
	}
	for _, req := range reqs {
		got := search(t, ix, req).Facets
		want := bleveFacets(t, ix, req)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v:\n tables %v\n bleve  %v", req, got, want)
		}
	}
}

// bleveFacets runs req's query with Bleve's term facet on the facet field.
func bleveFacets(t *testing.T, ix *Index, req xinwen.SearchRequest) xinwen.Facets {
	t.Helper()
	req, err := normalize(req)
	if err != nil {
		t.Fatal(err)
	}
	p, err := analyze(syntax.Parse(req.Query))
	if err != nil {
		t.Fatal(err)
	}
	q := buildQuery(p, req)
	sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sr.AddFacet("f", bleve.NewFacetRequest(FieldFacet, 10000))
	res, err := ix.alias.SearchInContext(ix.globalScoring(context.Background()), sr)
	if err != nil {
		t.Fatal(err)
	}
	ft := &facetTables{ids: map[string]uint32{}}
	fc := ft.newCount("", false)
	for _, term := range res.Facets["f"].Terms.Terms() {
		fc.other[term.Term] = term.Count
	}
	return fc.facets(xinwen.DefaultFacetSize)
}

// Date order reads each hit's sortkey from the facet tables (dateOrder):
// it must give the order Bleve's sort on the sortkey doc values gives,
// with facets and collapsing on or off (the counter that sets the values
// runs either way).
func TestDateOrderFromTables(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	sr := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 100, 0, false)
	sr.SortByCustom(bsearch.SortOrder{&bsearch.SortField{Field: FieldSortKey, Type: bsearch.SortFieldAsString, Desc: true, Missing: bsearch.SortFieldMissingLast}})
	res, err := ix.alias.SearchInContext(t.Context(), sr)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, h := range res.Hits {
		want = append(want, h.ID)
	}
	if len(want) < 3 {
		t.Fatalf("fixtures give %d hits", len(want))
	}
	for _, req := range []xinwen.SearchRequest{
		{Sort: xinwen.SortDate, Size: 100, NoCollapse: true},
		{Sort: xinwen.SortDate, Size: 100, NoCollapse: true, NoFacets: true},
	} {
		if got := ids(search(t, ix, req)); !slices.Equal(got, want) {
			t.Errorf("%+v: %v, want %v", req, got, want)
		}
	}
}
