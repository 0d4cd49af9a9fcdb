package zh

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/xinwen-search/xinwen/internal/testcorpus"
)

func TestEvalF1(t *testing.T) {
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
			p, r, f := EvalF1(tc.gold, tc.predicted)
			if !near(p, tc.p) || !near(r, tc.r) || !near(f, tc.f) {
				t.Errorf("EvalF1 = %.3f %.3f %.3f, want %.3f %.3f %.3f", p, r, f, tc.p, tc.r, tc.f)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

var sighanDir = filepath.Join(testcorpus.Dir(), "sighan2005") + "/"

// TestPKUSegmentation scores zh_query's segmentation (stop words kept) on
// the SIGHAN 2005 PKU test set. Evaluation only: nothing here feeds the
// dictionaries.
func TestPKUSegmentation(t *testing.T) {
	gold := readLines(t, sighanDir+"gold/pku_test_gold.utf8")
	raw := readLines(t, sighanDir+"testing/pku_test.utf8")
	if len(gold) != len(raw) {
		t.Fatalf("%d gold lines, %d test lines", len(gold), len(raw))
	}
	goldWords := make([][]string, len(gold))
	predicted := make([][]string, len(raw))
	for i := range gold {
		goldWords[i] = strings.Fields(gold[i])
		predicted[i] = segmentLine(raw[i])
	}
	p, r, f := EvalF1(goldWords, predicted)
	t.Logf("PKU test, %d sentences: P %.4f R %.4f F1 %.4f", len(gold), p, r, f)
	if f < 0.75 {
		t.Errorf("F1 %.4f below the 0.75 sanity floor", f)
	}
}

// segmentLine cuts a line with the query tokenizer and gives back the
// original surface of each word; characters it drops (punctuation) become
// one-character words, spaces are skipped, as in the gold.
func segmentLine(line string) []string {
	var out []string
	at := 0
	gap := func(to int) {
		for _, r := range line[at:to] {
			if !unicode.IsSpace(r) {
				out = append(out, string(r))
			}
		}
	}
	for _, tk := range (&Tokenizer{}).Tokenize([]byte(line)) {
		gap(tk.Start)
		out = append(out, line[tk.Start:tk.End])
		at = tk.End
	}
	gap(len(line))
	return out
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s absent: %v", path, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}
