package web

import (
	"context"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xinwen-search/xinwen"
)

// storyFake is the fake searcher with near-duplicate clusters: by id, the
// others are their own. Its search collapses them, one hit per story
// with the number of other matching members, as search.Index does, and
// filters by cluster=.
type storyFake struct {
	*fakeSearcher
	clusters map[string]string
}

func (f *storyFake) clusterOf(id string) string {
	if c, ok := f.clusters[id]; ok {
		return c
	}
	return id
}

func (f *storyFake) Search(ctx context.Context, req xinwen.SearchRequest) (*xinwen.Result, error) {
	all := req
	all.Page, all.Size, all.After, all.Cluster = 1, len(f.docs), "", ""
	res, err := f.fakeSearcher.Search(ctx, all)
	if err != nil || req.CountOnly {
		return res, err
	}
	collapse := !req.NoCollapse && req.Cluster == ""
	var hits []xinwen.Hit
	first := map[string]int{}
	for _, h := range res.Hits {
		h.Cluster = f.clusterOf(h.ID)
		if req.Cluster != "" && h.Cluster != req.Cluster {
			continue
		}
		if i, ok := first[h.Cluster]; ok && collapse {
			hits[i].Duplicates++
			continue
		}
		first[h.Cluster] = len(hits)
		hits = append(hits, h)
	}
	if req.Cluster != "" {
		res.Total = uint64(len(hits))
	}
	res.TotalClusters = uint64(len(first))
	from := min(len(hits), (req.Page-1)*req.Size)
	res.Hits, res.NextCursor, res.Page, res.Size = hits[from:min(len(hits), from+req.Size)], "", req.Page, req.Size
	return res, nil
}

// TestBrowserFakeStories walks through stories in headless Chromium: a
// collapsed hit offers its story's other articles, the link lists the
// whole cluster, and an article page shows related stories.
func TestBrowserFakeStories(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test needs %s (apt-get install -y chromium): %v", chromiumPath, err)
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	f := &storyFake{fakeSearcher: newFakeSearcher(), clusters: map[string]string{"a15": "a08", "a22": "a08"}}
	srv := httptest.NewServer(New(f, Options{Logger: quietLogger()}).Handler())
	t.Cleanup(srv.Close)
	ctx, errs := newBrowser(t)
	storyWalk(&browser{t: t, ctx: ctx, base: srv.URL})
	if msgs := errs(); len(msgs) > 0 {
		t.Errorf("browser reported errors:\n%s", strings.Join(msgs, "\n"))
	}
}

func storyWalk(b *browser) {
	b.t.Helper()
	b.follow("search 工厂车间", chromedp.Navigate(b.base+"/?q=工厂车间"))
	similar := eval[[]string](b, "similar", `[...document.querySelectorAll('.result .similar a')].map(a => a.textContent)`)
	if !slices.Equal(similar, []string{"另有 2 篇相似报道"}) {
		b.t.Fatalf("similar links %q, want one 另有 2 篇相似报道", similar)
	}
	q := b.follow("open the story", chromedp.Click(chromedp.CSS(".result .similar a")))
	if q.Get("cluster") != "a08" {
		b.t.Errorf("story link query %v, want cluster=a08", q)
	}
	ids := eval[[]string](b, "story ids", `[...document.querySelectorAll('.result .title a')].map(a => a.getAttribute('href').replace(/^\/article\//, '').replace(/\?.*/, ''))`)
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"a08", "a15", "a22"}) {
		b.t.Errorf("the story lists %q, want a08 a15 a22", ids)
	}
	b.do("open an article", chromedp.Navigate(b.base+"/article/a08"), chromedp.WaitVisible(chromedp.CSS("section.related li a")))
	if h := eval[string](b, "related heading", `document.querySelector('section.related h2').textContent`); h != "相关报道" {
		b.t.Errorf("related heading %q, want 相关报道", h)
	}
	rel := eval[[]string](b, "related", `[...document.querySelectorAll('section.related li a')].map(a => a.getAttribute('href'))`)
	if len(rel) == 0 || slices.Contains(rel, "/article/a08") {
		b.t.Errorf("related links %q, want some, not a08 itself", rel)
	}
}
