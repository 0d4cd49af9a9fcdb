package eval

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/xinwen-search/xinwen/internal/testcorpus"
	"github.com/xinwen-search/xinwen/search/zh"
)

func TestSegmentF1(t *testing.T) {
	for _, tc := range []struct {
		name      string
		gold      [][]string
		predicted [][]string
		p, r, f   float64
	}{
		{"perfect", [][]string{{"我们", "在", "北京"}}, [][]string{{"我们", "在", "北京"}}, 1, 1, 1},
		// spans: gold 我们 在 北京 / predicted 我 们 在 北京: 在 and 北京 right.
		{"split word", [][]string{{"我们", "在", "北京"}}, [][]string{{"我", "们", "在", "北京"}}, 0.5, 2.0 / 3, 4.0 / 7},
		// same words at different places do not count.
		{"shifted", [][]string{{"北京", "北京"}}, [][]string{{"北", "京北", "京"}}, 0, 0, 0},
		{"two sentences", [][]string{{"a", "bc"}, {"de"}}, [][]string{{"a", "bc"}, {"d", "e"}}, 0.5, 2.0 / 3, 4.0 / 7},
		{"missing sentence", [][]string{{"ab"}, {"cd"}}, [][]string{{"ab"}}, 1, 0.5, 2.0 / 3},
		{"empty", nil, nil, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := SegmentF1(tc.gold, tc.predicted)
			if !near(s.P, tc.p) || !near(s.R, tc.r) || !near(s.F, tc.f) {
				t.Errorf("SegmentF1 = %.3f %.3f %.3f, want %.3f %.3f %.3f", s.P, s.R, s.F, tc.p, tc.r, tc.f)
			}
		})
	}
}

// TestPKUSegmentation scores zh_query's segmentation (stop words kept) on
// the SIGHAN 2005 PKU test set, sentence by sentence. Evaluation only:
// nothing here feeds the dictionaries.
func TestPKUSegmentation(t *testing.T) {
	dir := testcorpus.Path(t, "sighan2005")
	gold := mustReadLines(t, filepath.Join(dir, pkuGold))
	raw := mustReadLines(t, filepath.Join(dir, pkuTest))
	if len(gold) != len(raw) {
		t.Fatalf("%d gold lines, %d test lines", len(gold), len(raw))
	}
	tok, err := registry.NewCache().TokenizerNamed(zh.QueryTokenizerName)
	if err != nil {
		t.Fatal(err)
	}
	goldWords := make([][]string, len(gold))
	predicted := make([][]string, len(raw))
	for i := range gold {
		goldWords[i] = strings.Fields(gold[i])
		predicted[i] = segmentLine(tok, raw[i])
	}
	s := SegmentF1(goldWords, predicted)
	t.Logf("PKU test, %d sentences: P %.4f R %.4f F1 %.4f", len(gold), s.P, s.R, s.F)
	if s.F < 0.75 {
		t.Errorf("F1 %.4f below the 0.75 sanity floor", s.F)
	}
}

// segmentLine cuts a line with tok and gives back the original surface of
// each word; characters it drops (punctuation) become one-character words,
// spaces are skipped, as in the gold.
func segmentLine(tok analysis.Tokenizer, line string) []string {
	var out []string
	at := 0
	gap := func(to int) {
		for _, r := range line[at:to] {
			if !unicode.IsSpace(r) {
				out = append(out, string(r))
			}
		}
	}
	for _, tk := range tok.Tokenize([]byte(line)) {
		gap(tk.Start)
		out = append(out, line[tk.Start:tk.End])
		at = tk.End
	}
	gap(len(line))
	return out
}

// mustReadLines reads path with the PKU reader, failing t on error.
func mustReadLines(t *testing.T, path string) []string {
	t.Helper()
	lines, err := readLines(path)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}
