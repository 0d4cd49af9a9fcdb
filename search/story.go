package search

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/cluster"
)

// Story is an article's near-duplicate cluster as the index stores it:
// the cluster id its copies share, and its LSH band keys, which find the
// candidates a later copy may join (package cluster).
type Story struct {
	Cluster string
	Keys    []string
}

// OwnStory is the story of an article clustered with nothing: its own id
// as the cluster, with its band keys.
func OwnStory(a xinwen.Article) Story {
	sig := cluster.Sign(a.Title, a.Body)
	return Story{Cluster: a.ID, Keys: sig.Keys()}
}

// NewStoryDocument is NewDocument with the article's story.
func NewStoryDocument(a xinwen.Article, zone *time.Location, s Story) any {
	r := NewDocument(a, zone).(record)
	r.Cluster, r.Bands = s.Cluster, s.Keys
	return r
}

// Member is an indexed article a new one may be a copy of, with the
// cluster it belongs to.
type Member struct {
	xinwen.Article
	Cluster string
}

// MaxCandidates is how many indexed articles sharing a band key with a
// new one Candidates returns: copies share most keys and rank first.
const MaxCandidates = 20

// Candidates returns the articles of ix sharing at least one LSH band key
// with keys, those sharing most first, at most MaxCandidates: the
// articles a new one may join the cluster of.
func Candidates(ctx context.Context, ix bleve.Index, keys []string) ([]Member, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	terms := make([]query.Query, len(keys))
	for i, k := range keys {
		q := query.NewTermQuery(k)
		q.SetField(FieldBands)
		terms[i] = q
	}
	sr := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(terms), MaxCandidates, 0, false)
	sr.Fields = []string{FieldTitle, FieldBody, FieldDate, FieldCluster}
	res, err := ix.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: cluster candidates: %w", err)
	}
	out := make([]Member, 0, len(res.Hits))
	for _, h := range res.Hits {
		f := fieldsOf(h.Fields)
		date, _ := time.Parse(time.RFC3339, f.str(FieldDate))
		out = append(out, Member{Article: xinwen.Article{ID: h.ID, Title: f.str(FieldTitle), Body: f.str(FieldBody), Date: date},
			Cluster: clusterOf(h.ID, f)})
	}
	return out, nil
}
