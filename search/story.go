package search

import (
	"time"

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
