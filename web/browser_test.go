package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// browserCase describes data the browser walk-through can rely on, so the
// same walk runs over the fake here and over a real index later.
type browserCase struct {
	Query    string // matches more than one page of results
	From, To string // YYYY-MM-DD; with the first category facet, still more than one page
	Suggests bool   // typing Query yields suggestions
	Size     int    // page size to browse with (0: default), so a small index has two pages
	// Pinyin, when set, spells a frequent title word in pinyin that
	// nothing matches as typed: searching it is answered for the word.
	Pinyin string
	// Traditional, when set, is a query typed in Traditional script whose
	// Simplified form some titles hold, marked whole: it finds them, and
	// the script toggle shows them in Traditional.
	Traditional string
}

func TestBrowserFake(t *testing.T) {
	runBrowser(t, func(*testing.T) http.Handler {
		return newTestHandler(newFakeSearcher(), Options{})
	}, browserCase{Query: "人工智能", From: "2024-01-10", To: "2024-05-31", Suggests: true, Pinyin: "rengongzhineng", Traditional: "產業"})
}

// TestBrowserLive runs the same walk against a running server, such as
// `xinwen demo`, through a reverse proxy:
//
//	XINWEN_WEB_URL=http://127.0.0.1:8080 go test -run BrowserLive ./web/
//
// The default case fits the demo's sample articles (data/samples);
// XINWEN_WEB_CASE ("query,from,to,size" and optionally ",traditional"
// and ",pinyin", either of them empty to skip its step) fits another
// index.
func TestBrowserLive(t *testing.T) {
	base := os.Getenv("XINWEN_WEB_URL")
	if base == "" {
		t.Skip("set XINWEN_WEB_URL to walk through a running server")
	}
	target, err := url.Parse(base)
	if err != nil {
		t.Fatalf("XINWEN_WEB_URL: %v", err)
	}
	// 新能源汽车 is in three sample titles: typed in Traditional, or
	// spelled in pinyin, it finds them.
	bc := browserCase{Query: "中国", From: "2024-01-01", To: "2025-12-31", Size: 1,
		Traditional: "新能源汽車", Pinyin: "xinnengyuanqiche"}
	if c := os.Getenv("XINWEN_WEB_CASE"); c != "" {
		f := strings.Split(c, ",")
		if len(f) < 4 || len(f) > 6 {
			t.Fatalf("XINWEN_WEB_CASE = %q, want query,from,to,size[,traditional[,pinyin]]", c)
		}
		f = append(f, "", "")
		bc = browserCase{Query: f[0], From: f[1], To: f[2], Traditional: f[4], Pinyin: f[5]}
		bc.Size, _ = strconv.Atoi(f[3])
	}
	runBrowser(t, func(*testing.T) http.Handler { return httputil.NewSingleHostReverseProxy(target) }, bc)
}

// runBrowser walks through the search page in headless Chromium: search,
// drill into a category, filter by dates, go to page 2.
func runBrowser(t *testing.T, newHandler func(*testing.T) http.Handler, bc browserCase) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test needs %s (apt-get install -y chromium): %v", chromiumPath, err)
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	srv := httptest.NewServer(newHandler(t))
	t.Cleanup(srv.Close)
	ctx, errs := newBrowser(t)

	b := &browser{t: t, ctx: ctx, base: srv.URL}
	b.search(bc)
	b.layout()
	category := b.clickCategory()
	b.applyDates(bc, category)
	b.screenshot("/tmp/xinwen-page.png", 1280, 1000)
	b.nextPage()
	b.screenshot("/tmp/xinwen-phone.png", 390, 844)
	if bc.Pinyin != "" {
		b.pinyin(bc)
	}
	if bc.Traditional != "" {
		b.traditional(bc)
	}
	if msgs := errs(); len(msgs) > 0 {
		t.Errorf("browser reported errors:\n%s", strings.Join(msgs, "\n"))
	}
}

// newBrowser starts Chromium with a fresh profile and no network beyond
// the test server; errs returns console errors and uncaught exceptions.
func newBrowser(t *testing.T) (ctx context.Context, errs func() []string) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelTab)

	var mu sync.Mutex // guards msgs
	var msgs []string
	messages := chromedp.Console(ctx) // starts the browser; fails later if it cannot
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				msgs = append(msgs, m.String())
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string { mu.Lock(); defer mu.Unlock(); return slices.Clone(msgs) }
}

type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// eval runs JavaScript on the page and decodes its value into T.
func eval[T any](b *browser, what, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// follow runs steps that navigate, waits for the new page's results and
// returns its query.
func (b *browser) follow(what string, steps ...chromedp.Action[chromedp.Void]) url.Values {
	b.t.Helper()
	if _, err := chromedp.RunResponse(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	b.do(what+": wait for results", chromedp.WaitVisible(chromedp.CSS(".result")))
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatalf("%s: location: %v", what, err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		b.t.Fatalf("%s: location %q: %v", what, loc, err)
	}
	return u.Query()
}

func (b *browser) search(bc browserCase) {
	b.t.Helper()
	start := b.base + "/"
	if bc.Size > 0 {
		start += "?size=" + strconv.Itoa(bc.Size)
	}
	b.do("open "+start, chromedp.Navigate(start), chromedp.WaitVisible(chromedp.CSS("form#search")),
		chromedp.SendKeys(chromedp.CSS("#q"), bc.Query))
	if bc.Suggests {
		b.do("suggestions", chromedp.WaitVisible(chromedp.CSS("#suggestions li")))
	}
	q := b.follow("submit", chromedp.Submit(chromedp.CSS("form#search")))
	if q.Get("q") != bc.Query {
		b.t.Errorf("after submit q = %q, want %q", q.Get("q"), bc.Query)
	}
	if n := eval[int](b, "marks", `document.querySelectorAll('.result .snippet mark').length`); n == 0 {
		b.t.Error("no .result .snippet mark after searching")
	}
}

// clickCategory follows the first category facet and checks every result
// lies under it. It returns the category.
func (b *browser) clickCategory() string {
	b.t.Helper()
	category := eval[string](b, "read facet", `document.querySelector('.facet-category a').dataset.value`)
	q := b.follow("click facet", chromedp.Click(chromedp.CSS(".facet-category a")))
	if q.Get("category") != category {
		b.t.Errorf("after facet click category = %q, want %q", q.Get("category"), category)
	}
	b.checkCategories(category)
	return category
}

func (b *browser) checkCategories(category string) {
	b.t.Helper()
	paths := eval[[][]string](b, "read categories", `[...document.querySelectorAll('.result')].map(
		r => [...r.querySelectorAll('.category')].map(c => c.dataset.path))`)
	for i, ps := range paths {
		if !slices.ContainsFunc(ps, func(p string) bool { return p == category || strings.HasPrefix(p, category+"/") }) {
			b.t.Errorf("result %d has categories %v, outside %q", i, ps, category)
		}
	}
}

func (b *browser) applyDates(bc browserCase, category string) {
	b.t.Helper()
	b.do("set dates", chromedp.SetValue(chromedp.CSS("#from"), bc.From), chromedp.SetValue(chromedp.CSS("#to"), bc.To))
	q := b.follow("apply dates", chromedp.Click(chromedp.CSS("#apply-dates")))
	if q.Get("from") != bc.From || q.Get("to") != bc.To || q.Get("category") != category {
		b.t.Errorf("after applying dates query = %v", q)
	}
	dates := eval[[]string](b, "read dates",
		`[...document.querySelectorAll('.result time.date')].map(t => t.getAttribute('datetime'))`)
	if len(dates) == 0 {
		b.t.Error("no dated results in the range")
	}
	for _, d := range dates {
		if d < bc.From || d > bc.To {
			b.t.Errorf("result dated %s outside %s..%s", d, bc.From, bc.To)
		}
	}
	b.checkCategories(category)
}

func (b *browser) nextPage() {
	b.t.Helper()
	if !eval[bool](b, "find next", `document.querySelector('.pager a.next') !== null`) {
		b.t.Fatal("no .pager a.next: the case's range leaves a single page")
	}
	q := b.follow("next page", chromedp.Click(chromedp.CSS(".pager a.next")))
	if q.Get("page") != "2" {
		b.t.Errorf("after next page = %q, want 2", q.Get("page"))
	}
}

func (b *browser) screenshot(path string, width, height int64) {
	b.t.Helper()
	b.do("viewport", chromedp.EmulateViewport(width, height))
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // quality 100 means PNG
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Errorf("write screenshot: %v", err)
	}
}

// pinyin types bc.Pinyin: the suggestions offer a Hanzi word, the search
// is answered for the word the letters spell with a note that says so,
// and the note's link searches the letters as typed.
func (b *browser) pinyin(bc browserCase) {
	b.t.Helper()
	b.do("open for pinyin", chromedp.Navigate(b.base+"/"), chromedp.WaitVisible(chromedp.CSS("form#search")),
		chromedp.SendKeys(chromedp.CSS("#q"), bc.Pinyin), chromedp.WaitVisible(chromedp.CSS("#suggestions li")))
	if got := eval[[]string](b, "read suggestions", `[...document.querySelectorAll('#suggestions li')].map(li => li.textContent)`); len(got) == 0 || !isHan(got[0]) {
		b.t.Errorf("suggestions for %q = %v, want Hanzi words", bc.Pinyin, got)
	}
	q := b.follow("submit pinyin", chromedp.Submit(chromedp.CSS("form#search")))
	if q.Get("q") != bc.Pinyin {
		b.t.Errorf("after submit q = %q, want %q", q.Get("q"), bc.Pinyin)
	}
	to := eval[string](b, "read rewrite note", `(document.querySelector('#rewritten b') || {}).textContent || ''`)
	if !isHan(to) {
		b.t.Fatalf("no #rewritten note naming a Hanzi word after searching %q (got %q)", bc.Pinyin, to)
	}
	if n := eval[int](b, "marks", `document.querySelectorAll('.result .snippet mark').length`); n == 0 {
		b.t.Errorf("no marks in the results for %s", to)
	}
	if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS("#rewritten a"))); err != nil {
		b.t.Fatalf("search as typed: %v", err)
	}
	b.do("as typed: wait for the count", chromedp.WaitVisible(chromedp.CSS("#count")))
	loc := eval[string](b, "location", `location.search`)
	v, _ := url.ParseQuery(strings.TrimPrefix(loc, "?"))
	if v.Get("q") != bc.Pinyin || v.Get("rewrite") != "0" {
		b.t.Errorf("as typed: query %v, want q=%s and rewrite=0", v, bc.Pinyin)
	}
	if eval[bool](b, "note gone", `document.querySelector('#rewritten') !== null`) {
		b.t.Error("as typed: the page still says it searched another word")
	}
}

func isHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}
