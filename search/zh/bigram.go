package zh

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// BigramTokenizer emits overlapping character bigrams within each run of
// word characters (letters, digits, marks; Han and Latin alike) of the
// normalized text; a one-character run emits that character. Runs are two
// empty positions apart, so no phrase connects across punctuation or
// space, not even one that skips every other bigram (search does, to read
// fewer postings: kept bigrams at most two positions apart then always
// fall in one run). Any
// string of two or more word characters in a text is then a phrase of
// bigrams in it: the exact-substring guarantee.
//
// The index form (BigramPositionsTokenizerName) leaves every token's byte
// offsets at zero. Bleve stores start and end offsets with each position,
// and nothing reads them for these fields (phrases need positions only;
// snippets are marked through package fold on the stored text): zero offsets
// take a byte each instead of two or three, 9 % of the xwlb index.
type BigramTokenizer struct{ noOffsets bool }

// runGap is how many empty positions separate two runs.
const runGap = 2

func newBigramTokenizer(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
	return &BigramTokenizer{}, nil
}

func newBigramPositionsTokenizer(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
	return &BigramTokenizer{noOffsets: true}, nil
}

// Tokenize implements analysis.Tokenizer.
func (t BigramTokenizer) Tokenize(input []byte) analysis.TokenStream {
	f := getFolder()
	defer putFolder(f)
	f.Fold(string(input))
	term := append([]byte(nil), f.Bytes...)
	b := bigrammer{f: f, term: term, slab: make([]analysis.Token, 0, utf8.RuneCount(term))}
	runStart := -1
	for i, r := range string(term) {
		switch {
		case fold.IsWordRune(r) && runStart < 0:
			runStart = i
		case !fold.IsWordRune(r) && runStart >= 0:
			b.run(runStart, i)
			runStart = -1
		}
	}
	if runStart >= 0 {
		b.run(runStart, len(term))
	}
	out := make(analysis.TokenStream, len(b.slab))
	for i := range b.slab {
		if t.noOffsets {
			b.slab[i].Start, b.slab[i].End = 0, 0
		}
		out[i] = &b.slab[i]
	}
	return out
}

type bigrammer struct {
	f    *fold.Text
	term []byte
	slab []analysis.Token // one allocation for all tokens
	pos  int
}

// run emits the tokens of term[from:to], two positions after the last run.
func (b *bigrammer) run(from, to int) {
	if b.pos > 0 {
		b.pos += runGap
	}
	_, first := utf8.DecodeRune(b.term[from:to])
	if from+first == to {
		b.emit(from, to)
		return
	}
	prev := from
	for i := from + first; i < to; {
		_, size := utf8.DecodeRune(b.term[i:to])
		b.emit(prev, i+size)
		prev, i = i, i+size
	}
}

func (b *bigrammer) emit(from, to int) {
	b.pos++
	start, end := b.f.Span(from, to)
	b.slab = append(b.slab, analysis.Token{
		Term:     b.term[from:to:to],
		Start:    start,
		End:      end,
		Position: b.pos,
		Type:     bigramType(b.term[from:to]),
	})
}

// bigramType is tokenType for a term of at most two runes.
func bigramType(term []byte) analysis.TokenType {
	r, n := utf8.DecodeRune(term)
	r2, _ := utf8.DecodeRune(term[n:])
	switch {
	case r >= utf8.RuneSelf && isIdeographic(r), r2 >= utf8.RuneSelf && isIdeographic(r2):
		return analysis.Ideographic
	case '0' <= r && r <= '9' && (n == len(term) || '0' <= r2 && r2 <= '9'):
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

func isIdeographic(r rune) bool {
	if 0x4e00 <= r && r <= 0x9fff {
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}
