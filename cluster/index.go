package cluster

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Window is how far apart two copies of one story may be dated: outlets
// carry a wire story within days; a template repeated a week later is a
// new story.
const Window = 3 * 24 * time.Hour

// minTitle is the shortest title (in runes) that identifies a story on
// its own: two articles of one day with the same longer title are one
// story whatever their bodies (two scrapes of one programme).
const minTitle = 6

// Item is an article as clustering sees it.
type Item struct {
	ID    string
	Date  time.Time // zero: undated, compared on text only
	Title string
	Sig   Signature
}

// NewItem signs an article.
func NewItem(id string, date time.Time, title, body string) Item {
	return Item{ID: id, Date: date, Title: title, Sig: Sign(title, body)}
}

// Same reports whether a and b are copies of one story: dated within
// Window of each other, and either the same title on the same day (zone
// decides the day) or estimated similarity at least Threshold with every
// number of the one with fewer numbers quoted by the other.
func Same(a, b *Item, zone *time.Location) bool {
	if !a.Date.IsZero() && !b.Date.IsZero() {
		d := a.Date.Sub(b.Date)
		if d > Window || d < -Window {
			return false
		}
		if k := titleKey(a, zone); k != "" && k == titleKey(b, zone) {
			return true
		}
	}
	return Similarity(&a.Sig, &b.Sig) >= Threshold && numbersAgree(a.Sig.Numbers, b.Sig.Numbers)
}

// numbersAgree reports whether the shorter list of numbers is held in the
// longer, or begins one of them: a trimmed copy quotes fewer of the original's figures, a daily
// statistic of the same template quotes other figures.
func numbersAgree(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for _, n := range a {
		if _, ok := slices.BinarySearch(b, n); !ok && !prefixOfAny(n, b) {
			return false
		}
	}
	return true
}

// prefixOfAny reports whether n begins a number of ns: a figure cut where
// an outlet trimmed the story ("2024" ending as "20").
func prefixOfAny(n string, ns []string) bool {
	i, _ := slices.BinarySearch(ns, n)
	return i < len(ns) && strings.HasPrefix(ns[i], n)
}

func titleKey(it *Item, zone *time.Location) string {
	t := words(fold.String(strings.TrimSpace(it.Title)))
	if it.Date.IsZero() || utf8.RuneCountInString(t) < minTitle {
		return ""
	}
	return it.Date.In(zone).Format("2006-01-02") + "|" + t
}

// Index assigns clusters to items as they come, against every item added
// before: an item joins the cluster of its most similar earlier copy, or
// starts its own, named by its id. Not safe for concurrent use.
type Index struct {
	zone    *time.Location
	items   []Item
	cluster []string // cluster of items[i]
	// bands chains the items sharing a band key, in the order they were
	// added: bands holds each key's first and last item, next (by
	// item*Bands+band) the item after it, or -1. Nearly every key is one
	// article's alone; in this form the chains hold no pointer for the
	// garbage collector to follow, and no slice a key.
	bands  map[bandKey]chain
	next   []int32
	titles map[string][]int32 // title key -> items
	byID   map[string]int32
}

// bandKey is a band key (Signature.Keys) as the index holds it, without
// making a string of it.
type bandKey struct {
	band int
	hash uint64
}

type chain struct{ first, last int32 }

// NewIndex returns an empty index reading days in zone.
func NewIndex(zone *time.Location) *Index {
	return &Index{zone: zone, bands: map[bandKey]chain{}, titles: map[string][]int32{}, byID: map[string]int32{}}
}

// Load adds an item whose cluster is already known, as stored in an
// existing generation.
func (x *Index) Load(it Item, cluster string) {
	i := int32(len(x.items))
	x.items = append(x.items, it)
	x.cluster = append(x.cluster, cluster)
	x.byID[it.ID] = i
	for range Bands {
		x.next = append(x.next, -1)
	}
	if !it.Sig.Empty {
		for b, h := range it.Sig.bands() {
			k := bandKey{b, h}
			c, ok := x.bands[k]
			if ok {
				x.next[int(c.last)*Bands+b] = i
				c.last = i
			} else {
				c = chain{i, i}
			}
			x.bands[k] = c
		}
	}
	if k := titleKey(&it, x.zone); k != "" {
		x.titles[k] = append(x.titles[k], i)
	}
}

// Add assigns it a cluster and remembers it. An id added before is
// replaced: its old version no longer attracts copies.
func (x *Index) Add(it Item) string {
	if old, ok := x.byID[it.ID]; ok {
		x.items[old].Sig = Signature{Empty: true}
		x.items[old].Title = ""
	}
	c := it.ID
	if best := x.best(&it); best >= 0 {
		c = x.cluster[best]
	}
	x.Load(it, c)
	return c
}

// Cluster returns the cluster of the item with id, or "".
func (x *Index) Cluster(id string) string {
	if i, ok := x.byID[id]; ok {
		return x.cluster[i]
	}
	return ""
}

// best returns the earlier item it is most similar to among those it is
// the same story as, or -1.
func (x *Index) best(it *Item) int32 {
	seen := map[int32]struct{}{}
	best, bestSim := int32(-1), -1.0
	try := func(j int32) {
		if _, ok := seen[j]; ok {
			return
		}
		seen[j] = struct{}{}
		o := &x.items[j]
		if o.ID == it.ID || !Same(it, o, x.zone) {
			return
		}
		if s := Similarity(&it.Sig, &o.Sig); s > bestSim {
			best, bestSim = j, s
		}
	}
	if k := titleKey(it, x.zone); k != "" {
		for _, j := range x.titles[k] {
			try(j)
		}
	}
	if it.Sig.Empty {
		return best
	}
	for b, h := range it.Sig.bands() {
		c, ok := x.bands[bandKey{b, h}]
		for j := c.first; ok && j >= 0; j = x.next[int(j)*Bands+b] {
			try(j)
		}
	}
	return best
}

// Assign clusters a whole set of items, as a rebuild does: in order of
// date, then id, so the same input always gives the same clusters, each
// named by its earliest member. It returns the cluster of each item, by
// position in items.
func Assign(items []Item, zone *time.Location) []string {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(items[a].Date.Compare(items[b].Date), strings.Compare(items[a].ID, items[b].ID))
	})
	x := NewIndex(zone)
	out := make([]string, len(items))
	for _, i := range order {
		out[i] = x.Add(items[i])
	}
	return out
}
