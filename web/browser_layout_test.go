package web

import (
	"net/url"
	"os"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

// layout checks the results page at a phone's width and a desktop's,
// with a screenshot of each in XINWEN_SHOTS (a temporary directory
// unless set): at 390 px the first result stands above the facets and
// the page does not scroll sideways; at 1280 px the facets stand open
// beside the results; at both the chart's bars link to their periods.
// It then follows the first bar and comes back.
func (b *browser) layout() {
	b.t.Helper()
	dir := os.Getenv("XINWEN_SHOTS")
	if dir == "" {
		dir = b.t.TempDir()
	}
	back := eval[string](b, "location", `location.href`)
	b.screenshot(filepath.Join(dir, "shot-390.png"), 390, 844)
	b.checkChart(390)
	type box struct{ Top, Left, Right, Height float64 }
	rect := func(sel string) string {
		return `(r => ({Top: r.top, Left: r.left, Right: r.right, Height: r.height}))(document.querySelector('` + sel + `').getBoundingClientRect())`
	}
	first, facets := eval[box](b, "first result", rect(".result")), eval[box](b, "facets", rect("#facets"))
	if first.Top >= facets.Top {
		b.t.Errorf("at 390 px the first result's top %.0f is not above the facets' top %.0f", first.Top, facets.Top)
	}
	if w := eval[float64](b, "page width", `document.documentElement.scrollWidth`); w > 390 {
		b.t.Errorf("at 390 px the page is %.0f px wide: it scrolls sideways", w)
	}

	b.screenshot(filepath.Join(dir, "shot-1280.png"), 1280, 1000)
	b.checkChart(1280)
	first, facets = eval[box](b, "first result", rect(".result")), eval[box](b, "facet list", rect("#facets .facet-category"))
	if facets.Height == 0 || facets.Left < first.Right {
		b.t.Errorf("at 1280 px the facets (%+v) do not stand open beside the results (%+v)", facets, first)
	}
	if !eval[bool](b, "facet link visible", `document.querySelector('.facet-category a').checkVisibility()`) {
		b.t.Error("at 1280 px the category facet's links are hidden")
	}

	bar := eval[string](b, "first bar", `document.querySelector('.chart svg a').getAttribute('href')`)
	q := b.follow("click a bar", chromedp.Click(chromedp.CSS(".chart svg a")))
	want, _ := url.Parse(bar)
	if q.Get("from") == "" || q.Get("from") != want.Query().Get("from") || q.Get("to") != want.Query().Get("to") {
		b.t.Errorf("after clicking the bar %s query = %v", bar, q)
	}
	b.follow("back to the search", chromedp.Navigate(back))
}

// checkChart asserts the chart is drawn at width px with at least two
// bars, each a link setting from and to, titled with its count.
func (b *browser) checkChart(width int) {
	b.t.Helper()
	type bar struct {
		Href, Title string
		Width       float64
	}
	bars := eval[[]bar](b, "chart bars", `[...document.querySelectorAll('.chart svg a')].map(a => ({
		Href: a.getAttribute('href'), Title: a.querySelector('title').textContent,
		Width: a.getBoundingClientRect().width}))`)
	if len(bars) < 2 {
		b.t.Fatalf("at %d px the chart has %d linked bars, want at least 2", width, len(bars))
	}
	for _, br := range bars {
		u, err := url.Parse(br.Href)
		if err != nil || u.Query().Get("from") == "" || u.Query().Get("to") == "" || br.Width <= 0 {
			b.t.Errorf("at %d px bar %+v does not link a drawn period", width, br)
		}
	}
	if w := eval[float64](b, "chart width", `document.querySelector('.chart svg').getBoundingClientRect().width`); w <= 0 || w > float64(width) {
		b.t.Errorf("at %d px the chart is %.0f px wide", width, w)
	}
}
