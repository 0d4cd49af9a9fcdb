package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen/internal/testcorpus"
)

// The CI gate's sample: small enough for well under two minutes on two
// busy cores, large enough that the ranking comparison means something.
// With 1,500 articles and 100 queries the engines disagree on about five
// queries per kind and the MRR order flips with the seed; 3,000 articles
// and every eligible query (up to 1,000 per kind) are still quick, because
// known-item queries cost a millisecond each.
const (
	gateDocs   = 3000
	gateOracle = 300
	gateKnown  = 1000
	// titleMargin: on this sample the three engines rank title-word
	// queries within 0.006 MRR of one another, in an order that changes
	// with the seed (seeds 1-3: xinwen first, first, last by 0.001), so
	// titles are held to non-inferiority and the strict comparison is
	// logged. The sub-headline queries separate the engines (xinwen ahead
	// of the better baseline by 0.009 to 0.013 on seeds 1-3) and are
	// asserted strictly.
	titleMargin = 0.01
)

// TestRelevanceGate runs the whole evaluation on a sample of the research
// corpus and fails when xinwen loses its guarantees: quoted phrases must
// find exactly the articles containing the text, unquoted words at least
// 99 % of them, and known-item ranking must hold against every baseline.
func TestRelevanceGate(t *testing.T) {
	if testing.Short() {
		t.Skip("the relevance gate indexes 3,000 articles three times; skipped with -short")
	}
	corpus := testcorpus.Path(t, "xwlb.jsonl.gz")
	var log strings.Builder
	rep, err := Run(context.Background(), Config{
		Corpus: corpus, Docs: gateDocs, Oracle: gateOracle, Known: gateKnown, Seed: DefaultSeed,
		SIGHAN: testcorpus.Path(t, "sighan2005"), TempDir: t.TempDir(), Log: &log,
	})
	t.Log("\n" + log.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + rep.Table() + rep.Summary())
	if x := rep.Engine(NameXinwen); len(x.Misses) > 0 {
		var b strings.Builder
		WriteMisses(&b, x, 20)
		t.Log("xinwen's wrong answers:\n" + b.String())
	}
	checkExact(t, rep.Engine(NameXinwen))
	checkRanking(t, rep)
}

func checkExact(t *testing.T, x *EngineResult) {
	t.Helper()
	if r, p := x.Phrase.Recall(), x.Phrase.Precision(); r < 1 || p < 1 {
		t.Errorf("xinwen quoted phrases: recall %.4f, precision %.4f, want 1 and 1", r, p)
	}
	if n := x.Phrase.Inconsistent + x.Words.Inconsistent; n > 0 {
		t.Errorf("xinwen: %d answers whose total disagrees with the hits returned", n)
	}
	if r := x.Words.Recall(); r < 0.99 {
		t.Errorf("xinwen unquoted recall %.4f, want >= 0.99", r)
	}
}

func checkRanking(t *testing.T, rep *Report) {
	t.Helper()
	x := rep.Engine(NameXinwen)
	for _, name := range []string{NameCJK, NameJieba, NamePhrase} {
		b := rep.Engine(name)
		if xs, bs := x.Subheads.MRR(), b.Subheads.MRR(); xs <= bs {
			t.Errorf("sub-headline known-item MRR@10: xinwen %.3f, %s %.3f: want xinwen above", xs, name, bs)
		}
		xt, bt := x.Titles.MRR(), b.Titles.MRR()
		if xt < bt-titleMargin {
			t.Errorf("title known-item MRR@10: xinwen %.3f, %s %.3f: want xinwen no more than %.2f below", xt, name, bt, titleMargin)
		}
		if xt <= bt {
			t.Logf("title known-item MRR@10: xinwen %.3f, %s %.3f: not above (within the %.2f margin)", xt, name, bt, titleMargin)
		}
		// Pasted titles and sub-headlines rank near 1.000 on every engine;
		// xinwen must not rank them below any baseline.
		for _, k := range []struct {
			kind string
			x, b Ranking
		}{{"pasted title", x.PastedTitles, b.PastedTitles}, {"pasted sub-headline", x.PastedSubheads, b.PastedSubheads}} {
			if xm, bm := k.x.MRR(), k.b.MRR(); xm < bm {
				t.Errorf("%s known-item MRR@10: xinwen %.3f, %s %.3f: want xinwen at least as high", k.kind, xm, name, bm)
			}
		}
	}
}
