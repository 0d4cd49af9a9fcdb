package zh

import (
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/yanyiwu/gojieba"

	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Tokenizer names in Bleve's registry.
const (
	TokenizerName       = "jieba"       // jieba search mode, sub-words at their parent's position
	QueryTokenizerName  = "jieba_query" // jieba precise mode
	BigramTokenizerName = "zh_bigram"   // overlapping character bigrams
	// BigramPositionsTokenizerName is zh_bigram with zero byte offsets.
	BigramPositionsTokenizerName = "zh_bigram_positions"
)

var (
	_ analysis.Tokenizer = (*Tokenizer)(nil)
	_ analysis.Tokenizer = (*BigramTokenizer)(nil)
)

// Tokenizer normalizes text and segments it with the shared jieba instance,
// looked up at tokenize time so that Use takes effect everywhere.
type Tokenizer struct {
	search bool // index mode: multi-granular sub-words
}

func newIndexTokenizer(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
	if _, err := Default(); err != nil {
		return nil, err
	}
	return &Tokenizer{search: true}, nil
}

func newQueryTokenizer(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
	if _, err := Default(); err != nil {
		return nil, err
	}
	return &Tokenizer{}, nil
}

var folders = sync.Pool{New: func() any { return new(fold.Text) }}

func getFolder() *fold.Text { return folders.Get().(*fold.Text) }

// putFolder recycles f unless one huge document made it huge.
func putFolder(f *fold.Text) {
	if cap(f.Bytes) <= 1<<20 {
		folders.Put(f)
	}
}

// Tokenize calls jieba once for the whole input. It panics if the shared
// segmenter was closed or uninstalled after the tokenizer was built: that is
// a programmer error (Close before the last analysis).
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	seg := acquire()
	defer seg.mu.RUnlock()
	f := getFolder()
	defer putFolder(f)
	f.Fold(string(input))
	text := string(f.Bytes)
	term := []byte(text) // one buffer; the tokens' terms are slices of it
	if !t.search {
		words := seg.jieba.Tokenize(text, gojieba.DefaultMode, true)
		return precise(words, term, f)
	}
	words := seg.jieba.Tokenize(text, gojieba.SearchMode, true)
	return multiGranular(words, term, f)
}

// precise numbers kept words consecutively from 1.
func precise(words []gojieba.Word, term []byte, f *fold.Text) analysis.TokenStream {
	s := newStream(len(words))
	pos := 0
	for _, w := range words {
		if fold.HasWordRune(w.Str) {
			pos++
			s.add(w, pos, term, f)
		}
	}
	return s.out
}

// multiGranular gives each sub-word the position of the top-level word
// covering it. jieba's search mode emits the top-level words (exactly the
// precise-mode cut) plus the dictionary words of 2 and 3 characters inside
// them; sorting by start, longest first, puts each parent before its parts.
func multiGranular(words []gojieba.Word, term []byte, f *fold.Text) analysis.TokenStream {
	sortWords(words)
	s := newStream(len(words))
	pos, parentEnd := 0, -1
	for _, w := range words {
		if w.Start >= parentEnd { // a top-level word
			parentEnd = w.End
			if !fold.HasWordRune(w.Str) {
				continue
			}
			pos++
		} else if pos == 0 || !fold.HasWordRune(w.Str) {
			continue
		}
		s.add(w, pos, term, f)
	}
	return s.out
}

// sortWords orders words by start, longest first. jieba's output is sorted
// but for each parent following its few sub-words, so insertion sort runs
// in linear time here.
func sortWords(words []gojieba.Word) {
	less := func(a, b gojieba.Word) bool {
		return a.Start < b.Start || a.Start == b.Start && a.End > b.End
	}
	for i := 1; i < len(words); i++ {
		for j := i; j > 0 && less(words[j], words[j-1]); j-- {
			words[j], words[j-1] = words[j-1], words[j]
		}
	}
}

// stream builds a token stream whose tokens share one allocation.
type stream struct {
	slab []analysis.Token
	out  analysis.TokenStream
}

func newStream(n int) *stream {
	return &stream{slab: make([]analysis.Token, 0, n), out: make(analysis.TokenStream, 0, n)}
}

func (s *stream) add(w gojieba.Word, pos int, term []byte, f *fold.Text) {
	start, end := f.Span(w.Start, w.End)
	s.slab = append(s.slab, analysis.Token{
		Term:     term[w.Start:w.End:w.End],
		Start:    start,
		End:      end,
		Position: pos,
		Type:     tokenType(w.Str),
	})
	s.out = append(s.out, &s.slab[len(s.slab)-1])
}

// tokenType classifies a term the way Bleve's own tokenizers do.
func tokenType(s string) analysis.TokenType {
	numeric := true
	for _, r := range s {
		if r >= utf8.RuneSelf && isIdeographic(r) {
			return analysis.Ideographic
		}
		if r < '0' || r > '9' {
			numeric = false
		}
	}
	if numeric {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
