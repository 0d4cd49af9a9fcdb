package eval

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/xinwen-search/xinwen/search/zh"

	"github.com/xinwen-search/xinwen/search"
)

// Baseline fields and boosts: the title counts twice, as in xinwen.
const (
	baseTitle      = "title"
	baseBody       = "body"
	baseTitleBoost = 2.0
	baseBatch      = 1000
)

// baselineSpec is what distinguishes one baseline from another.
type baselineSpec struct {
	name          string
	indexAnalyzer string // the fields' analyzer
	queryAnalyzer string // "" means the field's own
	// contiguous asks each typed word as a phrase of its terms, as Lucene
	// does when every word must stand contiguously.
	contiguous bool
}

var (
	// specCJK is Bleve's built-in Chinese support: width folding, lower
	// case and overlapping bigrams of Han characters (unigrams for lone
	// ones), Latin and digits as Unicode words.
	specCJK = baselineSpec{name: NameCJK, indexAnalyzer: cjk.AnalyzerName}
	// specJieba is xinwen's word fields alone: no bigram shadow fields.
	specJieba = baselineSpec{name: NameJieba, indexAnalyzer: zh.IndexAnalyzerName, queryAnalyzer: zh.QueryAnalyzerName}
	// specPhrase is the Lucene engine xinwen is measured against in issue
	// 19 (Lucene 8.8, CJK bigrams, BM25, title ×2): the cjk analyzer, and
	// every typed word contiguous, so a pasted sentence finds only the
	// articles that hold it as typed.
	specPhrase = baselineSpec{name: NamePhrase, indexAnalyzer: cjk.AnalyzerName, contiguous: true}
)

// baseline is a one-index Bleve engine with title and body only.
type baseline struct {
	spec baselineSpec
	ix   bleve.Index
	docs uint64
	size int64
}

var _ Engine = (*baseline)(nil)

// baselineMapping indexes title and body with one analyzer, with term
// vectors (phrase queries need positions) and BM25, nothing stored.
func baselineMapping(analyzer string) *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.DefaultAnalyzer = analyzer
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	dm := bleve.NewDocumentStaticMapping()
	for _, name := range []string{baseTitle, baseBody} {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store, f.IncludeInAll, f.DocValues = false, false, false
		f.IncludeTermVectors = true
		dm.AddFieldMappingsAt(name, f)
	}
	im.DefaultMapping = dm
	return im
}

// buildBaseline indexes docs into dir with Bleve's offline builder and
// opens the result.
func buildBaseline(ctx context.Context, spec baselineSpec, dir string, docs []Doc) (*baseline, error) {
	b, err := bleve.NewBuilder(dir, baselineMapping(spec.indexAnalyzer),
		map[string]any{"batchSize": baseBatch, "mergeMax": 10})
	if err != nil {
		return nil, fmt.Errorf("eval: build %s: %w", spec.name, err)
	}
	for i := range docs {
		if i%baseBatch == 0 && ctx.Err() != nil {
			b.Close()
			return nil, ctx.Err()
		}
		d := map[string]any{baseTitle: docs[i].Title, baseBody: docs[i].Body}
		if err := b.Index(docs[i].ID, d); err != nil {
			b.Close()
			return nil, fmt.Errorf("eval: build %s: %w", spec.name, err)
		}
	}
	if err := b.Close(); err != nil {
		return nil, fmt.Errorf("eval: build %s: %w", spec.name, err)
	}
	ix, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("eval: open %s: %w", spec.name, err)
	}
	return &baseline{spec: spec, ix: ix, docs: uint64(len(docs)), size: search.DirSize(dir)}, nil
}

func (b *baseline) Name() string     { return b.spec.name }
func (b *baseline) SizeBytes() int64 { return b.size }
func (b *baseline) Close() error     { return b.ix.Close() }

// query builds the baseline's reading of q. A phrase is a match-phrase on
// title^2 or body. Words: each typed word must match with all its terms
// (operator AND; as a match-phrase when the spec is contiguous) in title^2
// or in body, and every typed word must match.
func (b *baseline) query(q Query) query.Query {
	if q.Phrase {
		return b.phrase(q.Text)
	}
	words := strings.Fields(q.Text)
	all := make([]query.Query, 0, len(words))
	for _, w := range words {
		if b.spec.contiguous {
			all = append(all, b.phrase(w))
			continue
		}
		all = append(all, b.eitherField(func(field string, boost float64) query.Query {
			m := bleve.NewMatchQuery(w)
			m.SetField(field)
			m.SetBoost(boost)
			m.SetOperator(query.MatchQueryOperatorAnd)
			m.Analyzer = b.spec.queryAnalyzer
			return m
		}))
	}
	if len(all) == 1 {
		return all[0]
	}
	return bleve.NewConjunctionQuery(all...)
}

// phrase matches s as a match-phrase in title^2 or body.
func (b *baseline) phrase(s string) query.Query {
	return b.eitherField(func(field string, boost float64) query.Query {
		p := bleve.NewMatchPhraseQuery(s)
		p.SetField(field)
		p.SetBoost(boost)
		p.Analyzer = b.spec.queryAnalyzer
		return p
	})
}

func (b *baseline) eitherField(f func(field string, boost float64) query.Query) query.Query {
	return bleve.NewDisjunctionQuery(f(baseTitle, baseTitleBoost), f(baseBody, 1))
}

// All asks for every document at once: the baselines have no page limit.
func (b *baseline) All(ctx context.Context, q Query) ([]string, uint64, error) {
	ids, total, err := b.search(ctx, q, int(max(b.docs, 1)))
	return ids, total, err
}

func (b *baseline) Top(ctx context.Context, q Query, k int) ([]string, error) {
	ids, _, err := b.search(ctx, q, k)
	return ids, err
}

func (b *baseline) search(ctx context.Context, q Query, size int) ([]string, uint64, error) {
	sr := bleve.NewSearchRequestOptions(b.query(q), size, 0, false)
	sr.SortBy([]string{"-_score", "_id"})
	res, err := b.ix.SearchInContext(ctx, sr)
	if err != nil {
		return nil, 0, fmt.Errorf("eval: %s %q: %w", b.spec.name, q.Text, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, res.Total, nil
}
