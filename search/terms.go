package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/syntax"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Significant terms are found in two steps. The sample, the first
// termsSample matches in the search's order (relevance, or newest first
// when browsing), is analysed with zh_index, title and body, and each
// term's sampled share is set against its share of the whole index, read
// from the body field's term dictionary: that proposes candidates. Each
// of the best candidates is then counted exactly by two count searches,
// over the matches and over the index, so the counts a client sees are
// true whatever the sample missed, and the final score is computed from
// them.
//
// The score is JLH, as Elasticsearch's significant_terms default:
// (fg - bg) * fg / bg, fg and bg the shares of matches and of the index
// holding the term. It rewards terms both frequent in the matches and
// rare elsewhere; a term no more frequent in the matches scores nothing.
const (
	termsSample = 200
	// minSampled is how many sampled articles must hold a term for it to
	// be a candidate: a term of one article says nothing of the set.
	minSampled = 2
	// candidatesPerTerm: candidates counted exactly for each term asked;
	// the sample's estimate misorders near neighbours, not far ones.
	candidatesPerTerm = 3
)

// Terms finds the significant terms of a search on the served generation.
func (l *Live) Terms(ctx context.Context, req xinwen.TermsRequest) (*xinwen.TermsResult, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	return h.ix.Terms(ctx, req)
}

// Trends finds the rising terms of a window on the served generation.
func (l *Live) Trends(ctx context.Context, req xinwen.TermsRequest) (*xinwen.TrendsResult, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	return h.ix.Trends(ctx, req)
}

// Terms finds the terms over-represented in the matches of req.Search.
func (ix *Index) Terms(ctx context.Context, req xinwen.TermsRequest) (*xinwen.TermsResult, error) {
	req, err := req.Normalize(false)
	if err != nil {
		return nil, fmt.Errorf("search: terms: %w", err)
	}
	return ix.terms(ctx, req, req.Size)
}

// terms answers req with up to n terms.
func (ix *Index) terms(ctx context.Context, req xinwen.TermsRequest, n int) (*xinwen.TermsResult, error) {
	q, scored, err := ix.matchQuery(req.Search)
	if err != nil {
		return nil, err
	}
	out := &xinwen.TermsResult{Terms: []xinwen.Term{}}
	if out.Background, err = ix.alias.DocCount(); err != nil {
		return nil, fmt.Errorf("search: terms: %w", err)
	}
	sampled, err := ix.sample(ctx, q, scored, req.MinLength, out)
	if err != nil || out.Total == 0 {
		return out, err
	}
	cands, err := ix.candidates(sampled, out, n*candidatesPerTerm)
	if err != nil {
		return nil, err
	}
	for _, t := range cands {
		term := xinwen.Term{Term: t}
		if term.Count, err = ix.count(ctx, query.NewConjunctionQuery([]query.Query{q, holding(t)})); err != nil {
			return nil, err
		}
		if term.Background, err = ix.count(ctx, holding(t)); err != nil {
			return nil, err
		}
		if term.Score = jlh(term.Count, out.Total, term.Background, out.Background); term.Score > 0 {
			out.Terms = append(out.Terms, term)
		}
	}
	slices.SortFunc(out.Terms, func(a, b xinwen.Term) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Term, b.Term)) })
	out.Terms = out.Terms[:min(len(out.Terms), n)]
	return out, nil
}

// matchQuery is the Bleve query of a normalized search, and whether its
// order is by score.
func (ix *Index) matchQuery(req xinwen.SearchRequest) (query.Query, bool, error) {
	req.From, req.To = clampDate(req.From), clampDate(req.To)
	p, err := analyze(syntax.Parse(req.Query))
	if err != nil {
		return nil, false, err
	}
	p.expand(ix.syn.Rules())
	return buildQuery(p, req), !byDate(p, req), nil
}

// sample analyses the first termsSample matches of q and returns, for
// each term kept, how many of them hold it; it sets out.Total and
// out.Sample.
func (ix *Index) sample(ctx context.Context, q query.Query, scored bool, minLen int, out *xinwen.TermsResult) (map[string]int, error) {
	sr := bleve.NewSearchRequestOptions(q, termsSample, 0, false)
	sctx := ctx
	if scored {
		sctx = ix.globalScoring(ctx)
	} else {
		sr.Score = "none"
		sr.SortBy([]string{"-" + FieldSortKey})
	}
	res, err := ix.alias.SearchInContext(sctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: terms: %w", err)
	}
	out.Total, out.Sample = res.Total, len(res.Hits)
	stored, err := ix.loadStored(ctx, res.Hits)
	if err != nil {
		return nil, err
	}
	held := map[string]int{}
	for _, f := range stored {
		toks, err := zh.Analyze(zh.IndexAnalyzerName, f.str(FieldTitle)+"\n"+f.str(FieldBody))
		if err != nil {
			return nil, fmt.Errorf("search: terms: %w", err)
		}
		seen := map[string]bool{}
		for _, t := range toks {
			if !seen[t.Term] && keepTerm(t.Term, minLen) {
				seen[t.Term] = true
				held[t.Term]++
			}
		}
	}
	return held, nil
}

// keepTerm passes terms of at least minLen runes holding a letter: no
// bare numbers, no punctuation. Stop words never reach it: zh_index drops
// them.
func keepTerm(t string, minLen int) bool {
	if utf8.RuneCountInString(t) < minLen {
		return false
	}
	for _, r := range t {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// candidates orders the sampled terms by their estimated JLH (sampled
// share against body document frequency) and returns the best n.
func (ix *Index) candidates(sampled map[string]int, out *xinwen.TermsResult, n int) ([]string, error) {
	readers, err := ix.shardReaders()
	if err != nil {
		return nil, err
	}
	defer closeAll(readers)
	type est struct {
		term  string
		score float64
	}
	var ests []est
	for t, k := range sampled {
		if k < minSampled {
			continue
		}
		df, err := bodyDocFreq(readers, t)
		if err != nil {
			return nil, err
		}
		if s := jlh(uint64(k), uint64(out.Sample), max(df, uint64(k)), out.Background); s > 0 {
			ests = append(ests, est{t, s})
		}
	}
	slices.SortFunc(ests, func(a, b est) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.term, b.term)) })
	terms := make([]string, 0, min(n, len(ests)))
	for _, e := range ests[:min(n, len(ests))] {
		terms = append(terms, e.term)
	}
	return terms, nil
}

func (ix *Index) shardReaders() ([]index.IndexReader, error) {
	var readers []index.IndexReader
	for _, s := range ix.shards {
		adv, err := s.Advanced()
		if err == nil {
			var r index.IndexReader
			if r, err = adv.Reader(); err == nil {
				readers = append(readers, r)
				continue
			}
		}
		closeAll(readers)
		return nil, fmt.Errorf("search: terms: %w", err)
	}
	return readers, nil
}

func closeAll(readers []index.IndexReader) {
	for _, r := range readers {
		r.Close()
	}
}

// bodyDocFreq is how many of the generation's articles hold t in their
// body, read from each shard's term dictionary.
func bodyDocFreq(readers []index.IndexReader, t string) (uint64, error) {
	var n uint64
	for _, r := range readers {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), FieldBody, false, false, false)
		if err != nil {
			return 0, fmt.Errorf("search: terms: %w", err)
		}
		n += tfr.Count()
		tfr.Close()
	}
	return n, nil
}

// holding matches the articles holding term t in title or body.
func holding(t string) query.Query {
	title, body := bleve.NewTermQuery(t), bleve.NewTermQuery(t)
	title.SetField(FieldTitle)
	body.SetField(FieldBody)
	return bleve.NewDisjunctionQuery(title, body)
}

// count is how many articles q matches.
func (ix *Index) count(ctx context.Context, q query.Query) (uint64, error) {
	sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sr.Score = "none"
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return 0, fmt.Errorf("search: count: %w", err)
	}
	return res.Total, nil
}

// jlh scores a term held by fg of fgTotal matches and bg of bgTotal
// articles: (fgShare - bgShare) * fgShare / bgShare, 0 when not over-represented.
func jlh(fg, fgTotal, bg, bgTotal uint64) float64 {
	if fg == 0 || fgTotal == 0 || bg == 0 || bgTotal == 0 {
		return 0
	}
	f, b := float64(fg)/float64(fgTotal), float64(bg)/float64(bgTotal)
	if f <= b {
		return 0
	}
	return math.Round((f-b)*f/b*1e6) / 1e6
}
