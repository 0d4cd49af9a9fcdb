package search

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/xinwen-search/xinwen"
)

var relatedFixtures = append(slices.Clone(clusterFixtures),
	fixture{"r1", "优化营商环境新举措出台", "各地部署优化营商环境，落实国务院常务会议要求。", nil, "2024-03-07"},
	fixture{"u1", "体育总局召开会议", "会议研究足球联赛开幕安排。", nil, "2024-03-07"},
	fixture{"f1", "足球联赛开幕", "新赛季足球联赛今天开幕。", nil, "2024-03-08"},
	fixture{"f2", "天气预报：北方降温", "冷空气南下，北方大部降温。", nil, "2024-03-08"},
	fixture{"f3", "春耕备耕有序推进", "各地春耕备耕有序推进。", nil, "2024-03-09"},
)

func relatedIDs(t *testing.T, ix *Index, id string, size int) []string {
	t.Helper()
	res, err := ix.Related(context.Background(), id, size)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// An article sharing the rare words of a story comes before one sharing
// a common word; the story's own copies never appear.
func TestRelatedRanksSharedRareWords(t *testing.T) {
	ix := openFixtures(t, relatedFixtures)
	for _, id := range []string{"c1", "c2", "c3"} {
		ids := relatedIDs(t, ix, id, 10)
		if len(ids) == 0 || ids[0] != "r1" {
			t.Fatalf("Related(%s) = %v, want r1 first", id, ids)
		}
		for _, own := range []string{"c1", "c2", "c3"} {
			if slices.Contains(ids, own) {
				t.Errorf("Related(%s) = %v lists %s of its own cluster", id, ids, own)
			}
		}
		if i := slices.Index(ids, "u1"); i >= 0 && i < slices.Index(ids, "r1") {
			t.Errorf("Related(%s) = %v: u1 above r1", id, ids)
		}
	}
}

// The related stories of an article outside the cluster collapse the
// cluster into one hit, which counts its other members.
func TestRelatedCollapsesStories(t *testing.T) {
	ix := openFixtures(t, relatedFixtures)
	res, err := ix.Related(context.Background(), "r1", 5)
	if err != nil {
		t.Fatal(err)
	}
	var inCluster int
	for _, h := range res.Hits {
		if h.ID == "r1" {
			t.Errorf("r1 is related to itself: %+v", res.Hits)
		}
		if h.Cluster == "c1" {
			inCluster++
			if h.Duplicates != 2 {
				t.Errorf("hit %s of c1: duplicates %d, want 2", h.ID, h.Duplicates)
			}
		}
	}
	if inCluster != 1 {
		t.Errorf("Related(r1) shows %d hits of cluster c1, want 1: %+v", inCluster, res.Hits)
	}
}

func TestRelatedErrors(t *testing.T) {
	ix := openFixtures(t, relatedFixtures)
	if _, err := ix.Related(context.Background(), "nope", 5); !errors.Is(err, xinwen.ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
	if _, err := ix.Related(context.Background(), "c1", xinwen.MaxRelatedSize+1); !errors.Is(err, xinwen.ErrBadQuery) {
		t.Errorf("size too big: %v, want ErrBadQuery", err)
	}
	if ids := relatedIDs(t, ix, "c1", 1); len(ids) != 1 {
		t.Errorf("size 1: %v", ids)
	}
}
