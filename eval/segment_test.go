package eval

import (
	"slices"
	"testing"
)

func TestSpanF1MatchesSegmentF1(t *testing.T) {
	gold := []string{"我们", "在", "北京"}
	pred := []string{"我", "们", "在", "北京"}
	var spans []posSpan
	for i, s := range wordSpans(pred) {
		spans = append(spans, posSpan{s, i + 1})
	}
	got := spanF1(wordSpans(gold), spans)
	want := SegmentF1([][]string{gold}, [][]string{pred})
	if !near(got.P, want.P) || !near(got.R, want.R) || !near(got.F, want.F) {
		t.Errorf("spanF1 = %+v, SegmentF1 = %+v", got, want)
	}
}

func TestTopLevel(t *testing.T) {
	// 中华人民共和国 with its sub-words at position 1, 成立 at 2, a gap.
	spans := []posSpan{
		{runeSpan{0, 7}, 1}, {runeSpan{0, 2}, 1}, {runeSpan{2, 4}, 1},
		{runeSpan{7, 9}, 2}, {runeSpan{9, 10}, -1},
	}
	want := []posSpan{{runeSpan{0, 7}, 1}, {runeSpan{7, 9}, 2}, {runeSpan{9, 10}, -1}}
	if got := topLevel(spans); !slices.Equal(got, want) {
		t.Errorf("topLevel = %v, want %v", got, want)
	}
}

func TestStreamIndex(t *testing.T) {
	at, n := streamIndex("我 a\u3000b")
	// bytes: 我(0-2) ' '(3) a(4) U+3000(5-7) b(8); end 9
	want := []int{0, 0, 0, 1, 1, 2, 2, 2, 2, 3}
	if n != 3 || !slices.Equal(at, want) {
		t.Errorf("streamIndex = %v, %d, want %v, 3", at, n, want)
	}
}

// TestEvalPKU scores invented sentences in the SIGHAN layout (gold with
// CRLF and two spaces between words), not the bakeoff's own text.
func TestEvalPKU(t *testing.T) {
	seg, err := EvalPKU("testdata/sighan")
	if err != nil {
		t.Fatal(err)
	}
	if seg.Words != 13 {
		t.Errorf("%d gold words, want 13", seg.Words)
	}
	if seg.Query != seg.IndexTop {
		t.Errorf("query-mode %+v and index-mode top-level %+v differ: search mode's top level is the precise cut", seg.Query, seg.IndexTop)
	}
	if seg.Query.F < 0.8 || seg.IndexAll.R < seg.IndexTop.R || seg.IndexAll.P > seg.IndexTop.P {
		t.Errorf("scores %+v: want F1 >= 0.8, and sub-words to raise recall and lower precision", seg)
	}
	if _, err := EvalPKU("testdata/no-such-dir"); err == nil {
		t.Error("EvalPKU on a missing directory: no error")
	}
}
