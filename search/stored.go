package search

import (
	"fmt"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/microseconds"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/milliseconds"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/nanoseconds"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/seconds"
	"github.com/blevesearch/bleve/v2/document"
	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A shown hit's stored fields are read straight from its segment, by the
// document number the search found it at. Asked of Bleve by id (a search
// for the page's ids, then Document(id) for each), every shard looks each
// id up in its _id dictionary twice and every field value is copied into
// a Document before it becomes a map entry: a third of the cost of
// loading a page under the HTTP bench, beside the stored block's
// decompression that both ways pay. A published generation's shards are
// read-only, each one segment, so a document number stays valid while
// the generation is open. Hits of other readers (the write overlay, a
// shard of several segments) are loaded by id as before.

// storedSegments maps the name of each single-segment shard to its
// segment.
type storedSegments map[string]segment.Segment

func newStoredSegments(shards []bleve.Index) (storedSegments, error) {
	out := storedSegments{}
	for i, s := range shards {
		adv, err := s.Advanced()
		if err != nil {
			return nil, fmt.Errorf("search: stored fields of shard %d: %w", i, err)
		}
		r, err := adv.Reader()
		if err != nil {
			return nil, fmt.Errorf("search: stored fields of shard %d: %w", i, err)
		}
		if ss, ok := onlySegment(r); ok {
			out[s.Name()] = ss.Segment()
		}
		if err := r.Close(); err != nil {
			return nil, fmt.Errorf("search: stored fields of shard %d: %w", i, err)
		}
	}
	return out, nil
}

// fields reads the stored fields named in want of hit h as Bleve's
// LoadAndHighlightFields gives them (text as a string, a date in its
// layout, a repeated field as a slice), or reports false when h is not
// in a tabled segment or holds a field of another type.
func (ss storedSegments) fields(h *bsearch.DocumentMatch, want []string) (fieldsOf, bool) {
	seg := ss[h.Index]
	if seg == nil || h.IndexInternalID == nil {
		return nil, false
	}
	n := h.IndexInternalID.Value()
	if n >= seg.Count() {
		return nil, false
	}
	dm := bsearch.DocumentMatch{Fields: make(map[string]any, len(want))}
	ok := true
	err := seg.VisitStoredFields(n, func(name string, typ byte, val []byte, _ []uint64) bool {
		if name == "_id" || !slices.Contains(want, name) {
			return true
		}
		var v any
		switch typ {
		case 't':
			v = string(val)
		case 'd':
			v, ok = storedDate(name, val)
		default:
			ok = false
		}
		if ok && v != nil {
			dm.AddFieldValue(name, v)
		}
		return ok
	})
	if err != nil || !ok {
		return nil, false
	}
	return dm.Fields, true
}

// storedDate is a stored date as Bleve shows it: in the layout it was
// parsed with, RFC 3339 without one. A date of a timestamp layout is left
// to Bleve (false); one that does not decode is left out, as Bleve does.
func storedDate(name string, val []byte) (any, bool) {
	t, layout, err := document.NewDateTimeFieldFromBytes(name, nil, val).DateTime()
	switch {
	case err != nil:
		return nil, true
	case layout == "":
		return t.Format(time.RFC3339), true
	case isTimestampLayout(layout):
		return nil, false
	}
	return t.Format(layout), true
}

func isTimestampLayout(layout string) bool {
	switch layout {
	case seconds.Name, milliseconds.Name, microseconds.Name, nanoseconds.Name:
		return true
	}
	return false
}

// unresolvedID stands for the id of a hit of a tabled segment until
// resolveIDs reads it (facets.go): no article id holds a NUL.
const unresolvedID = "\x00unresolved"

// resolveIDs gives each hit still standing for its id the id stored in
// its segment: the hits a search keeps beyond those it shows (a collapse
// window, the pages before a deep one) never need theirs.
func (ss storedSegments) resolveIDs(hits []*bsearch.DocumentMatch) error {
	for _, h := range hits {
		if h.ID != unresolvedID {
			continue
		}
		seg := ss[h.Index]
		if seg == nil || h.IndexInternalID == nil {
			return fmt.Errorf("search: id of a hit of %q: no segment", h.Index)
		}
		id, err := seg.DocID(h.IndexInternalID.Value())
		if err != nil || id == nil {
			return fmt.Errorf("search: id of hit %d of %q: %v", h.IndexInternalID.Value(), h.Index, err)
		}
		h.ID = string(id)
	}
	return nil
}
