package eval

import (
	"math/rand/v2"
	"os"
	"sort"
	"testing"
)

func TestMeasureClustersXWLB(t *testing.T) {
	const corpus = "../../shared/corpus/xwlb.jsonl.gz"
	if _, err := os.Stat(corpus); err != nil || testing.Short() {
		t.Skip("no corpus at " + corpus)
	}
	docs, err := prepareCorpus(corpus, t.TempDir()+"/s.jsonl", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := MeasureClusters(docs, 300, twinsPath(corpus), nil, rand.New(rand.NewPCG(1, 9)))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for k := range res.Copies {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t.Logf("copy %-28s %.3f (%d)", k, res.Copies[k].Share(), res.Copies[k].Of)
	}
	for k, c := range res.Lookalike {
		t.Logf("lookalike %-28s apart %.3f (%d)", k, c.Share(), c.Of)
	}
	for _, k := range kinds {
		if s := res.Copies[k].Share(); s < 0.85 {
			t.Errorf("copies %s: recall %.3f < 0.85", k, s)
		}
	}
	if s := All(res.Copies).Share(); s < 0.95 {
		t.Errorf("copies: recall %.3f < 0.95", s)
	}
	if s := All(res.Lookalike).Share(); s < 0.99 {
		t.Errorf("look-alikes apart %.3f < 0.99", s)
	}
	t.Logf("overall %.3f twins %.3f (%d) in %.1fs", All(res.Copies).Share(), res.Twins.Share(), res.Twins.Of, res.Seconds)
}
