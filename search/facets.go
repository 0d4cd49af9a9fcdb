package search

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/xinwen-search/xinwen"
)

// Facets are counted by xinwen, not by Bleve. Bleve's term facets visit
// each hit's doc values and count the terms in a map of strings: a quarter
// of a query's CPU, and most of a common word's. A published generation
// never changes, so when it opens each document's facet values are read
// once into a table of small integers; a query then counts table entries
// for the hits its collector sees. Readers without a table (the ingest
// overlay, a shard of several segments) are counted through their doc
// values, as Bleve would.
//
// The tables are read from scorch's segments, the only index type xinwen
// writes. A generation whose shards are of another type was not built by
// xinwen index: Open refuses it rather than serve it at a fraction of the
// speed.

// facetTables maps each read-only segment to its documents' facet values.
type facetTables struct {
	names    []string          // value id -> "c:…" or "m:…"
	ids      map[string]uint32 // the reverse
	bySeg    map[segment.Segment]*facetTable
	field    []string
	zone     *time.Location // of the days
	clusters clusterNames
	byShard  map[string]*facetTable // shard name -> table, single-segment shards
}

// facetTable holds the value ids of document d at vals[start[d]:start[d+1]],
// and its day (histogram.go) at days[d].
type facetTable struct {
	start []uint32
	vals  []uint32
	days  []int32
	// clusters holds each document's cluster id (clusterNames), noCluster
	// when it has none.
	clusters []uint32
	// keys holds each document's sortkey ("" for none): date order reads
	// it here, not from doc values decoded hit by hit (see dateOrder).
	keys []string
	// secs holds each document's date to the second (undatedSecs for
	// none), for date filters (dateRangeQuery); nil when a sortkey could
	// not be read back.
	secs []int64
}

// newFacetTables reads the facet doc values of every document of every
// single-segment shard.
func newFacetTables(shards []bleve.Index, zone *time.Location) (*facetTables, error) {
	ft := &facetTables{ids: map[string]uint32{}, bySeg: map[segment.Segment]*facetTable{}, field: []string{FieldFacet, FieldSortKey, FieldCluster},
		zone: zone, clusters: clusterNames{ids: map[string]uint32{}}, byShard: map[string]*facetTable{}}
	for i, s := range shards {
		if err := ft.addShard(s); err != nil {
			return nil, fmt.Errorf("search: facet table of shard %d: %w", i, err)
		}
	}
	return ft, nil
}

func (ft *facetTables) addShard(s bleve.Index) error {
	adv, err := s.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return fmt.Errorf("%T is not a scorch index: rebuild the index", r)
	}
	for _, ss := range snap.Segments() {
		if err := ft.addSegment(ss.Segment()); err != nil {
			return err
		}
	}
	if segs := snap.Segments(); len(segs) == 1 {
		ft.byShard[s.Name()] = ft.bySeg[segs[0].Segment()]
	}
	return nil
}

func (ft *facetTables) addSegment(seg segment.Segment) error {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil
	}
	n := seg.Count()
	t := &facetTable{start: make([]uint32, 0, n+1), days: make([]int32, n), clusters: make([]uint32, n), keys: make([]string, n), secs: make([]int64, n)}
	var state segment.DocVisitState
	var err error
	for d := range n {
		t.start = append(t.start, uint32(len(t.vals)))
		t.days[d], t.clusters[d] = undated, noCluster
		state, err = dv.VisitDocValues(d, ft.field, func(field string, term []byte) {
			switch field {
			case FieldSortKey:
				t.keys[d] = string(term)
				t.days[d] = dayOf(t.keys[d], ft.zone)
			case FieldCluster:
				if len(term) > 0 { // written without a cluster: its own
					t.clusters[d] = ft.clusters.member(string(term))
				}
			default:
				t.vals = append(t.vals, ft.id(string(term)))
			}
		}, state)
		if err != nil {
			return err
		}
	}
	t.start = append(t.start, uint32(len(t.vals)))
	for d, key := range t.keys {
		if t.secs[d] = undatedSecs; key == "" || key[0] == '-' {
			continue // undated: sortKey
		}
		at, err := time.Parse(sortKeyLayout, key[:min(len(key), len(sortKeyLayout))])
		if err != nil {
			t.secs = nil // a date the key cannot hold: filters ask Bleve
			break
		}
		t.secs[d] = at.Unix()
	}
	ft.bySeg[seg] = t
	dateTables.Store(seg, t)
	return nil
}

// unregister drops the tables from dateTables.
func (ft *facetTables) unregister() {
	segs := make([]segment.Segment, 0, len(ft.bySeg))
	for s := range ft.bySeg {
		segs = append(segs, s)
	}
	unregisterDates(segs)
}

func (ft *facetTables) id(name string) uint32 {
	if id, ok := ft.ids[name]; ok {
		return id
	}
	id := uint32(len(ft.names))
	ft.names = append(ft.names, name)
	ft.ids[name] = id
	return id
}

// tableFor returns the table of a reader that is one tabled segment, nil
// for any other reader: its hits are counted through doc values.
func (ft *facetTables) tableFor(r index.IndexReader) *facetTable {
	ss, ok := onlySegment(r)
	if !ok {
		return nil
	}
	return ft.bySeg[ss.Segment()]
}

// hitCount gathers one search's counts from all its collectors, which
// run concurrently, one per index under the alias.
type hitCount struct {
	ft       *facetTables
	mu       sync.Mutex // guards the fields below
	counts   []int      // by value id
	other    map[string]int
	days     map[int32]int // by day, when a histogram is asked for
	interval string
	stories  *storyCount // distinct clusters, when collapsing
	// lazyIDs leaves the ids of a tabled segment's hits for the caller
	// to resolve (unresolvedID): set when the request loads no fields.
	lazyIDs bool
	// dateOrder gives every hit its sortkey as its sort value, for a
	// search sorted by dateOrder.
	dateOrder bool
}

// newCount counts facets, days when interval names a histogram's, and
// distinct clusters when stories is set.
func (ft *facetTables) newCount(interval string, stories bool) *hitCount {
	fc := &hitCount{ft: ft, counts: make([]int, len(ft.names)), other: map[string]int{}, interval: interval}
	if stories {
		fc.stories = ft.clusters.newCount()
	}
	if interval != "" {
		fc.days = map[int32]int{}
	}
	return fc
}

// handlerMaker wraps Bleve's top-N handler: every hit is counted first.
func (fc *hitCount) handlerMaker(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
	next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
	if err != nil {
		return nil, false, err
	}
	local := &localCount{counts: make([]int, len(fc.ft.names)), other: map[string]int{}, zone: fc.ft.zone}
	if fc.days != nil {
		local.days = map[int32]int{}
	}
	if fc.stories != nil {
		local.stories = fc.ft.clusters.newCount()
	}
	if t := fc.ft.tableFor(sctx.IndexReader); t != nil {
		local.table = t
	} else if local.dv, err = sctx.IndexReader.DocValueReader(fc.ft.field); err != nil {
		return nil, false, err
	}
	lazy := fc.lazyIDs && local.table != nil
	return func(d *bsearch.DocumentMatch) error {
		if d == nil { // the collector is done
			fc.merge(local)
			return next(d)
		}
		if err := local.add(d.IndexInternalID); err != nil {
			return err
		}
		if fc.dateOrder && len(d.Sort) == 1 && len(d.DecodedSort) == 1 {
			d.Sort[0], d.DecodedSort[0] = local.key, local.key
		}
		if lazy && d.ID == "" {
			// The collector reads the id of every hit it keeps, in every
			// shard: a collapsed page's window is hundreds of hits deep,
			// and only the page is shown (stored.go resolves them).
			d.ID = unresolvedID
		}
		return next(d)
	}, loadID, nil
}

// localCount is one collector's counts, merged when it finishes.
type localCount struct {
	table   *facetTable
	dv      index.DocValueReader
	counts  []int
	other   map[string]int
	days    map[int32]int // nil: no histogram
	zone    *time.Location
	stories *storyCount // nil: no cluster count
	key     string      // the sortkey of the hit add saw last
}

func (lc *localCount) add(id index.IndexInternalID) error {
	if lc.table != nil {
		d := id.Value()
		if d+1 < uint64(len(lc.table.start)) {
			for _, v := range lc.table.vals[lc.table.start[d]:lc.table.start[d+1]] {
				lc.counts[v]++
			}
			if lc.days != nil {
				lc.days[lc.table.days[d]]++
			}
			if lc.stories != nil {
				lc.stories.addID(lc.table.clusters[d])
			}
			lc.key = lc.table.keys[d]
		}
		return nil
	}
	day, cluster := int32(undated), ""
	lc.key = ""
	err := lc.dv.VisitDocValues(id, func(field string, term []byte) {
		switch field {
		case FieldSortKey:
			lc.key = string(term)
			day = dayOf(lc.key, lc.zone)
		case FieldCluster:
			cluster = string(term)
		default:
			lc.other[string(term)]++
		}
	})
	if lc.days != nil {
		lc.days[day]++
	}
	if lc.stories != nil {
		lc.stories.addName(cluster)
	}
	return err
}

func (fc *hitCount) merge(lc *localCount) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for i, n := range lc.counts {
		fc.counts[i] += n
	}
	for k, n := range lc.other {
		fc.other[k] += n
	}
	for d, n := range lc.days {
		fc.days[d] += n
	}
	if fc.stories != nil {
		fc.stories.merge(lc.stories)
	}
}

// facets turns the counts into the API's facets: the n most frequent
// categories, every month.
func (fc *hitCount) facets(n int) xinwen.Facets {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	all := make(map[string]int, len(fc.other)+len(fc.counts))
	for i, n := range fc.counts {
		if n > 0 {
			all[fc.ft.names[i]] += n
		}
	}
	for k, n := range fc.other {
		all[k] += n
	}
	out := xinwen.Facets{Categories: []xinwen.FacetValue{}, Months: []xinwen.FacetValue{}}
	for term, n := range all {
		switch {
		case strings.HasPrefix(term, facetCategoryPrefix):
			out.Categories = append(out.Categories, xinwen.FacetValue{Value: term[len(facetCategoryPrefix):], Count: n})
		case strings.HasPrefix(term, facetMonthPrefix):
			out.Months = append(out.Months, xinwen.FacetValue{Value: term[len(facetMonthPrefix):], Count: n})
		}
	}
	sort.Slice(out.Categories, func(i, j int) bool {
		a, b := out.Categories[i], out.Categories[j]
		return a.Count > b.Count || (a.Count == b.Count && a.Value < b.Value)
	})
	out.Categories = out.Categories[:min(len(out.Categories), n)]
	sort.Slice(out.Months, func(i, j int) bool { return out.Months[i].Value < out.Months[j].Value })
	if fc.days != nil {
		out.Histogram, out.Undated = histogram(fc.days, fc.interval)
	}
	return out
}

// dateOrder sorts newest first by sortkey (date, then id), as a SortField
// on it would, but reads no doc values: the hit counter, which every hit
// passes first, sets each hit's value from its segment's table (doc
// values only for the overlay's untabled segments). At 241k articles,
// decoding the sortkey hit by hit was half of a date-sorted search's CPU.
// It serves only searches whose hits pass a hitCount with dateOrder set.
type dateOrder struct{ asc bool }

func (o *dateOrder) UpdateVisitor(string, []byte)        {}
func (o *dateOrder) Value(*bsearch.DocumentMatch) string { return "" }
func (o *dateOrder) DecodeValue(v string) string         { return v }
func (o *dateOrder) Descending() bool                    { return !o.asc }
func (o *dateOrder) RequiresDocID() bool                 { return false }
func (o *dateOrder) RequiresScoring() bool               { return false }
func (o *dateOrder) RequiresFields() []string            { return nil }
func (o *dateOrder) Reverse()                            { o.asc = !o.asc }
func (o *dateOrder) Copy() bsearch.SearchSort            { c := *o; return &c }
