package search

import (
	"math"
	"math/bits"
)

// noCluster marks a tabled document without a stored cluster: a story of
// its own.
const noCluster = math.MaxUint32

// clusterNames numbers the clusters of the tabled segments, so a search
// counts distinct stories in a bitset rather than a map of strings.
type clusterNames struct {
	names   []string
	ids     map[string]uint32
	members []uint32 // by cluster id: the tabled documents that hold it
	docs    int      // tabled documents with a cluster
}

// member numbers the cluster name of one more tabled document.
func (cn *clusterNames) member(name string) uint32 {
	id, ok := cn.ids[name]
	if !ok {
		id = uint32(len(cn.names))
		cn.names = append(cn.names, name)
		cn.ids[name] = id
		cn.members = append(cn.members, 0)
	}
	cn.members[id]++
	cn.docs++
	return id
}

// copyShare is the share of the tabled documents that are not the first
// of their cluster: how much of a ranked window, on average, collapsing
// removes.
func (cn *clusterNames) copyShare() float64 {
	if cn.docs == 0 {
		return 0
	}
	return 1 - float64(len(cn.names))/float64(cn.docs)
}

// shared tells whether the cluster name may hold more than one article:
// more than one tabled document holds it, or the tables do not know it
// (an untabled reader's). A story of one needs no count of its copies.
func (cn *clusterNames) shared(name string) bool {
	id, ok := cn.ids[name]
	return !ok || cn.members[id] > 1
}

// storyCount counts the distinct clusters of the matches: exactly, as
// Elasticsearch's collapse cannot. It also counts the matches in each
// cluster that may hold more than one article, so that a collapsed page
// gives each shown story its number of copies without searching again.
type storyCount struct {
	cn     *clusterNames
	seen   []uint64       // by cluster id, allocated on first use
	shared map[uint32]int // matches by id of a cluster of several tabled documents
	other  map[string]int // matches by cluster of untabled documents
	loose  int            // documents without a cluster: one story each
	// Untabled documents (the overlay's, written over HTTP) may join a
	// tabled cluster, even one of a single tabled document: joined counts
	// their matches by cluster id, and self marks the clusters whose one
	// tabled document matched too (allocated on first use).
	joined map[uint32]int
	self   []uint64
}

func (cn *clusterNames) newCount() *storyCount {
	return &storyCount{cn: cn, other: map[string]int{}}
}

func (sc *storyCount) addID(id uint32) {
	if id == noCluster {
		sc.loose++
		return
	}
	sc.see(id)
	if sc.cn.members[id] > 1 {
		if sc.shared == nil {
			sc.shared = map[uint32]int{}
		}
		sc.shared[id]++
	} else {
		if sc.self == nil {
			sc.self = make([]uint64, len(sc.seen))
		}
		sc.self[id/64] |= 1 << (id % 64)
	}
}

func (sc *storyCount) see(id uint32) {
	if sc.seen == nil {
		sc.seen = make([]uint64, (len(sc.cn.names)+63)/64)
	}
	sc.seen[id/64] |= 1 << (id % 64)
}

// addName counts an untabled document by its cluster's name.
func (sc *storyCount) addName(name string) {
	if name == "" {
		sc.loose++
		return
	}
	if id, ok := sc.cn.ids[name]; ok {
		sc.see(id)
		if sc.joined == nil {
			sc.joined = map[uint32]int{}
		}
		sc.joined[id]++
		return
	}
	sc.other[name]++
}

func (sc *storyCount) merge(o *storyCount) {
	sc.seen = orBits(sc.seen, o.seen)
	sc.self = orBits(sc.self, o.self)
	sc.shared = addCounts(sc.shared, o.shared)
	sc.joined = addCounts(sc.joined, o.joined)
	sc.other = addCounts(sc.other, o.other)
	sc.loose += o.loose
}

// orBits ORs src into dst, made on first use.
func orBits(dst, src []uint64) []uint64 {
	if src == nil {
		return dst
	}
	if dst == nil {
		dst = make([]uint64, len(src))
	}
	for i, w := range src {
		dst[i] |= w
	}
	return dst
}

// addCounts adds src's counts into dst, made on first use.
func addCounts[K comparable](dst, src map[K]int) map[K]int {
	for k, n := range src {
		if dst == nil {
			dst = map[K]int{}
		}
		dst[k] += n
	}
	return dst
}

// matches is how many matches were counted in the cluster name, one of
// those that may be shared (clusterNames.shared) or that untabled
// documents joined (joinedIn).
func (sc *storyCount) matches(name string) int {
	if id, ok := sc.cn.ids[name]; ok {
		n := sc.shared[id] + sc.joined[id]
		if sc.self != nil && sc.self[id/64]&(1<<(id%64)) != 0 {
			n++
		}
		return n
	}
	return sc.other[name]
}

// joinedIn tells whether untabled documents of the tabled cluster name
// matched.
func (sc *storyCount) joinedIn(name string) bool {
	if sc == nil {
		return false
	}
	id, ok := sc.cn.ids[name]
	return ok && sc.joined[id] > 0
}

// total is the number of distinct stories counted.
func (sc *storyCount) total() uint64 {
	n := uint64(len(sc.other) + sc.loose)
	for _, w := range sc.seen {
		n += uint64(bits.OnesCount64(w))
	}
	return n
}
