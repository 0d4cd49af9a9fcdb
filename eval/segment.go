package eval

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/registry"

	"github.com/xinwen-search/xinwen/search/zh"
)

// SIGHAN 2005 PKU files below the bakeoff directory. Evaluation only:
// nothing read from them may feed dictionaries, stop lists or code.
const (
	pkuTest = "testing/pku_test.utf8"
	pkuGold = "gold/pku_test_gold.utf8"
)

// Score is precision, recall and F1 of word spans.
type Score struct{ P, R, F float64 }

// Segmentation scores xinwen's tokenizers on SIGHAN 2005 PKU. The
// tokenizers are scored without the stop filter: the gold keeps function
// words, and a query or an index never sees them as anything but gaps.
type Segmentation struct {
	Words    int   // gold words
	Query    Score // zh_query's tokenizer: jieba precise mode
	IndexTop Score // zh_index's tokenizer, the longest token at each position
	IndexAll Score // zh_index's tokenizer, sub-words included
}

// EvalPKU scores the PKU test set in dir (the sighan2005 directory) over
// the token stream: words are character spans of the whole text with
// white space removed, so line breaks never misalign gold and prediction.
func EvalPKU(dir string) (*Segmentation, error) {
	test, err := readLines(filepath.Join(dir, pkuTest))
	if err != nil {
		return nil, err
	}
	gold, err := readLines(filepath.Join(dir, pkuGold))
	if err != nil {
		return nil, err
	}
	var goldWords []string
	for _, line := range gold {
		goldWords = append(goldWords, strings.Fields(line)...)
	}
	stream := []rune(strings.Join(goldWords, ""))
	query, err := streamSpans(test, zh.QueryTokenizerName, len(stream))
	if err != nil {
		return nil, err
	}
	index, err := streamSpans(test, zh.TokenizerName, len(stream))
	if err != nil {
		return nil, err
	}
	seg := &Segmentation{Words: len(goldWords)}
	seg.Query = tiledF1(goldWords, stream, query)
	seg.IndexTop = tiledF1(goldWords, stream, topLevel(index))
	seg.IndexAll = spanF1(wordSpans(goldWords), index)
	return seg, nil
}

// posSpan is a token's character span in the stream and its position.
type posSpan struct {
	runeSpan
	pos int
}

// streamSpans tokenizes every line and maps the tokens to character spans
// of the white-space-free stream; characters no token covers (punctuation)
// become one-character words at their own position, as in the gold.
func streamSpans(lines []string, tokenizer string, want int) ([]posSpan, error) {
	tok, err := registry.NewCache().TokenizerNamed(tokenizer)
	if err != nil {
		return nil, fmt.Errorf("eval: segmentation: %w", err)
	}
	var out []posSpan
	base, pos := 0, 0
	for _, line := range lines {
		at, n := streamIndex(line)
		covered := make([]bool, n+1)
		var spans []posSpan
		for _, t := range tok.Tokenize([]byte(line)) {
			s := posSpan{runeSpan{base + at[t.Start], base + at[t.End]}, pos + t.Position}
			spans = append(spans, s)
			for i := s.start; i < s.end; i++ {
				covered[i-base] = true
			}
		}
		for i := range n {
			if !covered[i] {
				spans = append(spans, posSpan{runeSpan{base + i, base + i + 1}, -1})
			}
		}
		out = append(out, spans...)
		pos += len(spans) + 1
		base += n
	}
	if base != want {
		return nil, fmt.Errorf("eval: segmentation: test text has %d characters, gold %d", base, want)
	}
	return out, nil
}

// streamIndex maps each byte offset of line (and len(line)) to the number
// of non-space characters before it, and returns that count for the line.
func streamIndex(line string) ([]int, int) {
	at := make([]int, len(line)+1)
	n := 0
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		for k := range size {
			at[i+k] = n
		}
		if !unicode.IsSpace(r) {
			n++
		}
		i += size
	}
	at[len(line)] = n
	return at, n
}

// topLevel keeps, at each position, the longest token, and the gap
// characters (position -1), in stream order.
func topLevel(spans []posSpan) []posSpan {
	best := map[int]int{} // position -> index in spans
	for i, s := range spans {
		if s.pos < 0 {
			continue
		}
		if j, ok := best[s.pos]; !ok || s.end-s.start > spans[j].end-spans[j].start {
			best[s.pos] = i
		}
	}
	var out []posSpan
	for i, s := range spans {
		if s.pos < 0 || best[s.pos] == i {
			out = append(out, s)
		}
	}
	return out
}

// tiledF1 scores non-overlapping spans with SegmentF1, which wants words
// that spell the text: the whole stream is one sentence.
func tiledF1(gold []string, stream []rune, spans []posSpan) Score {
	sorted := sortSpans(spans)
	words := make([]string, len(sorted))
	for i, s := range sorted {
		words[i] = string(stream[s.start:s.end])
	}
	return SegmentF1([][]string{gold}, [][]string{words})
}

// spanF1 scores possibly overlapping spans: a predicted span is correct
// when the gold has a word with exactly that span.
func spanF1(gold []runeSpan, pred []posSpan) Score {
	want := make(map[runeSpan]bool, len(gold))
	for _, g := range gold {
		want[g] = true
	}
	correct := 0
	for _, s := range pred {
		if want[s.runeSpan] {
			correct++
		}
	}
	p, r := ratio(correct, len(pred)), ratio(correct, len(gold))
	if p+r == 0 {
		return Score{}
	}
	return Score{p, r, 2 * p * r / (p + r)}
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: segmentation: %w", err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: segmentation: %s: %w", path, err)
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("eval: segmentation: %s: %w", path, errors.New("empty"))
	}
	return lines, nil
}

// sortSpans orders a copy of spans by start, longer first.
func sortSpans(spans []posSpan) []posSpan {
	out := slices.Clone(spans)
	slices.SortFunc(out, func(a, b posSpan) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	return out
}
