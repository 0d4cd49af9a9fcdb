package zh

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/xinwen-search/xinwen/data"
)

// Analyzer, stop list and stop filter names in Bleve's registry.
const (
	IndexAnalyzerName  = "zh_index"  // normalize + jieba search mode + stop filter
	QueryAnalyzerName  = "zh_query"  // normalize + jieba precise mode + stop filter
	BigramAnalyzerName = "zh_bigram" // normalize + character bigrams (exact-substring field)
	// BigramPositionsAnalyzerName is zh_bigram without byte offsets: the
	// form the n-gram fields are indexed in.
	BigramPositionsAnalyzerName = "zh_bigram_positions"
	StopTokenMapName            = "zh_stop" // xinwen's stop list, data/stopwords.txt
	StopFilterName              = "zh_stop" // removes StopTokenMapName's words, leaving position gaps
)

func init() {
	must(registry.RegisterTokenizer(TokenizerName, newIndexTokenizer))
	must(registry.RegisterTokenizer(QueryTokenizerName, newQueryTokenizer))
	must(registry.RegisterTokenizer(BigramTokenizerName, newBigramTokenizer))
	must(registry.RegisterTokenMap(StopTokenMapName, newStopTokenMap))
	must(registry.RegisterTokenFilter(StopFilterName, newStopFilter))
	must(registry.RegisterAnalyzer(IndexAnalyzerName, wordAnalyzer(TokenizerName)))
	must(registry.RegisterAnalyzer(QueryAnalyzerName, wordAnalyzer(QueryTokenizerName)))
	must(registry.RegisterTokenizer(BigramPositionsTokenizerName, newBigramPositionsTokenizer))
	must(registry.RegisterAnalyzer(BigramAnalyzerName, bigramAnalyzer(BigramTokenizerName)))
	must(registry.RegisterAnalyzer(BigramPositionsAnalyzerName, bigramAnalyzer(BigramPositionsTokenizerName)))
}

// must panics on a duplicate registration: a programmer error.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// newStopTokenMap reads the embedded stop list, normalized as terms are.
func newStopTokenMap(map[string]any, *registry.Cache) (analysis.TokenMap, error) {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(data.StopWords); err != nil {
		return nil, fmt.Errorf("zh: stop list: %w", err)
	}
	folded := analysis.NewTokenMap()
	for w := range m {
		folded.AddToken(Normalize(w))
	}
	return folded, nil
}

func newStopFilter(_ map[string]any, cache *registry.Cache) (analysis.TokenFilter, error) {
	m, err := cache.TokenMapNamed(StopTokenMapName)
	if err != nil {
		return nil, err
	}
	return stop.NewStopTokensFilter(m), nil
}

// wordAnalyzer builds a jieba analyzer: the tokenizer normalizes (it must,
// to keep offsets on the original text), then stop words go.
func wordAnalyzer(tokenizer string) registry.AnalyzerConstructor {
	return func(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
		tok, err := cache.TokenizerNamed(tokenizer)
		if err != nil {
			return nil, err
		}
		stopFilter, err := cache.TokenFilterNamed(StopFilterName)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{
			Tokenizer:    tok,
			TokenFilters: []analysis.TokenFilter{stopFilter},
		}, nil
	}
}

func bigramAnalyzer(tokenizer string) registry.AnalyzerConstructor {
	return func(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
		tok, err := cache.TokenizerNamed(tokenizer)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{Tokenizer: tok}, nil
	}
}

// Token is one analyzed term. Start and End are byte offsets into the
// original text.
type Token struct {
	Term       string
	Start, End int
	Position   int
}

var analyzeCache = registry.NewCache()

// Analyze runs a registered analyzer over text, for `xinwen analyze` and
// tests.
func Analyze(analyzer, text string) ([]Token, error) {
	a, err := analyzeCache.AnalyzerNamed(analyzer)
	if err != nil {
		return nil, fmt.Errorf("zh: analyze: %w", err)
	}
	stream := a.Analyze([]byte(text))
	out := make([]Token, len(stream))
	for i, t := range stream {
		out[i] = Token{Term: string(t.Term), Start: t.Start, End: t.End, Position: t.Position}
	}
	return out, nil
}

// AnalyzeBytes is Analyze without a string for each term: the stream's
// terms are only valid until the next call.
func AnalyzeBytes(analyzer string, text []byte) (analysis.TokenStream, error) {
	a, err := analyzeCache.AnalyzerNamed(analyzer)
	if err != nil {
		return nil, fmt.Errorf("zh: analyze: %w", err)
	}
	return a.Analyze(text), nil
}
