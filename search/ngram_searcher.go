package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/xinwen-search/xinwen/search/ngpos"
)

// The body's character bigrams (body_ng) live in a generation's ngpos
// files only: each file holds, per bigram, its documents, their
// frequencies and positions, and per document its number of bigrams. The
// queries below read them there, scoring every match exactly as Bleve's
// term searcher would have scored the same postings in Bleve (BM25 over
// the same statistics), so moving the field out of Bleve changed no
// score. The overlay, which takes live writes, keeps body_ng in Bleve:
// over it the same queries are Bleve's own.

// ngramTermQuery matches one bigram (or lone character) of the body.
type ngramTermQuery struct {
	term  string
	boost float64
}

func newNgramTermQuery(term string, boost float64) *ngramTermQuery {
	return &ngramTermQuery{term: term, boost: boost}
}

// Field and SetField make the query a FieldableQuery, so that the alias
// gathers BM25 statistics for body_ng (the overlay's; see ngramStats).
func (q *ngramTermQuery) Field() string      { return FieldBodyNgram }
func (q *ngramTermQuery) SetField(string)    {}
func (q *ngramTermQuery) SetBoost(b float64) { q.boost = b }
func (q *ngramTermQuery) Boost() float64     { return q.boost }

func (q *ngramTermQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if sp := positionsFor(i); sp != nil {
		return newNgramTermSearcher(ctx, i, sp, q.term, q.boost, options)
	}
	if err := bleveHoldsBodyNgrams(i); err != nil {
		return nil, err
	}
	return bleveTermQuery(FieldBodyNgram, q.term, q.boost).Searcher(withNgramCardinality(ctx), i, m, options)
}

// ngramCharQuery is charQuery over body_ng: every bigram that starts with
// c, or two-character one that ends with it, in the same shape as Bleve's
// prefix and regexp queries (a disjunction of two disjunctions).
type ngramCharQuery struct {
	c     string
	boost float64
}

func (q *ngramCharQuery) Field() string      { return FieldBodyNgram }
func (q *ngramCharQuery) SetField(string)    {}
func (q *ngramCharQuery) SetBoost(b float64) { q.boost = b }
func (q *ngramCharQuery) Boost() float64     { return q.boost }

func (q *ngramCharQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	sp := positionsFor(i)
	if sp == nil {
		if err := bleveHoldsBodyNgrams(i); err != nil {
			return nil, err
		}
		return bleveCharQuery(FieldBodyNgram, q.c, q.boost).Searcher(withNgramCardinality(ctx), i, m, options)
	}
	starts, err := ngramTermsSearcher(ctx, i, sp, sp.startingWith(q.c), q.boost, options)
	if err != nil {
		return nil, err
	}
	ends, err := ngramTermsSearcher(ctx, i, sp, sp.endingWith(q.c), q.boost, options)
	if err != nil {
		starts.Close()
		return nil, err
	}
	return searcher.NewDisjunctionSearcher(ctx, i, []bsearch.Searcher{starts, ends}, 0, options)
}

// ngramTermsSearcher matches any of terms, as Bleve's multi-term searcher
// does (a disjunction of term searchers; none: nothing).
func ngramTermsSearcher(ctx context.Context, i index.IndexReader, sp *segmentPositions, terms []string, boost float64, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if len(terms) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	ss := make([]bsearch.Searcher, 0, len(terms))
	for _, t := range terms {
		s, err := newNgramTermSearcher(ctx, i, sp, t, boost, options)
		if err != nil {
			for _, s := range ss {
				s.Close()
			}
			return nil, err
		}
		ss = append(ss, s)
	}
	return searcher.NewDisjunctionSearcher(ctx, i, ss, 0, options)
}

// bleveCharQuery is charQuery as Bleve's own prefix and regexp queries,
// for a field Bleve holds.
func bleveCharQuery(field, c string, boost float64) query.Query {
	starts := bleve.NewPrefixQuery(c)
	starts.SetField(field)
	starts.SetBoost(boost)
	ends := bleve.NewRegexpQuery("." + regexp.QuoteMeta(c))
	ends.SetField(field)
	ends.SetBoost(boost)
	return bleve.NewDisjunctionQuery(starts, ends)
}

// bleveHoldsBodyNgrams fails for a shard that has documents but neither
// ngpos files nor body_ng in Bleve: its bigram queries would match
// nothing, silently.
func bleveHoldsBodyNgrams(i index.IndexReader) error {
	n, err := i.DocCount()
	if err != nil || n == 0 {
		return err
	}
	fields, err := i.Fields()
	if err != nil {
		return err
	}
	if !slices.Contains(fields, FieldBodyNgram) {
		return fmt.Errorf("search: the body's bigrams: %w", errNoPositions)
	}
	return nil
}

// ngramCardinalityKey carries, in a search's context, the number of
// distinct body bigrams of every shard of the generation (their ngpos
// files'): the part of BM25's field statistics the alias's pre-search
// cannot see, since Bleve does not hold the field there.
type ngramCardinalityKey struct{}

// withNgramCardinality, for a search with global BM25 statistics, adds
// the generation's body bigrams to them, so Bleve's term searchers over
// the overlay normalize body lengths as over the shards.
func withNgramCardinality(ctx context.Context) context.Context {
	stats, ok := ctx.Value(bsearch.BM25StatsKey).(*bsearch.BM25Stats)
	extra, _ := ctx.Value(ngramCardinalityKey{}).(int)
	if !ok || stats == nil || extra == 0 {
		return ctx
	}
	card := make(map[string]int, len(stats.FieldCardinality))
	for f, n := range stats.FieldCardinality {
		card[f] = n
	}
	card[FieldBodyNgram] += extra
	return context.WithValue(ctx, bsearch.BM25StatsKey, &bsearch.BM25Stats{DocCount: stats.DocCount, FieldCardinality: card})
}

// ngramStats are what Bleve's term searcher takes for BM25 (see its
// bm25ScoreMetrics), with the ngpos files' distinct bigrams counted where
// Bleve would have counted its own dictionary's: the number of documents
// and the average field length; a zero length means TF-IDF.
func ngramStats(ctx context.Context, i index.IndexReader, sp *segmentPositions) (docs uint64, avgLen float64, err error) {
	model := ""
	if cb, ok := ctx.Value(bsearch.GetScoringModelCallbackKey).(bsearch.GetScoringModelCallbackFn); ok {
		model = cb()
	}
	if model != index.BM25Scoring {
		docs, err = i.DocCount()
		return docs, 0, err
	}
	var card int
	if stats, ok := ctx.Value(bsearch.BM25StatsKey).(*bsearch.BM25Stats); ok && stats != nil {
		docs = uint64(stats.DocCount)
		card = stats.FieldCardinality[FieldBodyNgram]
		extra, _ := ctx.Value(ngramCardinalityKey{}).(int)
		card += extra
	} else {
		if docs, err = i.DocCount(); err != nil {
			return 0, 0, err
		}
		card = sp.terms()
	}
	if docs == 0 {
		return 0, 0, nil
	}
	return docs, math.Ceil(float64(card) / float64(docs)), nil
}

var _ bsearch.Searcher = (*ngramTermSearcher)(nil)

// ngramTermSearcher is Bleve's term searcher over a term's postings in a
// shard's ngpos files, segment after segment, deleted documents skipped.
type ngramTermSearcher struct {
	sp      *segmentPositions
	term    string
	cursors []*ngpos.Cursor // per segment, opened when reached
	seg     int             // the segment being walked
	scorer  *scorer.TermQueryScorer
	count   uint64
	tfd     index.TermFieldDoc
	id      [8]byte
}

func newNgramTermSearcher(ctx context.Context, i index.IndexReader, sp *segmentPositions, term string, boost float64, options bsearch.SearcherOptions) (*ngramTermSearcher, error) {
	if err := bsearch.RecordTermSearcher(ctx); err != nil {
		return nil, err
	}
	docs, avgLen, err := ngramStats(ctx, i, sp)
	if err != nil {
		return nil, fmt.Errorf("search: %s statistics: %w", FieldBodyNgram, err)
	}
	s := &ngramTermSearcher{sp: sp, term: term, cursors: make([]*ngpos.Cursor, len(sp.files)), count: sp.docFreq(term)}
	s.scorer = scorer.NewTermQueryScorer([]byte(term), FieldBodyNgram, boost, docs, s.count, avgLen, options)
	s.tfd.Term = term
	return s, nil
}

func (s *ngramTermSearcher) cursor(k int) *ngpos.Cursor {
	if s.cursors[k] == nil {
		s.cursors[k] = s.sp.files[k].Cursor(s.term)
	}
	return s.cursors[k]
}

func (s *ngramTermSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for s.seg < len(s.sp.files) {
		c := s.cursor(s.seg)
		if !c.Next() {
			s.seg++
			continue
		}
		if !s.sp.deleted(s.seg, c.Doc()) {
			return s.match(ctx, c), nil
		}
	}
	return nil, nil
}

// Advance moves to the first document at or after id; a searcher already
// past id stays where it is, as the conjunctions it serves expect.
func (s *ngramTermSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	seg, local, err := s.sp.seekTarget(id, s.seg)
	if err != nil {
		return nil, err
	}
	for s.seg = seg; s.seg < len(s.sp.files); s.seg, local = s.seg+1, 0 {
		c := s.cursor(s.seg)
		if !c.Advance(local) {
			continue
		}
		if s.sp.deleted(s.seg, c.Doc()) {
			return s.Next(ctx)
		}
		return s.match(ctx, c), nil
	}
	return nil, nil
}

func (s *ngramTermSearcher) match(ctx *bsearch.SearchContext, c *ngpos.Cursor) *bsearch.DocumentMatch {
	s.tfd.ID = s.sp.internalID(&s.id, s.seg, c.Doc())
	s.tfd.Freq = uint64(c.Freq())
	s.tfd.Norm = ngramNorm(s.sp.files[s.seg].Length(c.Doc()))
	return s.scorer.Score(ctx, &s.tfd)
}

// ngramNorm is the norm zap keeps for a field of n tokens, as its
// postings give it back: float32(1/√n).
func ngramNorm(n uint32) float64 {
	return float64(float32(1.0 / math.Sqrt(float64(n))))
}

func (s *ngramTermSearcher) Close() error               { return nil }
func (s *ngramTermSearcher) Weight() float64            { return s.scorer.Weight() }
func (s *ngramTermSearcher) SetQueryNorm(n float64)     { s.scorer.SetQueryNorm(n) }
func (s *ngramTermSearcher) Count() uint64              { return s.count }
func (s *ngramTermSearcher) Min() int                   { return 0 }
func (s *ngramTermSearcher) DocumentMatchPoolSize() int { return 1 }
func (s *ngramTermSearcher) Size() int                  { return 128 + len(s.term) + 8*len(s.cursors) + s.scorer.Size() }

// ngramAllQuery matches the body documents that hold every one of terms,
// scored as Bleve's conjunction of their term queries: the bigram branch
// of every unquoted word, and the seams between words.
type ngramAllQuery struct {
	terms []string
	boost float64
}

func (q *ngramAllQuery) Field() string      { return FieldBodyNgram }
func (q *ngramAllQuery) SetField(string)    {}
func (q *ngramAllQuery) SetBoost(b float64) { q.boost = b }
func (q *ngramAllQuery) Boost() float64     { return q.boost }

func (q *ngramAllQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	sp := positionsFor(i)
	if sp != nil && !options.Explain && !options.IncludeTermVectors {
		return newNgramAllSearcher(ctx, i, sp, q.terms, q.boost, options)
	}
	qs := make([]query.Query, len(q.terms))
	for k, t := range q.terms {
		qs[k] = newNgramTermQuery(t, q.boost)
	}
	return query.NewConjunctionQuery(qs).Searcher(ctx, i, m, options)
}

// ngramPart is one term of an ngramAllSearcher with what its score needs:
// Bleve's TermQueryScorer's state, reduced to numbers.
type ngramPart struct {
	term   string
	docs   uint64 // live documents holding the term
	idf    float64
	weight float64 // the query weight, boost × idf × query norm
}

var _ bsearch.Searcher = (*ngramAllSearcher)(nil)

// ngramAllSearcher intersects its terms' cursors segment by segment, the
// rarest term leading, and scores a match as the sum of the terms' BM25
// scores, which is what a conjunction of ngramTermSearchers returns,
// without a DocumentMatch per term and document.
type ngramAllSearcher struct {
	sp     *segmentPositions
	parts  []ngramPart // rarest first
	boost  float64
	avgLen float64 // 0: TF-IDF
	score  bool
	seg    int
	cur    []*ngpos.Cursor // the segment's cursors, as parts; nil: not opened
	id     [8]byte
}

func newNgramAllSearcher(ctx context.Context, i index.IndexReader, sp *segmentPositions, terms []string, boost float64, options bsearch.SearcherOptions) (*ngramAllSearcher, error) {
	docs, avgLen, err := ngramStats(ctx, i, sp)
	if err != nil {
		return nil, fmt.Errorf("search: %s statistics: %w", FieldBodyNgram, err)
	}
	s := &ngramAllSearcher{sp: sp, boost: boost, avgLen: avgLen, score: options.Score != "none"}
	for _, t := range terms {
		if err := bsearch.RecordTermSearcher(ctx); err != nil {
			return nil, err
		}
		p := ngramPart{term: t, weight: 1, docs: sp.docFreq(t)}
		p.idf = termIDF(avgLen, docs, p.docs)
		s.parts = append(s.parts, p)
	}
	slices.SortStableFunc(s.parts, func(a, b ngramPart) int { return cmp.Compare(a.docs, b.docs) })
	// As Bleve's conjunction: normalized on its own until a query around
	// it sets the norm of the whole.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

// termIDF is TermQueryScorer's idf: BM25's when avgLen is set.
func termIDF(avgLen float64, total, docs uint64) float64 {
	if avgLen > 0 {
		return math.Log(1 + (float64(total)-float64(docs)+0.5)/(float64(docs)+0.5))
	}
	return 1.0 + math.Log(float64(total)/float64(docs+1.0))
}

// open readies the cursors of segment s.seg; false when a term is absent
// there, so nothing in it matches.
func (s *ngramAllSearcher) open() bool {
	s.cur = s.cur[:0]
	f := s.sp.files[s.seg]
	for _, p := range s.parts {
		c := f.Cursor(p.term)
		if c.Docs() == 0 {
			return false
		}
		s.cur = append(s.cur, c)
	}
	return true
}

func (s *ngramAllSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.find(ctx, 0, true), nil
}

// Advance moves to the first match at or after id; a searcher already past
// id stays where it is (see ngramTermSearcher.Advance).
func (s *ngramAllSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	seg, target, err := s.sp.seekTarget(id, s.seg)
	if err != nil {
		return nil, err
	}
	if seg != s.seg {
		s.seg, s.cur = seg, nil
	}
	return s.find(ctx, target, false), nil
}

// find returns the first match from the lead cursor's next document
// (step) or its first at or after target, in this segment or a later one.
func (s *ngramAllSearcher) find(ctx *bsearch.SearchContext, target uint32, step bool) *bsearch.DocumentMatch {
	for ; s.seg < len(s.sp.files); s.seg, s.cur, target, step = s.seg+1, nil, 0, false {
		if s.cur == nil && !s.open() {
			continue
		}
		lead := s.cur[0]
		var ok bool
		if step {
			ok = lead.Next()
		} else {
			ok = lead.Advance(target)
		}
	scan:
		for ok {
			d := lead.Doc()
			for _, c := range s.cur[1:] {
				if !c.Advance(d) {
					break scan // a term has no more documents here
				}
				if c.Doc() > d {
					ok = lead.Advance(c.Doc())
					continue scan
				}
			}
			if !s.sp.deleted(s.seg, d) {
				return s.match(ctx, d)
			}
			ok = lead.Next()
		}
	}
	return nil
}

func (s *ngramAllSearcher) match(ctx *bsearch.SearchContext, doc uint32) *bsearch.DocumentMatch {
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = index.NewIndexInternalIDFrom(dm.IndexInternalID, s.sp.internalID(&s.id, s.seg, doc))
	if !s.score {
		return dm
	}
	norm := ngramNorm(s.sp.files[s.seg].Length(doc))
	fieldLength := 1 / (norm * norm)
	var sum float64
	for k, p := range s.parts {
		freq := s.cur[k].Freq()
		var tf float64
		if freq < scorer.MaxSqrtCache {
			tf = scorer.SqrtCache[freq]
		} else {
			tf = math.Sqrt(float64(freq))
		}
		var score float64
		if s.avgLen > 0 {
			score = p.idf * (tf * bsearch.BM25_k1) /
				(tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*fieldLength/s.avgLen)))
		} else {
			score = tf * norm * p.idf
		}
		if p.weight != 1.0 {
			score *= p.weight
		}
		sum += score
	}
	dm.Score = sum
	return dm
}

func (s *ngramAllSearcher) Weight() float64 {
	var sum float64
	for _, p := range s.parts {
		w := s.boost * p.idf
		sum += w * w
	}
	return sum
}

func (s *ngramAllSearcher) SetQueryNorm(n float64) {
	for k := range s.parts {
		s.parts[k].weight = s.boost * s.parts[k].idf * n
	}
}

// Count is, as for Bleve's conjunction, the sum of its terms' counts.
func (s *ngramAllSearcher) Count() uint64 {
	var n uint64
	for _, p := range s.parts {
		n += p.docs
	}
	return n
}

func (s *ngramAllSearcher) Close() error               { return nil }
func (s *ngramAllSearcher) Min() int                   { return 0 }
func (s *ngramAllSearcher) DocumentMatchPoolSize() int { return 1 }
func (s *ngramAllSearcher) Size() int                  { return 128 + 64*len(s.parts) }
