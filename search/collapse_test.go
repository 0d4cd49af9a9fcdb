package search

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
)

// A search shows one hit per story with the count of its other matches;
// total counts articles and total_clusters stories; collapse=false and a
// cluster filter list every member.
func TestCollapse(t *testing.T) {
	ix := openFixtures(t, clusterFixtures)
	res := search(t, ix, xinwen.SearchRequest{Query: "营商环境"})
	if res.Total != 4 || res.TotalClusters != 2 || len(res.Hits) != 2 {
		t.Fatalf("collapsed: total %d clusters %d hits %v, want 4, 2 and two hits", res.Total, res.TotalClusters, ids(res))
	}
	for _, h := range res.Hits {
		if want := map[string]int{"c1": 2, "x1": 0}[h.Cluster]; h.Duplicates != want {
			t.Errorf("hit %s of %s: duplicates %d, want %d", h.ID, h.Cluster, h.Duplicates, want)
		}
	}
	all := search(t, ix, xinwen.SearchRequest{Query: "营商环境", NoCollapse: true})
	if all.Total != 4 || len(all.Hits) != 4 {
		t.Errorf("collapse=false: total %d hits %v, want all 4", all.Total, ids(all))
	}
	members := search(t, ix, xinwen.SearchRequest{Query: "营商环境", Cluster: "c1"})
	if !sameSet(ids(members), []string{"c1", "c2", "c3"}) {
		t.Errorf("cluster=c1: %v, want c1 c2 c3", ids(members))
	}
	// The best-ranked member leads its story.
	if all.Hits[0].Cluster == "c1" && res.Hits[0].ID != all.Hits[0].ID && res.Hits[1].ID != all.Hits[0].ID {
		t.Errorf("collapsed hits %v do not lead with the best-ranked member %s", ids(res), all.Hits[0].ID)
	}
}

// Pages and cursors of a collapsed search never show a story twice, in
// relevance and in date order.
func TestCollapsedPaging(t *testing.T) {
	ix := openFixtures(t, clusterFixtures)
	for _, sort := range []string{xinwen.SortRelevance, xinwen.SortDate} {
		seen := map[string]bool{}
		for page := 1; page <= 3; page++ {
			res := search(t, ix, xinwen.SearchRequest{Query: "营商环境", Sort: sort, Page: page, Size: 1})
			for _, h := range res.Hits {
				if seen[h.Cluster] {
					t.Errorf("%s page %d repeats story %s", sort, page, h.Cluster)
				}
				seen[h.Cluster] = true
			}
		}
		if len(seen) != 2 {
			t.Errorf("%s pages showed %d stories, want 2", sort, len(seen))
		}
	}
	seen, after := map[string]bool{}, ""
	for range 4 {
		res := search(t, ix, xinwen.SearchRequest{Query: "营商环境", Sort: xinwen.SortDate, Size: 1, After: after})
		for _, h := range res.Hits {
			if seen[h.Cluster] {
				t.Errorf("cursor page repeats story %s", h.Cluster)
			}
			seen[h.Cluster] = true
		}
		if after = res.NextCursor; after == "" {
			break
		}
	}
	if len(seen) != 2 {
		t.Errorf("cursor pages showed %d stories, want 2", len(seen))
	}
}

// A cluster only one tabled document holds needs no count of its copies;
// one the tables do not know (an untabled reader's) may have some.
func TestSharedClusters(t *testing.T) {
	cn := clusterNames{ids: map[string]uint32{}}
	cn.member("a")
	cn.member("b")
	cn.member("b")
	for name, want := range map[string]bool{"a": false, "b": true, "overlay-only": true} {
		if got := cn.shared(name); got != want {
			t.Errorf("shared(%q) = %v, want %v", name, got, want)
		}
	}
}

// A collapsed hit's duplicates are the other matches of its story, as
// the uncollapsed list has them: in relevance and date order, on cursor
// pages, and with articles written over HTTP, one of them replacing a
// member of a story (its generation copy no longer counts).
func TestCollapsedDuplicatesCountMatches(t *testing.T) {
	root := t.TempDir()
	writeGeneration(t, root, generation.Prefix+"a", clusterFixtures)
	publishForTest(t, root, generation.Prefix+"a")
	live := reopenLive(t, root)
	err := live.Ingest(context.Background(), []xinwen.Article{
		article("c2", "国常会：优化营商环境", "会议研究部署优化营商环境。", "财经"),
		article("o1", "营商环境再优化", "会议研究部署优化营商环境。", "财经"),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"营商环境", "会议", "部署 环境"} {
		all := search(t, live, xinwen.SearchRequest{Query: q, NoCollapse: true, Size: 50})
		matches := map[string]int{}
		for _, h := range all.Hits {
			matches[h.Cluster]++
		}
		check := func(req xinwen.SearchRequest) *xinwen.Result {
			res := search(t, live, req)
			for _, h := range res.Hits {
				if want := matches[h.Cluster] - 1; h.Duplicates != want {
					t.Errorf("%q sort %q after %q: hit %s of %s: duplicates %d, want %d", q, req.Sort, req.After, h.ID, h.Cluster, h.Duplicates, want)
				}
			}
			return res
		}
		check(xinwen.SearchRequest{Query: q})
		check(xinwen.SearchRequest{Query: q, Sort: xinwen.SortDate, Size: 1, Page: 2})
		after := ""
		for range 4 {
			if after = check(xinwen.SearchRequest{Query: q, Sort: xinwen.SortDate, Size: 1, After: after}).NextCursor; after == "" {
				break
			}
		}
	}
}

// A collapsed page is the page of stories cut from the whole ranked list,
// whatever the first window holds: here three stories of ten copies each,
// in an index of few copies, so the first window of a later page holds too
// few stories and is widened.
func TestCollapsedPagesCutFromAllStories(t *testing.T) {
	var docs []fixture
	for k := range 3 {
		for i := range 10 {
			id := fmt.Sprintf("w%d%d", k, i)
			fixtureClusters[id] = fmt.Sprintf("w%d0", k)
			docs = append(docs, fixture{id, fmt.Sprintf("营商环境报道%d", k), "会议研究部署优化营商环境。", nil, fmt.Sprintf("2024-03-%02d", 1+10*k+i)})
		}
	}
	for n := range 100 {
		id := fmt.Sprintf("z%d", n)
		fixtureClusters[id] = id
		docs = append(docs, fixture{id, "无关报道", fmt.Sprintf("第%d号无关报道。", n), nil, "2024-02-01"})
	}
	t.Cleanup(func() {
		for _, d := range docs {
			delete(fixtureClusters, d.id)
		}
	})
	ix := openFixtures(t, docs)
	all := search(t, ix, xinwen.SearchRequest{Query: "营商环境", Sort: xinwen.SortDate, NoCollapse: true, Size: 100})
	var stories []string
	seen := map[string]bool{}
	for _, h := range all.Hits {
		if !seen[h.Cluster] {
			seen[h.Cluster] = true
			stories = append(stories, h.ID)
		}
	}
	if len(stories) != 3 {
		t.Fatalf("uncollapsed list leads %v, want three stories", stories)
	}
	for _, size := range []int{1, 2, 3} {
		for page := 1; page <= 4; page++ {
			res := search(t, ix, xinwen.SearchRequest{Query: "营商环境", Sort: xinwen.SortDate, Page: page, Size: size})
			want := stories[min(len(stories), (page-1)*size):min(len(stories), page*size)]
			if got := ids(res); !slices.Equal(got, want) {
				t.Errorf("size %d page %d: %v, want %v", size, page, got, want)
			}
			for _, h := range res.Hits {
				if h.Duplicates != 9 {
					t.Errorf("size %d page %d: %s has %d duplicates, want 9", size, page, h.ID, h.Duplicates)
				}
			}
			if res.TotalClusters != 3 || res.Total != 30 {
				t.Errorf("size %d page %d: total %d, clusters %d, want 30 and 3", size, page, res.Total, res.TotalClusters)
			}
		}
	}
}
