package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Related stories are found by more-like-this: the article's title and
// body are analysed with zh_index, each word is weighed by tf-idf (its
// count in the article, sublinear, times the log of its rarity in the
// index, read from the body field's term dictionary), and the best
// relatedTerms words are searched as a disjunction over title and body,
// words of the article's title boosted. At least relatedMinShare of them
// must match, so one shared common word does not make a story related.
// The article's own cluster (its copies) is left out, and the hits are
// collapsed to one per story, each with the size of its story.
const (
	relatedTerms      = 10
	relatedTitleBoost = 2.0
	relatedMinShare   = 0.3
	// relatedWindow: ranked hits read per story asked, before collapsing.
	relatedWindow = 8
)

// Related finds the stories related to article id on the served
// generation.
func (l *Live) Related(ctx context.Context, id string, size int) (*xinwen.Related, error) {
	h, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	return h.ix.Related(ctx, id, size)
}

// Related finds up to size stories sharing the most significant words of
// article id, one hit per story, its own story left out.
func (ix *Index) Related(ctx context.Context, id string, size int) (*xinwen.Related, error) {
	size, err := xinwen.NormalizeRelatedSize(size)
	if err != nil {
		return nil, fmt.Errorf("search: related: %w", err)
	}
	f, err := ix.storedOf(ctx, id)
	if err != nil {
		return nil, err
	}
	own := clusterOf(id, f)
	terms, err := ix.significantWords(ctx, f, own)
	out := &xinwen.Related{Hits: []xinwen.Hit{}}
	if err != nil || len(terms) == 0 {
		return out, err
	}
	sr := bleve.NewSearchRequestOptions(relatedQuery(terms, id, own), min(xinwen.MaxWindow, size*relatedWindow), 0, false)
	res, err := ix.alias.SearchInContext(ix.globalScoring(ctx), sr)
	if err != nil {
		return nil, fmt.Errorf("search: related %q: %w", id, err)
	}
	hits, clusters, err := ix.storiesOf(ctx, res.Hits)
	if err != nil {
		return nil, err
	}
	hits, clusters = hits[:min(size, len(hits))], clusters[:min(size, len(clusters))]
	sizes, err := ix.matchesPerCluster(ctx, query.NewMatchAllQuery(), clusters)
	if err != nil {
		return nil, err
	}
	stored, err := ix.loadStored(ctx, hits)
	if err != nil {
		return nil, err
	}
	for i, h := range hits {
		hit := ix.hit(h, stored[h.ID], nil)
		hit.Duplicates = max(sizes[clusters[i]]-1, 0)
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

// storedOf reads the stored fields of article id.
func (ix *Index) storedOf(ctx context.Context, id string) (fieldsOf, error) {
	sr := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	sr.Fields = storedFields
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: related %q: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("search: article %q: %w", id, xinwen.ErrNotFound)
	}
	return res.Hits[0].Fields, nil
}

// relatedWord is one word of an article chosen to find its related
// stories.
type relatedWord struct {
	term    string
	inTitle bool
	weight  float64
}

// significantWords returns the article's relatedTerms best words by
// tf-idf. Words no article outside its own cluster holds find nothing and
// are skipped.
func (ix *Index) significantWords(ctx context.Context, f fieldsOf, own string) ([]relatedWord, error) {
	tf, inTitle, err := wordCounts(f.str(FieldTitle), f.str(FieldBody))
	if err != nil {
		return nil, err
	}
	n, err := ix.alias.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: related: %w", err)
	}
	ownSize, err := ix.count(ctx, clusterTerm(own))
	if err != nil {
		return nil, err
	}
	readers, err := ix.shardReaders()
	if err != nil {
		return nil, err
	}
	defer closeAll(readers)
	var words []relatedWord
	for t, k := range tf {
		df, err := bodyDocFreq(readers, t)
		if err != nil {
			return nil, err
		}
		if df <= max(ownSize, 1) {
			continue
		}
		idf := math.Log(float64(n+1) / float64(df))
		words = append(words, relatedWord{t, inTitle[t], (1 + math.Log(float64(k))) * idf})
	}
	slices.SortFunc(words, func(a, b relatedWord) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), strings.Compare(a.term, b.term))
	})
	return words[:min(relatedTerms, len(words))], nil
}

// wordCounts counts the words of an article (title and body, zh_index,
// at least two runes with a letter), and tells which are in its title.
func wordCounts(title, body string) (map[string]int, map[string]bool, error) {
	tf, inTitle := map[string]int{}, map[string]bool{}
	for i, text := range []string{title, body} {
		toks, err := zh.Analyze(zh.IndexAnalyzerName, text)
		if err != nil {
			return nil, nil, fmt.Errorf("search: related: %w", err)
		}
		for _, t := range toks {
			if keepTerm(t.Term, 2) {
				tf[t.Term]++
				inTitle[t.Term] = inTitle[t.Term] || i == 0
			}
		}
	}
	return tf, inTitle, nil
}

// relatedQuery matches articles holding at least relatedMinShare of the
// words, title words boosted, except article id and its cluster.
func relatedQuery(words []relatedWord, id, own string) query.Query {
	var should []query.Query
	for _, w := range words {
		title, body := query.NewTermQuery(w.term), query.NewTermQuery(w.term)
		title.SetField(FieldTitle)
		body.SetField(FieldBody)
		if w.inTitle {
			title.SetBoost(relatedTitleBoost)
			body.SetBoost(relatedTitleBoost)
		}
		should = append(should, query.NewDisjunctionQuery([]query.Query{title, body}))
	}
	d := query.NewDisjunctionQuery(should)
	d.SetMin(max(1, math.Floor(relatedMinShare*float64(len(words)))))
	not := query.NewDisjunctionQuery([]query.Query{query.NewDocIDQuery([]string{id}), clusterTerm(own)})
	return query.NewBooleanQuery([]query.Query{d}, nil, []query.Query{not})
}

// clusterTerm matches the members of cluster c.
func clusterTerm(c string) query.Query {
	q := query.NewTermQuery(c)
	q.SetField(FieldCluster)
	return q
}
