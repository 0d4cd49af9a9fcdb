package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/internal/zhtest"
)

// openLiveFixtures publishes newsFixtures as generation "a" under a fresh
// directory and opens it live.
func openLiveFixtures(t *testing.T) (*Live, string) {
	t.Helper()
	root := t.TempDir()
	writeGeneration(t, root, generation.Prefix+"a", newsFixtures)
	publishForTest(t, root, generation.Prefix+"a")
	return reopenLive(t, root), root
}

func reopenLive(t *testing.T, root string) *Live {
	t.Helper()
	live, err := OpenLive(root, Options{DictVersion: zhtest.Version()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	return live
}

func article(id, title, body string, cats ...string) xinwen.Article {
	date := time.Date(2025, 6, 1, 8, 0, 0, 0, shanghai)
	return xinwen.Article{ID: id, Title: title, Body: body, Categories: cats, Date: date}
}

// checkOverlaid checks what ingesting o1 and replacing t1 must show: the
// new article, the replacement instead of the original, right counts.
func checkOverlaid(t *testing.T, l *Live) {
	t.Helper()
	if got := ids(search(t, l, xinwen.SearchRequest{Query: "量子计算"})); !slices.Equal(got, []string{"o1"}) {
		t.Errorf("q=量子计算: %v, want [o1]", got)
	}
	if got := ids(search(t, l, xinwen.SearchRequest{Query: "开幕"})); len(got) != 0 {
		t.Errorf("q=开幕 finds the replaced original: %v", got)
	}
	doc, err := l.Get(context.Background(), "t1")
	if err != nil || doc.Title != "人工智能大会闭幕" {
		t.Errorf("Get(t1) = %+v, %v; want the replacement", doc, err)
	}
	all := search(t, l, xinwen.SearchRequest{Size: 100})
	want := uint64(len(newsFixtures) + 1)
	if all.Total != want || len(all.Hits) != int(want) {
		t.Errorf("browse: total %d, %d hits; want %d", all.Total, len(all.Hits), want)
	}
	if n := l.Stats().Docs; n != want {
		t.Errorf("Stats().Docs = %d, want %d", n, want)
	}
	if c := facetCount(all.Facets.Categories, "科技"); c != 4 {
		t.Errorf("facet 科技 = %d, want 4 (3 fixtures, t1 replaced, plus o1)", c)
	}
}

func facetCount(fv []xinwen.FacetValue, v string) int {
	for _, f := range fv {
		if f.Value == v {
			return f.Count
		}
	}
	return 0
}

// TestOverlayIngest: ingested articles are found at once, replace the
// generation's copy of their id, and survive a restart and a new
// generation.
func TestOverlayIngest(t *testing.T) {
	live, root := openLiveFixtures(t)
	if _, err := os.Stat(filepath.Join(root, OverlayDir)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("overlay exists before the first write: %v", err)
	}
	err := live.Ingest(context.Background(), []xinwen.Article{
		article("o1", "量子计算取得突破", "科研团队发布新成果。", "科技"),
		article("t1", "人工智能大会闭幕", "大会圆满结束。", "科技", "人工智能"),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("served", func(t *testing.T) { checkOverlaid(t, live) })
	live.Close()

	live = reopenLive(t, root)
	t.Run("after restart", func(t *testing.T) { checkOverlaid(t, live) })

	writeGeneration(t, root, generation.Prefix+"b", newsFixtures)
	publishForTest(t, root, generation.Prefix+"b")
	if changed, err := live.Reload(); err != nil || !changed {
		t.Fatalf("Reload = %v, %v", changed, err)
	}
	t.Run("after a new generation", func(t *testing.T) { checkOverlaid(t, live) })
}

// TestOverlayDelete: a deleted article is gone from search, get and
// facets, from the generation and the overlay alike, also after restart.
func TestOverlayDelete(t *testing.T) {
	live, root := openLiveFixtures(t)
	ctx := context.Background()
	if err := live.Ingest(ctx, []xinwen.Article{article("o1", "量子计算取得突破", "新成果。", "科技")}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"t1", "o1"} {
		if err := live.Delete(ctx, id); err != nil {
			t.Fatalf("Delete(%s): %v", id, err)
		}
	}
	if err := live.Delete(ctx, "no-such-id"); !errors.Is(err, xinwen.ErrNotFound) {
		t.Errorf("Delete(unknown) = %v, want xinwen.ErrNotFound", err)
	}
	check := func(t *testing.T, l *Live) {
		for _, id := range []string{"t1", "o1"} {
			if _, err := l.Get(ctx, id); !errors.Is(err, xinwen.ErrNotFound) {
				t.Errorf("Get(%s) after delete = %v, want xinwen.ErrNotFound", id, err)
			}
		}
		all := search(t, l, xinwen.SearchRequest{Size: 100})
		if all.Total != uint64(len(newsFixtures)-1) || slices.Contains(ids(all), "t1") {
			t.Errorf("browse after delete: total %d, ids %v", all.Total, ids(all))
		}
		if c := facetCount(all.Facets.Categories, "科技/人工智能"); c != 0 {
			t.Errorf("facet 科技/人工智能 = %d after deleting its only article", c)
		}
		if err := l.Ingest(ctx, nil); err != nil {
			t.Errorf("empty Ingest: %v", err)
		}
	}
	t.Run("served", func(t *testing.T) { check(t, live) })
	live.Close()
	live = reopenLive(t, root)
	t.Run("after restart", func(t *testing.T) { check(t, live) })

	// Ingesting a deleted id again brings it back.
	if err := live.Ingest(ctx, []xinwen.Article{article("t1", "人工智能大会重开", "再次举办。", "科技")}); err != nil {
		t.Fatal(err)
	}
	if doc, err := live.Get(ctx, "t1"); err != nil || doc.Title != "人工智能大会重开" {
		t.Errorf("Get(t1) after re-ingest = %+v, %v", doc, err)
	}
}

// TestOverlayKeepsScores: hiding ids must not change the other hits'
// scores or order, and a query matching nothing must stay empty.
func TestOverlayKeepsScores(t *testing.T) {
	live, _ := openLiveFixtures(t)
	plain := openFixtures(t, newsFixtures)
	if err := live.Ingest(context.Background(), []xinwen.Article{article("zz", "无关", "无关内容。")}); err != nil {
		t.Fatal(err)
	}
	if err := live.Delete(context.Background(), "p2"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"人工智能", "新能源 汽车", "人民", `"上海"`} {
		want := search(t, plain, xinwen.SearchRequest{Query: q})
		got := search(t, live, xinwen.SearchRequest{Query: q})
		var kept []xinwen.Hit
		for _, h := range want.Hits {
			if h.ID != "p2" {
				kept = append(kept, h)
			}
		}
		if len(kept) != len(got.Hits) {
			t.Fatalf("q=%q: %v, want %v without p2", q, ids(got), ids(want))
		}
		for i, h := range got.Hits {
			if h.ID != kept[i].ID || h.Score != kept[i].Score {
				t.Errorf("q=%q hit %d: %s %.6f, want %s %.6f", q, i, h.ID, h.Score, kept[i].ID, kept[i].Score)
			}
		}
	}
	h, err := live.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer h.mu.RUnlock()
	res, err := h.ix.alias.Search(bleve.NewSearchRequest(bleve.NewMatchNoneQuery()))
	if err != nil || res.Total != 0 {
		t.Errorf("match-none through the overlay: %v hits, %v", res.Total, err)
	}
}

func TestIngestLimits(t *testing.T) {
	live, _ := openLiveFixtures(t)
	ctx := context.Background()
	tests := []struct {
		name string
		docs []xinwen.Article
		want error
	}{
		{"too many", make([]xinwen.Article, xinwen.MaxIngest+1), xinwen.ErrTooLarge},
		{"no id", []xinwen.Article{article("", "标题", "正文")}, xinwen.ErrBadQuery},
		{"long id", []xinwen.Article{article(strings.Repeat("x", xinwen.MaxIDBytes+1), "标题", "正文")}, xinwen.ErrBadQuery},
		{"control in id", []xinwen.Article{article("a\nb", "标题", "正文")}, xinwen.ErrBadQuery},
		{"bad UTF-8 id", []xinwen.Article{article("a\xff", "标题", "正文")}, xinwen.ErrBadQuery},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := live.Ingest(ctx, tt.docs); !errors.Is(err, tt.want) {
				t.Errorf("Ingest = %v, want %v", err, tt.want)
			}
		})
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if err := live.Ingest(canceled, []xinwen.Article{article("c1", "标题", "正文")}); !errors.Is(err, context.Canceled) {
		t.Errorf("Ingest with a canceled context = %v", err)
	}
}

// TestSearchStopsWhenCanceled: a request whose client has gone (its
// context canceled) must not run to completion.
func TestSearchStopsWhenCanceled(t *testing.T) {
	live, _ := openLiveFixtures(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, req := range []xinwen.SearchRequest{{Query: "人工智能"}, {}} {
		if _, err := live.Search(ctx, req); !errors.Is(err, context.Canceled) {
			t.Errorf("Search(%+v) with a canceled context = %v, want context.Canceled", req, err)
		}
	}
}

// TestOverlaySecondWriterFailsFast: a second process must not hang on the
// overlay's lock.
func TestOverlaySecondWriterFailsFast(t *testing.T) {
	live, root := openLiveFixtures(t)
	if err := live.Ingest(context.Background(), []xinwen.Article{article("o1", "标题", "正文")}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if l2, err := OpenLive(root, Options{DictVersion: zhtest.Version()}, nil); err == nil {
		l2.Close()
		t.Fatal("a second writer opened the overlay")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("a second open took %v", d)
	}
}

// TestOverlayBatchesWaitForDisk: Ingest may return (and the API answer
// 200) only once Bleve has persisted the batch, which scorch does unless
// unsafe_batch is set.
func TestOverlayBatchesWaitForDisk(t *testing.T) {
	if v, ok := overlayConfig["unsafe_batch"]; ok && v != false {
		t.Fatalf("overlayConfig sets unsafe_batch=%v: a 200 would no longer mean the articles are on disk", v)
	}
}

// BenchmarkHiddenIDs measures what the overlay's hidden ids (every id it
// holds or has deleted) cost each search of the generation.
func BenchmarkHiddenIDs(b *testing.B) {
	root := b.TempDir()
	writeGeneration(b, root, generation.Prefix+"a", newsFixtures)
	if err := os.WriteFile(filepath.Join(root, generation.CurrentFile), []byte(generation.Prefix+"a\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	live, err := OpenLive(root, Options{DictVersion: zhtest.Version()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer live.Close()
	for _, n := range []int{0, 1000, 10000, 100000} {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprintf("ingested-%07d", i)
		}
		slices.Sort(ids)
		live.ov.hidden.Store(&ids)
		b.Run(fmt.Sprintf("hidden=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := live.Search(context.Background(), xinwen.SearchRequest{Query: "人工智能"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Suggestions include the titles of articles ingested since the rebuild,
// and drop them when those articles are deleted.
func TestOverlaySuggest(t *testing.T) {
	live, _ := openLiveFixtures(t)
	ctx := context.Background()
	suggest := func(prefix string) []string {
		t.Helper()
		got, err := live.Suggest(ctx, prefix, 5)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := suggest("计算"); len(got) != 0 {
		t.Fatalf("Suggest(计算) before ingest = %v", got)
	}
	if err := live.Ingest(ctx, []xinwen.Article{article("q1", "量子计算机研制取得突破", "正文。")}); err != nil {
		t.Fatal(err)
	}
	if got := suggest("计算"); !slices.Contains(got, "计算机") {
		t.Errorf("Suggest(计算) after ingest = %v, want the new title's word 计算机", got)
	}
	if got := suggest("人工"); !slices.Contains(got, "人工智能") {
		t.Errorf("Suggest(人工) = %v: the generation's words must stay", got)
	}
	if err := live.Delete(ctx, "q1"); err != nil {
		t.Fatal(err)
	}
	if got := suggest("计算"); len(got) != 0 {
		t.Errorf("Suggest(计算) after delete = %v", got)
	}
}
