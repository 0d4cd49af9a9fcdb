package bench

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLuceneBaseline runs the Lucene path on a small made-up corpus: it
// must index every article and answer every sampled query, each of which
// was drawn from the corpus and so matches at least one article.
func TestLuceneBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("starts JVMs")
	}
	ctx := context.Background()
	work := t.TempDir()
	lu, err := PrepareLucene(ctx, DefaultLuceneJars, work)
	if errors.Is(err, ErrNoLucene) {
		t.Skipf("no Lucene baseline on this machine: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	zone := time.FixedZone("CST", 8*3600)
	docs := fakeCorpus(300, 4)
	input := filepath.Join(work, "corpus.jsonl.gz")
	if err := WriteCorpus(input, docs); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(work, "index")
	run, err := lu.Index(ctx, dir, input, zone)
	if err != nil {
		t.Fatal(err)
	}
	if run.Engine != EngineLucene || run.Articles != len(docs) || run.Seconds <= 0 || run.PeakRSS <= 0 || run.SizeBytes <= 0 || run.CPU <= 0 {
		t.Errorf("indexing figures: %+v; want all %d articles and positive time, CPU, RSS and size", run, len(docs))
	}

	const perClass, rounds = 4, 2
	qs, err := SampleQueries(docs, SampleConfig{PerClass: perClass, Seed: 3, Segment: fakeSegment, Zone: zone})
	if err != nil {
		t.Fatal(err)
	}
	lat, err := lu.Queries(ctx, dir, qs, zone, rounds, work)
	if err != nil {
		t.Fatal(err)
	}
	for _, class := range append(slices.Clone(Classes), ClassAll) {
		want := perClass
		if class == ClassAll {
			want = len(qs)
		}
		for mode, m := range []map[string]Latency{lat.Facets, lat.NoFacets} {
			if l := m[class]; l.N != want || l.P50 <= 0 || l.P99 < l.P50 {
				t.Errorf("%s, mode %d: %+v; want %d timings with 0 < p50 ≤ p99", class, mode, l, want)
			}
		}
	}
	for class, n := range lat.ZeroHits {
		if n > 0 {
			t.Errorf("%d %s queries found nothing, though each was drawn from the corpus", n, class)
		}
	}
	if lat.CPUms[0] <= 0 || lat.CPUms[1] <= 0 {
		t.Errorf("CPU ms per query %v, want both positive", lat.CPUms)
	}
}

func TestFindJarsNamesTheMissingOne(t *testing.T) {
	_, err := findJars(t.TempDir())
	if !errors.Is(err, ErrNoLucene) || !strings.Contains(err.Error(), "lucene-core") {
		t.Errorf("findJars(empty dir) = %v, want ErrNoLucene naming lucene-core", err)
	}
}

func TestLuceneRowsCompareWithXinwen(t *testing.T) {
	rep := fakeReport()
	lat := QueryLatency{Facets: map[string]Latency{}, NoFacets: map[string]Latency{}}
	for _, c := range append(slices.Clone(Classes), ClassAll) {
		lat.Facets[c] = Latency{P50: 2, P95: 4, P99: 8}   // xinwen's fake p99 is 12
		lat.NoFacets[c] = Latency{P50: 1, P95: 2, P99: 8} // and 4 without facets
	}
	// Lucene at 20 MB/s against xinwen's 5 MB/s at the first scale only.
	rep.Scales[0].Lucene = &LuceneRun{Index: IndexRun{Articles: 1000, TextBytes: 10e6, Seconds: 0.5, CPU: 1, SizeBytes: 10e6, PeakRSS: 1}, Latency: lat}
	var index, facets, noFacets *Row
	rows := rep.Rows()
	for i, r := range rows {
		switch {
		case r.Section == sectionLucene && strings.HasPrefix(r.Measure, "xinwen ÷ Lucene"):
			index = &rows[i]
		case r.Section == sectionLuceneFacets && strings.HasPrefix(r.Measure, ClassAll):
			facets = &rows[i]
		case r.Section == sectionLuceneNoFac && strings.HasPrefix(r.Measure, ClassAll):
			noFacets = &rows[i]
		}
	}
	if index == nil || facets == nil || noFacets == nil {
		t.Fatal("the table has no Lucene comparison rows")
	}
	if !strings.HasPrefix(index.Cells[0], "0.25×") || index.Cells[1] != notMeasured || !strings.Contains(index.Result, "MISS") {
		t.Errorf("indexing comparison %q, %q: want 0.25× at the first scale, nothing at the second, a miss", index.Cells, index.Result)
	}
	if !strings.HasSuffix(facets.Cells[0], "; 1.50×") || !strings.Contains(facets.Result, "MISS") {
		t.Errorf("p99 with facets %q, %q: want 12 ÷ 8 = 1.50×, a miss of the 1.0× target at the first scale", facets.Cells[0], facets.Result)
	}
	if !strings.HasSuffix(noFacets.Cells[0], "; 0.50×") {
		t.Errorf("p99 without facets %q: want 4 ÷ 8 = 0.50×", noFacets.Cells[0])
	}
	if table := rep.Table(); !strings.Contains(table, sectionLuceneFacets) {
		t.Error("the Markdown table leaves out the Lucene rows")
	}
	rep.Lucene = "lucene-core-test.jar"
	rep.Scales[0].Lucene.Latency.ZeroHits = map[string]int{ClassPhrase: 3}
	md := rep.Markdown("xinwen bench --lucene", "")
	for _, want := range []string{"Lucene CJK found nothing for: ", ClassPhrase + " 3", "**Lucene CJK** (lucene-core-test.jar"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown report lacks %q", want)
		}
	}
}

func TestNoLuceneRowsWithoutLucene(t *testing.T) {
	for _, r := range fakeReport().Rows() {
		if strings.Contains(r.Section, "Lucene") {
			t.Errorf("row %q/%q without a Lucene run", r.Section, r.Measure)
		}
	}
}
