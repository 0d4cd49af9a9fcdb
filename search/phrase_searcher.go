package search

import (
	"context"
	"fmt"
	"math"
	"regexp"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/xinwen-search/xinwen/search/ngpos"
	"github.com/xinwen-search/xinwen/search/zh"
)

// newExactPhraseSearcher reads q's terms (a widened edge slot: every term
// it stands for) as one conjunction with term vectors, whose candidates
// exactPhraseSearcher then checks by position.
func newExactPhraseSearcher(ctx context.Context, i index.IndexReader, q *exactPhraseQuery, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if len(q.terms) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	var ngp *segmentPositions
	if q.field == FieldBodyNgram {
		if ngp = positionsFor(i); ngp == nil {
			if err := bleveHoldsBodyNgrams(i); err != nil {
				return nil, err
			}
		}
	}
	options.IncludeTermVectors = ngp == nil
	ts := make([]bsearch.Searcher, 0, len(q.terms))
	slotOf := map[string][]int{} // every term a slot stands for -> the slots
	closeAll := func() {
		for _, s := range ts {
			s.Close()
		}
	}
	for k, t := range q.terms {
		var terms []string
		var err error
		if ngp != nil {
			terms = q.ngramSlotTerms(ngp, k)
		} else if terms, err = q.slotTerms(i, k); err != nil {
			closeAll()
			return nil, fmt.Errorf("phrase: %w", err)
		}
		for _, x := range terms {
			slotOf[x] = append(slotOf[x], k)
		}
		var s bsearch.Searcher
		switch {
		case ngp != nil && q.expand[k] == exact:
			s, err = newNgramTermSearcher(ctx, i, ngp, t, q.boost, options)
		case ngp != nil:
			s, err = ngramTermsSearcher(ctx, i, ngp, terms, q.boost, options)
		case q.expand[k] == exact:
			s, err = searcher.NewTermSearcher(ctx, i, t, q.field, q.boost, options)
		default:
			s, err = searcher.NewMultiTermSearcher(ctx, i, terms, q.field, q.boost, options, true)
		}
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("phrase: %w", err)
		}
		ts = append(ts, s)
	}
	if q.within != nil {
		// The ids lead the conjunction: only they become candidates.
		ids, err := searcher.NewDocIDSearcher(ctx, i, q.within, 0, options)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("phrase: %w", err)
		}
		ts = append(ts, ids)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, i, ts, options)
	if err != nil {
		closeAll()
		return nil, fmt.Errorf("phrase: %w", err)
	}
	must.SetQueryNorm(1 / math.Sqrt(must.Weight()))
	s := &exactPhraseSearcher{must: must, q: q, r: i, slotOf: slotOf, pos: make([][]uint64, len(q.terms)), ctx: ctx}
	if ngp != nil {
		s.ngp = ngp
		for term, slots := range slotOf {
			s.cursors = append(s.cursors, slotCursor{term: term, c: make([]*ngpos.Cursor, len(ngp.files)), slots: slots})
		}
	}
	return s, nil
}

// slotCursor walks the positions files for one term of a phrase: a
// cursor per segment, opened when a candidate of the segment comes.
type slotCursor struct {
	term  string
	c     []*ngpos.Cursor
	slots []int // the slots the term fills
}

// slotTerms lists the terms slot k stands for in the index.
func (q *exactPhraseQuery) slotTerms(i index.IndexReader, k int) ([]string, error) {
	c := q.terms[k]
	var d index.FieldDict
	var err error
	switch q.expand[k] {
	case exact:
		return []string{c}, nil
	case startsWith:
		d, err = i.FieldDictPrefix(q.field, []byte(c))
	case endsWith:
		re, ok := i.(index.IndexReaderRegexp)
		if !ok {
			return nil, fmt.Errorf("index cannot list terms by pattern")
		}
		d, err = re.FieldDictRegexp(q.field, "(.)?"+regexp.QuoteMeta(c))
	}
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var out []string
	for {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		out = append(out, e.Term)
	}
	if len(out) == 0 {
		out = []string{c} // matches nothing, as the exact term would
	}
	return out, nil
}

// ngramSlotTerms is slotTerms over the ngpos files' dictionaries.
func (q *exactPhraseQuery) ngramSlotTerms(sp *segmentPositions, k int) []string {
	c := q.terms[k]
	var out []string
	switch q.expand[k] {
	case exact:
		return []string{c}
	case startsWith:
		out = sp.startingWith(c)
	case endsWith: // Bleve's "(.)?c": c itself, or one character before it
		out = sp.endingWith(c)
		if sp.holds(c) {
			out = sortedSet(append(out, c))
		}
	}
	if len(out) == 0 {
		out = []string{c} // matches nothing, as the exact term would
	}
	return out
}

var _ bsearch.Searcher = (*exactPhraseSearcher)(nil)

// exactPhraseSearcher filters its conjunction's hits by positions.
type exactPhraseSearcher struct {
	must   bsearch.Searcher
	q      *exactPhraseQuery
	r      index.IndexReader // for stored text, when q.runs is set
	slotOf map[string][]int  // index term -> the slots it fills
	pos    [][]uint64        // per slot, the candidate's positions (reused)
	// ngp and cursors, when set, read the positions from the shard's
	// ngpos files (Bleve holds the field without them); candidates come
	// in increasing document order, as the cursors walk.
	ngp     *segmentPositions
	cursors []slotCursor
	buf     []uint32
	// ctx is the search's: first stops on it, since a phrase whose
	// bigrams are common but never in order can check thousands of
	// candidates, reading their stored text, before it yields a hit to
	// the collector that would notice the deadline.
	ctx context.Context
}

// phraseCheckEvery is how many candidates first checks between looks at
// the search's context.
const phraseCheckEvery = 64

func (s *exactPhraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.must.Next(ctx)
	return s.first(ctx, dm, err)
}

func (s *exactPhraseSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.must.Advance(ctx, id)
	return s.first(ctx, dm, err)
}

// first returns dm or the first later candidate that has the phrase.
func (s *exactPhraseSearcher) first(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for n := 0; dm != nil && err == nil; dm, err = s.must.Next(ctx) {
		if n++; n%phraseCheckEvery == 0 {
			if err := s.ctx.Err(); err != nil {
				return nil, fmt.Errorf("phrase: %w", err)
			}
		}
		ok, err := s.has(dm)
		if err != nil {
			return nil, err
		}
		if ok && s.q.runs != nil {
			if ok, err = s.verify(dm); err != nil {
				return nil, err
			}
		}
		if ok {
			dm.FieldTermLocations = dm.FieldTermLocations[:0]
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
	return nil, err
}

// verify checks the candidate's stored text for the phrase's runs.
func (s *exactPhraseSearcher) verify(dm *bsearch.DocumentMatch) (bool, error) {
	id, err := s.r.ExternalID(dm.IndexInternalID)
	if err != nil {
		return false, fmt.Errorf("phrase: %w", err)
	}
	doc, err := s.r.Document(id)
	if err != nil || doc == nil {
		return false, fmt.Errorf("phrase: stored text of %s: %w", id, err)
	}
	found := false
	doc.VisitFields(func(f index.Field) {
		if !found && f.Name() == s.q.stored {
			found = zh.HasRuns(zh.Normalize(string(f.Value())), s.q.runs)
		}
	})
	return found, nil
}

// has tells whether some position p has every term i at p+offs[i].
func (s *exactPhraseSearcher) has(dm *bsearch.DocumentMatch) (bool, error) {
	for i := range s.pos {
		s.pos[i] = s.pos[i][:0]
	}
	if s.ngp != nil {
		seg, doc, ok := s.ngp.locate(dm.IndexInternalID)
		if !ok {
			return false, fmt.Errorf("phrase: document number %x: %w", dm.IndexInternalID, errNoPositions)
		}
		for _, sc := range s.cursors {
			c := sc.c[seg]
			if c == nil {
				c = s.ngp.files[seg].Cursor(sc.term)
				sc.c[seg] = c
			}
			if !c.Seek(doc) {
				continue
			}
			s.buf = c.Positions(s.buf[:0])
			for _, k := range sc.slots {
				for _, p := range s.buf {
					s.pos[k] = append(s.pos[k], uint64(p))
				}
			}
		}
	} else {
		seen := false
		for _, l := range dm.FieldTermLocations {
			if l.Field != s.q.field || len(l.Location.ArrayPositions) > 0 {
				continue
			}
			seen = true
			for _, k := range s.slotOf[l.Term] {
				s.pos[k] = append(s.pos[k], l.Location.Pos)
			}
		}
		if !seen {
			// Every candidate holds the phrase's terms: no location
			// means the field has none in Bleve.
			return false, errNoPositions
		}
	}
	for _, p := range s.pos[0] {
		if p < s.q.offs[0] {
			continue
		}
		start := p - s.q.offs[0]
		ok := true
		for i := 1; i < len(s.pos) && ok; i++ {
			ok = contains(s.pos[i], start+s.q.offs[i])
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}

// contains reports whether ps (positions, in any order) holds p. The
// lists are a term's occurrences in one article: a handful.
func contains(ps []uint64, p uint64) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

func (s *exactPhraseSearcher) Close() error           { return s.must.Close() }
func (s *exactPhraseSearcher) Weight() float64        { return s.must.Weight() }
func (s *exactPhraseSearcher) SetQueryNorm(n float64) { s.must.SetQueryNorm(n) }
func (s *exactPhraseSearcher) Count() uint64          { return s.must.Count() }
func (s *exactPhraseSearcher) Min() int               { return s.must.Min() }
func (s *exactPhraseSearcher) Size() int              { return s.must.Size() }
func (s *exactPhraseSearcher) DocumentMatchPoolSize() int {
	return s.must.DocumentMatchPoolSize() + 1
}
