package eval

import (
	"context"
	"strings"
	"testing"
)

// TestRunOnInventedCorpus runs the whole evaluation on testdata/corpus.jsonl
// (articles written for this test), so the pipeline is checked even where
// the research corpus is absent.
func TestRunOnInventedCorpus(t *testing.T) {
	var log strings.Builder
	rep, err := Run(context.Background(), Config{
		Corpus: "testdata/corpus.jsonl", Oracle: 40, Known: 10, Seed: 3,
		SIGHAN: "testdata/sighan", TempDir: t.TempDir(), Log: &log,
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if rep.Docs != 8 || len(rep.Engines) != 4 || rep.Seg == nil {
		t.Fatalf("report: %d docs, %d engines, segmentation %v", rep.Docs, len(rep.Engines), rep.Seg)
	}
	if len(rep.Subheads) != 4 {
		t.Errorf("%d sub-headline queries, want one per invented sub-headline (4): %+v", len(rep.Subheads), rep.Subheads)
	}
	for _, k := range rep.Titles {
		if strings.HasPrefix(k.Source, "春季植树") {
			t.Errorf("the recurring title made a query: %+v", k)
		}
	}
	if !strings.Contains(log.String(), "index xinwen") {
		t.Errorf("no phase timings:\n%s", log.String())
	}
	x := rep.Engine(NameXinwen)
	if x.Phrase.Recall() != 1 || x.Phrase.Precision() != 1 || x.Words.Recall() != 1 {
		var b strings.Builder
		WriteMisses(&b, x, 10)
		t.Errorf("xinwen on the invented corpus: phrase %.3f/%.3f, words %.3f\n%s",
			x.Phrase.Recall(), x.Phrase.Precision(), x.Words.Recall(), b.String())
	}
	t.Log("\n" + rep.Table())
}

func TestDocContains(t *testing.T) {
	d := inventedDocs()[0]
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"ai应用", true},  // ＡＩ folded to ai
		{"经济发展", true},  // title
		{"很快人民", false}, // title and body are separate texts
		{"ＡＩ", false},   // probes are normalized; the raw form is not in the normalized text
	} {
		if got := d.Contains(tc.s); got != tc.want {
			t.Errorf("Contains(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
