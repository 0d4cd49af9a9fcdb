package search

import (
	"context"
	"slices"
	"testing"

	"github.com/xinwen-search/xinwen"
)

var clusterFixtures = []fixture{
	{"c1", "国务院常务会议部署营商环境", "会议研究部署优化营商环境。", nil, "2024-03-04"},
	{"c2", "国常会：优化营商环境", "会议研究部署优化营商环境。", nil, "2024-03-05"},
	{"c3", "國務院常務會議部署營商環境", "會議研究部署優化營商環境。", nil, "2024-03-06"},
	{"x1", "营商环境评价发布", "另一篇报道。", nil, "2024-03-06"},
}

// Every hit and every article carry their cluster; an article lists the
// other members, oldest first; an article without a stored cluster is its
// own.
func TestClusterOnHitsAndGet(t *testing.T) {
	ix := openFixtures(t, clusterFixtures)
	res := search(t, ix, xinwen.SearchRequest{Query: "营商环境", Size: 10})
	for _, h := range res.Hits {
		want := map[string]string{"c1": "c1", "c2": "c1", "c3": "c1", "x1": "x1"}[h.ID]
		if h.Cluster != want {
			t.Errorf("hit %s: cluster %q, want %q", h.ID, h.Cluster, want)
		}
	}
	d, err := ix.Get(context.Background(), "c2")
	if err != nil {
		t.Fatal(err)
	}
	if d.Cluster != "c1" || !slices.Equal(d.Duplicates, []string{"c1", "c3"}) {
		t.Errorf("Get(c2): cluster %q duplicates %v, want c1 and [c1 c3]", d.Cluster, d.Duplicates)
	}
	d, err = ix.Get(context.Background(), "x1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Cluster != "x1" || len(d.Duplicates) != 0 || d.Duplicates == nil {
		t.Errorf("Get(x1): cluster %q duplicates %#v, want x1 and []", d.Cluster, d.Duplicates)
	}
}
