package search

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/cluster"
	"github.com/xinwen-search/xinwen/generation"
)

func candidateIDs(t *testing.T, l *Live, title, body string) []string {
	t.Helper()
	sig := cluster.Sign(title, body)
	ms, err := l.Candidates(context.Background(), sig.BandHashes())
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
		if m.Title == "" || m.Cluster == "" {
			t.Errorf("candidate %s without title or cluster: %+v", m.ID, m)
		}
	}
	return ids
}

// TestLiveCandidates: a written article's candidates are the served
// generation's articles its band table finds, unless the overlay hides
// them, and the overlay's articles sharing its band keys.
func TestLiveCandidates(t *testing.T) {
	l, _ := openLiveFixtures(t)
	var b1 fixture
	for _, f := range newsFixtures {
		if f.id == "b1" {
			b1 = f
		}
	}
	if got := candidateIDs(t, l, b1.title, b1.body); len(got) != 1 || got[0] != "b1" {
		t.Fatalf("candidates of b1's text = %q, want b1", got)
	}
	if err := l.Delete(context.Background(), "b1"); err != nil {
		t.Fatal(err)
	}
	if got := candidateIDs(t, l, b1.title, b1.body); len(got) != 0 {
		t.Errorf("candidates after b1 was deleted = %q, want none", got)
	}
	written := article("o1", "城市更新试点启动", "首批试点覆盖老旧小区改造、社区养老服务和口袋公园建设。")
	if err := l.Ingest(context.Background(), []xinwen.Article{written}); err != nil {
		t.Fatal(err)
	}
	if got := candidateIDs(t, l, written.Title, written.Body); len(got) != 1 || got[0] != "o1" {
		t.Errorf("candidates of a written article's text = %q, want o1 from the overlay", got)
	}
}

// TestLiveCandidatesWithoutBandTable: a generation whose band table is
// gone still serves searches; a lookup of candidates says what is missing.
func TestLiveCandidatesWithoutBandTable(t *testing.T) {
	root := t.TempDir()
	gen := writeGeneration(t, root, generation.Prefix+"a", newsFixtures)
	if err := os.Remove(filepath.Join(gen, generation.BandsFile)); err != nil {
		t.Fatal(err)
	}
	publishForTest(t, root, generation.Prefix+"a")
	l := reopenLive(t, root)
	if res, err := l.Search(context.Background(), xinwen.SearchRequest{Query: "汇率"}); err != nil || res.Total != 1 {
		t.Fatalf("search without band table: %v, %v", res, err)
	}
	sig := cluster.Sign("汇率走势分析", "人民币汇率")
	_, err := l.Candidates(context.Background(), sig.BandHashes())
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Candidates without band table = %v, want ErrNotExist", err)
	}
}
