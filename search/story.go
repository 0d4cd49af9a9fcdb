package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/cluster"
	"github.com/xinwen-search/xinwen/cluster/bands"
	"github.com/xinwen-search/xinwen/generation"
)

// Story is an article's near-duplicate cluster as the index keeps it:
// the cluster id its copies share, and the hashes of its LSH bands
// (cluster.Signature.BandHashes), which find the candidates a later copy
// may join: in the generation's band table (package bands), or the
// overlay's bands field.
type Story struct {
	Cluster string
	Bands   []uint64
}

// OwnStory is the story of an article clustered with nothing: its own id
// as the cluster, with its bands.
func OwnStory(a xinwen.Article) Story {
	sig := cluster.Sign(a.Title, a.Body)
	return Story{Cluster: a.ID, Bands: sig.BandHashes()}
}

// NewStoryDocument is NewDocument with the article's cluster. Its bands
// are not in the document: a batch build writes them to the generation's
// band table.
func NewStoryDocument(a xinwen.Article, zone *time.Location, s Story) any {
	r := NewDocument(a, zone).(record)
	r.Cluster = s.Cluster
	return r
}

// newOverlayDocument is NewStoryDocument for the overlay, which has no
// band table and keeps the band keys in its bands field.
func newOverlayDocument(a xinwen.Article, zone *time.Location, s Story) record {
	r := NewStoryDocument(a, zone, s).(record)
	r.Bands = cluster.KeyStrings(s.Bands)
	return r
}

// Member is an indexed article a new one may be a copy of, with the
// cluster it belongs to.
type Member struct {
	xinwen.Article
	Cluster string
}

// MaxCandidates is how many indexed articles sharing a band key with a
// new one a lookup returns: copies share most keys and rank first.
const MaxCandidates = 20

// Members returns the articles of ix with ids, in that order, with their
// clusters; an id ix does not hold is left out.
func Members(ctx context.Context, ix bleve.Index, ids []string) ([]Member, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	sr := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	sr.Fields = memberFields
	res, err := ix.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: cluster candidates: %w", err)
	}
	at := make(map[string]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	out := members(res)
	slices.SortFunc(out, func(a, b Member) int { return at[a.ID] - at[b.ID] })
	return out, nil
}

var memberFields = []string{FieldTitle, FieldBody, FieldDate, FieldCluster}

func members(res *bleve.SearchResult) []Member {
	out := make([]Member, 0, len(res.Hits))
	for _, h := range res.Hits {
		f := fieldsOf(h.Fields)
		date, _ := time.Parse(time.RFC3339, f.str(FieldDate))
		out = append(out, Member{Article: xinwen.Article{ID: h.ID, Title: f.str(FieldTitle), Body: f.str(FieldBody), Date: date},
			Cluster: clusterOf(h.ID, f)})
	}
	return out
}

// overlayCandidates returns the articles of the overlay ix sharing at
// least one band key with the band hashes hs, those sharing most first,
// at most MaxCandidates.
func overlayCandidates(ctx context.Context, ix bleve.Index, hs []uint64) ([]Member, error) {
	keys := cluster.KeyStrings(hs)
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
	sr.Fields = memberFields
	res, err := ix.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: overlay cluster candidates: %w", err)
	}
	return members(res), nil
}

// bandTable is a generation's band table, opened on first use: only a
// write over HTTP looks copies up in it, a search never does.
type bandTable struct {
	path string
	once sync.Once
	t    *bands.Table
	err  error
}

func newBandTable(gen string) *bandTable {
	return &bandTable{path: filepath.Join(gen, generation.BandsFile)}
}

var errBandTableClosed = errors.New("search: band table closed")

func (bt *bandTable) table() (*bands.Table, error) {
	bt.once.Do(func() {
		if bt.t, bt.err = bands.Open(bt.path); bt.err != nil {
			bt.err = fmt.Errorf("search: the generation's band table (rebuild the index): %w", bt.err)
		}
	})
	return bt.t, bt.err
}

// close unmaps the table; called once no query uses it.
func (bt *bandTable) close() error {
	bt.once.Do(func() { bt.err = errBandTableClosed })
	return bt.t.Close()
}
