package zh

import (
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// newTestIndex indexes docs in memory with a bigram field and a word field.
func newTestIndex(t *testing.T, docs map[string]string) bleve.Index {
	t.Helper()
	words := bleve.NewTextFieldMapping()
	words.Analyzer = IndexAnalyzerName
	bigrams := bleve.NewTextFieldMapping()
	bigrams.Analyzer = BigramAnalyzerName
	doc := bleve.NewDocumentMapping()
	doc.AddFieldMappingsAt("words", words)
	doc.AddFieldMappingsAt("bigrams", bigrams)
	m := mapping.NewIndexMapping()
	m.DefaultMapping = doc
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	for id, text := range docs {
		if err := idx.Index(id, map[string]any{"words": text, "bigrams": text}); err != nil {
			t.Fatal(err)
		}
	}
	return idx
}

func TestBleveIndex(t *testing.T) {
	idx := newTestIndex(t, map[string]string{
		"rmb": "人民币汇率保持稳定",
		"prc": "中华人民共和国成立七十五周年",
		"net": "5G网络覆盖所有乡镇",
		"gap": "为人民，币值稳定",
	})
	phrase := func(field, analyzer, text string) query.Query {
		q := bleve.NewMatchPhraseQuery(text)
		q.SetField(field)
		q.Analyzer = analyzer
		return q
	}
	for _, tc := range []struct {
		name string
		q    query.Query
		want []string
	}{
		{"bigram substring", phrase("bigrams", BigramAnalyzerName, "人民"), []string{"prc", "rmb", "gap"}},
		{"bigram across words", phrase("bigrams", BigramAnalyzerName, "民币汇"), []string{"rmb"}},
		{"bigram mixed script", phrase("bigrams", BigramAnalyzerName, "5g网"), []string{"net"}},
		{"bigram never across punctuation", phrase("bigrams", BigramAnalyzerName, "民币值"), nil},
		{"word sub-word", phrase("words", QueryAnalyzerName, "中华"), []string{"prc"}},
		{"word phrase over parent", phrase("words", QueryAnalyzerName, "中华人民共和国成立"), []string{"prc"}},
		{"word not a substring", phrase("words", QueryAnalyzerName, "民币"), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := idx.Search(bleve.NewSearchRequest(tc.q))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if !sameSet(got, tc.want) {
				t.Errorf("hits %v, want %v", got, tc.want)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]bool{}
	for _, s := range a {
		seen[s] = true
	}
	for _, s := range b {
		if !seen[s] {
			return false
		}
	}
	return true
}
