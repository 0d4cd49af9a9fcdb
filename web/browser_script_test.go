package web

import (
	"slices"

	"github.com/chromedp/chromedp"
	"github.com/xinwen-search/xinwen/search/zh/display"
)

// traditional types bc.Traditional: the results are the Simplified
// articles, marked; the toggle shows them in Traditional, marks and all,
// and the choice stays through a sort link and a new search.
func (b *browser) traditional(bc browserCase) {
	b.t.Helper()
	b.do("open for Traditional", chromedp.Navigate(b.base+"/"), chromedp.WaitVisible(chromedp.CSS("form#search")),
		chromedp.SendKeys(chromedp.CSS("#q"), bc.Traditional))
	q := b.follow("submit Traditional", chromedp.Submit(chromedp.CSS("form#search")))
	if q.Get("q") != bc.Traditional {
		b.t.Errorf("after submit q = %q, want %q", q.Get("q"), bc.Traditional)
	}
	if n := eval[int](b, "marks", `document.querySelectorAll('.result mark').length`); n == 0 {
		b.t.Errorf("no marks in the results for %s", bc.Traditional)
	}
	original := b.titles()

	q = b.follow("show Traditional", chromedp.Click(chromedp.CSS(`nav.script a[data-script="hant"]`)))
	if q.Get("script") != "hant" || q.Get("q") != bc.Traditional {
		b.t.Errorf("after the toggle query = %v, want script=hant and q=%s", q, bc.Traditional)
	}
	hant, err := display.For(display.Traditional)
	if err != nil {
		b.t.Fatal(err)
	}
	shown := b.titles()
	var want []string
	for _, t := range original {
		want = append(want, hant.Text(t))
	}
	if !slices.Equal(shown, want) || slices.Equal(shown, original) {
		b.t.Errorf("titles in Traditional = %q, want %q (from %q)", shown, want, original)
	}
	b.checkTraditional(bc, "toggle")

	q = b.follow("sort by date", chromedp.Click(chromedp.CSS(`nav.sort:not(.script) a:not(.on)`)))
	if q.Get("script") != "hant" {
		b.t.Errorf("the sort link dropped script=hant: %v", q)
	}
	b.checkTraditional(bc, "sort")
	b.do("type again", chromedp.SetValue(chromedp.CSS("#q"), bc.Traditional))
	if q = b.follow("search again", chromedp.Submit(chromedp.CSS("form#search"))); q.Get("script") != "hant" {
		b.t.Errorf("the search form dropped script=hant: %v", q)
	}
	b.checkTraditional(bc, "search again")
}

// titles reads the results' titles as shown.
func (b *browser) titles() []string {
	b.t.Helper()
	return eval[[]string](b, "read titles", `[...document.querySelectorAll('.result .title a')].map(a => a.textContent)`)
}

// checkTraditional checks the page says it is in Traditional, its toggle
// agrees, and the query's characters are marked as typed.
func (b *browser) checkTraditional(bc browserCase, when string) {
	b.t.Helper()
	if lang := eval[string](b, "lang", `document.documentElement.lang`); lang != "zh-Hant" {
		b.t.Errorf("%s: <html lang=%q>, want zh-Hant", when, lang)
	}
	if on := eval[string](b, "toggle", `(document.querySelector('nav.script a.on') || {dataset: {}}).dataset.script || ''`); on != "hant" {
		b.t.Errorf("%s: the toggle shows %q, want hant", when, on)
	}
	marks := eval[[]string](b, "read marks", `[...document.querySelectorAll('.result mark')].map(m => m.textContent)`)
	if !slices.Contains(marks, bc.Traditional) {
		b.t.Errorf("%s: marks %q, none is %q", when, marks, bc.Traditional)
	}
}
