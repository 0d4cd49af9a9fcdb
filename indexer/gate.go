package indexer

import (
	"fmt"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/cluster"
	"github.com/xinwen-search/xinwen/search"
)

// Gate applies the ingest rules to the parsed articles of one unit of
// work, a batch build or one write request, in the order they come: an
// article is refused when its id was admitted before in the unit. Every
// admitted article gets its story (Story): near-duplicates, the same
// wire story retitled or trimmed, or one title on one day, share one
// cluster; nothing is dropped for repeating a story. The batch build and
// HTTP writes both pass every article through a Gate, so the two admit
// the same articles.
type Gate struct {
	unit     string // "run" or "request", as reasons name it
	seen     map[string]struct{}
	clusters *cluster.Index // nil: every article its own story
	// lookup finds the articles of an existing generation that share band
	// keys with a new one, given its band hashes; nil when there is none
	// (a rebuild).
	lookup func(bands []uint64) ([]search.Member, error)
	loaded map[string]struct{} // ids of the generation already in clusters
}

// NewGate starts a unit of work named unit ("run", "request") in skip
// reasons; dates are read in zone for the stories' days. noClusters
// makes every article its own story.
func NewGate(zone *time.Location, unit string, noClusters bool) *Gate {
	g := &Gate{unit: unit, seen: map[string]struct{}{}}
	if !noClusters {
		g.clusters = cluster.NewIndex(zone)
	}
	return g
}

// Skip is why a Gate refused an article: Reason is its category, as the
// summary counts it, and Err the details.
type Skip struct {
	Reason string
	Err    error
}

func (s *Skip) Error() string { return s.Err.Error() }
func (s *Skip) Unwrap() error { return s.Err }

// Admit returns nil and remembers a when the rules accept it, else a
// *Skip saying why not.
func (g *Gate) Admit(a xinwen.Article) error {
	if _, dup := g.seen[a.ID]; dup {
		return &Skip{reasonDuplicate, fmt.Errorf("id %q seen before in this %s", a.ID, g.unit)}
	}
	g.seen[a.ID] = struct{}{}
	return nil
}

// Existing makes the gate's articles join the clusters of an existing
// generation, whose articles sharing band keys with a new one lookup
// returns (an incremental run).
func (g *Gate) Existing(lookup func(bands []uint64) ([]search.Member, error)) {
	g.lookup, g.loaded = lookup, map[string]struct{}{}
}

// Story assigns an admitted article its cluster, against every article
// of the unit given a story before it and the existing generation's
// candidates: the cluster of its most similar earlier copy, else its own
// id. Call it once an article, in the order they are indexed, so the same
// input always gives the same clusters.
func (g *Gate) Story(a xinwen.Article) (search.Story, error) {
	it := cluster.NewItem(a.ID, a.Date, a.Title, a.Body)
	bands := it.Sig.BandHashes()
	if g.clusters == nil {
		return search.Story{Cluster: a.ID, Bands: bands}, nil
	}
	if g.lookup != nil {
		ms, err := g.lookup(bands)
		if err != nil {
			return search.Story{}, err
		}
		for _, m := range ms {
			if _, ok := g.loaded[m.ID]; !ok && g.clusters.Cluster(m.ID) == "" {
				g.loaded[m.ID] = struct{}{}
				g.clusters.Load(cluster.NewItem(m.ID, m.Date, m.Title, m.Body), m.Cluster)
			}
		}
	}
	return search.Story{Cluster: g.clusters.Add(it), Bands: bands}, nil
}
