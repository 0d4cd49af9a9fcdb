package web

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/display"
)

// fakeSearcher is a small deterministic in-memory Searcher: it filters by
// words, category prefix and date, highlights with <mark>, counts facets and
// pages. It records the last Request it got.
type fakeSearcher struct {
	docs []xinwen.Doc

	mu      sync.Mutex // guards last
	last    *xinwen.SearchRequest
	err     error                       // returned by every call when set
	hook    func(context.Context) error // runs first in Search when set
	rewrite func(*xinwen.Result)        // edits each result when set
}

var _ xinwen.Searcher = (*fakeSearcher)(nil)

var fakeZone = time.FixedZone("CST", 8*60*60)

// fakeTopics cycle over the fake articles: category path, source, title stem.
var fakeTopics = []struct{ cat, source, title string }{
	{"科技/人工智能", "新华社", "人工智能大模型走进工厂车间"},
	{"科技/互联网", "人民网", "人工智能助力互联网平台治理"},
	{"科技/人工智能", "央视新闻", "人工智能芯片产业加速发展"},
	{"财经/股市", "经济日报", "人工智能概念股震荡上行"},
	{"新闻联播/国内联播快讯", "央视网", "各地推进人工智能+行动"},
	{"科技/互联网", "新华社", "人工智能应用惠及千家万户"},
	{"体育", "体坛周报", "智能裁判系统亮相全国赛场"},
}

func newFakeSearcher() *fakeSearcher {
	f := &fakeSearcher{}
	start := time.Date(2024, 1, 3, 9, 30, 0, 0, fakeZone)
	for i := range 26 {
		t := fakeTopics[i%len(fakeTopics)]
		f.docs = append(f.docs, xinwen.Doc{
			ID:         fmt.Sprintf("a%02d", i+1),
			Title:      fmt.Sprintf("%s（第%d期）", t.title, i+1),
			Body:       fmt.Sprintf("本报讯 第%d篇报道。%s，专家认为这将带来新的机遇。\n记者在现场看到，相关项目进展顺利。", i+1, t.title),
			Date:       start.AddDate(0, 0, 6*i).Format(time.RFC3339),
			Categories: []string{t.cat},
			Source:     t.source,
		})
	}
	f.docs[0].URL = "https://news.example.com/a01.html"
	return f
}

func (f *fakeSearcher) lastRequest() xinwen.SearchRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.last == nil {
		return xinwen.SearchRequest{}
	}
	return *f.last
}

func (f *fakeSearcher) Search(ctx context.Context, req xinwen.SearchRequest) (*xinwen.Result, error) {
	f.mu.Lock()
	f.last = &req
	f.mu.Unlock()
	if f.hook != nil {
		if err := f.hook(ctx); err != nil {
			return nil, err
		}
	}
	if f.err != nil {
		return nil, f.err
	}
	words, excluded := fakeParse(fakeFold(req.Query))
	var hits []xinwen.Doc
	for _, d := range f.docs {
		if fakeMatch(d, req, words, excluded) {
			hits = append(hits, d)
		}
	}
	fakeSort(hits, req.Sort, words)
	res := &xinwen.Result{Total: uint64(len(hits)), TookMS: 1.5, Page: req.Page, Size: req.Size}
	if !req.NoFacets {
		res.Facets = fakeFacets(hits)
	}
	res.Facets.Histogram = fakeHistogram(hits, req.Histogram)
	if req.CountOnly {
		res.Size, res.Hits = 0, []xinwen.Hit{}
		return res, nil
	}
	offset := (req.Page - 1) * req.Size
	if req.After != "" {
		offset, _ = strconv.Atoi(strings.TrimPrefix(req.After, "o:"))
	}
	for _, d := range hits[min(offset, len(hits)):min(offset+req.Size, len(hits))] {
		res.Hits = append(res.Hits, fakeHit(d, words))
	}
	if end := offset + req.Size; end < len(hits) {
		res.NextCursor = "o:" + strconv.Itoa(end)
	}
	if f.rewrite != nil {
		f.rewrite(res)
	}
	if to, ok := fakePinyin[req.Query]; ok && res.Total == 0 && !req.NoRewrite {
		from := req.Query
		req.Query = to
		res, err := f.Search(ctx, req)
		if err == nil {
			res.Rewritten = &xinwen.Rewrite{From: from, To: to}
		}
		return res, err
	}
	return res, nil
}

// fakePinyin is what the fake reads as pinyin, as search does for the
// words of its titles.
var fakePinyin = map[string]string{"rengongzhineng": "人工智能", "rgzn": "人工智能"}

// fakeFold folds a Traditional query to Simplified, as search folds
// both scripts to one.
func fakeFold(q string) string {
	c, err := display.For(display.Simplified)
	if err != nil {
		panic(err)
	}
	return c.Text(q)
}

func fakeParse(q string) (words, excluded []string) {
	for _, w := range strings.Fields(strings.ReplaceAll(q, `"`, " ")) {
		if rest, ok := strings.CutPrefix(w, "-"); ok && rest != "" {
			excluded = append(excluded, rest)
		} else {
			words = append(words, w)
		}
	}
	return words, excluded
}

func fakeMatch(d xinwen.Doc, req xinwen.SearchRequest, words, excluded []string) bool {
	text := d.Title + "\n" + d.Body
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	for _, w := range excluded {
		if strings.Contains(text, w) {
			return false
		}
	}
	t, _ := time.Parse(time.RFC3339, d.Date)
	if (!req.From.IsZero() && t.Before(req.From)) || (!req.To.IsZero() && t.After(req.To)) {
		return false
	}
	if len(req.Categories) == 0 {
		return true
	}
	return slices.ContainsFunc(req.Categories, func(p string) bool {
		return slices.ContainsFunc(d.Categories, func(c string) bool {
			return c == p || strings.HasPrefix(c, p+"/")
		})
	})
}

// fakeSort orders by date (newest first), or by how often the words occur.
func fakeSort(docs []xinwen.Doc, sort string, words []string) {
	score := func(d xinwen.Doc) int {
		n := 0
		for _, w := range words {
			n += strings.Count(d.Title, w)*3 + strings.Count(d.Body, w)
		}
		return n
	}
	slices.SortStableFunc(docs, func(a, b xinwen.Doc) int {
		if sort == xinwen.SortDate {
			return strings.Compare(b.Date, a.Date)
		}
		return cmp.Or(cmp.Compare(score(b), score(a)), strings.Compare(b.Date, a.Date))
	})
}

// fakeFacets counts every level of each category path and each month.
func fakeFacets(docs []xinwen.Doc) xinwen.Facets {
	cats, months := map[string]int{}, map[string]int{}
	for _, d := range docs {
		for _, c := range d.Categories {
			parts := strings.Split(c, "/")
			for i := range parts {
				cats[strings.Join(parts[:i+1], "/")]++
			}
		}
		months[d.Date[:7]]++
	}
	return xinwen.Facets{Categories: fakeBuckets(cats), Months: fakeBuckets(months)}
}

// fakeHistogram buckets docs by interval in the fake's zone, every
// bucket from the oldest's to the newest's, as search does.
func fakeHistogram(docs []xinwen.Doc, interval string) []xinwen.Bucket {
	if interval == "" || len(docs) == 0 {
		return nil
	}
	key := func(t time.Time) string {
		switch interval {
		case xinwen.HistogramWeek:
			y, w := t.ISOWeek()
			return fmt.Sprintf("%04d-W%02d", y, w)
		case xinwen.HistogramMonth:
			return t.Format("2006-01")
		case xinwen.HistogramYear:
			return t.Format("2006")
		}
		return t.Format("2006-01-02")
	}
	counts := map[string]int{}
	first, last := time.Time{}, time.Time{}
	for _, d := range docs {
		t, _ := time.Parse(time.RFC3339, d.Date)
		t = t.In(fakeZone)
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		counts[key(day)]++
		if first.IsZero() || day.Before(first) {
			first = day
		}
		if day.After(last) {
			last = day
		}
	}
	var out []xinwen.Bucket
	for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
		if k := key(day); len(out) == 0 || out[len(out)-1].Key != k {
			out = append(out, xinwen.Bucket{Key: k, Count: counts[k]})
		}
	}
	return out
}

func fakeBuckets(m map[string]int) []xinwen.FacetValue {
	var out []xinwen.FacetValue
	for v, n := range m {
		out = append(out, xinwen.FacetValue{Value: v, Count: n})
	}
	slices.SortFunc(out, func(a, b xinwen.FacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Value, b.Value))
	})
	return out
}

func fakeHit(d xinwen.Doc, words []string) xinwen.Hit {
	snippet := []rune(strings.ReplaceAll(d.Body, "\n", " "))
	return xinwen.Hit{
		ID: d.ID, Title: d.Title, URL: d.URL, Date: d.Date,
		Categories: d.Categories, Source: d.Source, Score: 1,
		TitleHTML:   fakeMark(d.Title, words),
		SnippetHTML: fakeMark(string(snippet[:min(len(snippet), 60)]), words),
	}
}

func fakeMark(s string, words []string) string {
	s = html.EscapeString(s)
	for _, w := range words {
		w = html.EscapeString(w)
		s = strings.ReplaceAll(s, w, "<mark>"+w+"</mark>")
	}
	return s
}

func (f *fakeSearcher) Get(_ context.Context, id string) (*xinwen.Doc, error) {
	if f.err != nil {
		return nil, f.err
	}
	for _, d := range f.docs {
		if d.ID == id {
			return &d, nil
		}
	}
	return nil, fmt.Errorf("get %q: %w", id, xinwen.ErrNotFound)
}

func (f *fakeSearcher) Suggest(_ context.Context, prefix string, n int) ([]string, error) {
	if f.err != nil {
		return nil, f.err
	}
	if w, ok := fakePinyin[prefix]; ok {
		return []string{w}, nil
	}
	var out []string
	for _, d := range f.docs {
		if strings.HasPrefix(d.Title, prefix) && len(out) < n && !slices.Contains(out, d.Title) {
			out = append(out, d.Title)
		}
	}
	return out, nil
}

func (f *fakeSearcher) Stats() xinwen.Stats {
	return xinwen.Stats{Docs: uint64(len(f.docs)), Generation: "g20240601-1", SizeBytes: 123456, DictVersion: "test"}
}
