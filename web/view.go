package web

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen"
)

// searchView is everything templates/search.html shows.
type searchView struct {
	State      pageState
	FromValue  string // for <input type=date>, YYYY-MM-DD or ""
	ToValue    string
	Searched   bool
	Error      string
	Count      string
	Truncated  bool
	Rewrite    *rewriteView // set when the query was read as pinyin
	Hits       []hitView
	Chips      []link
	FacetTitle string
	FacetUp    *link // back up one level when drilled down
	Categories []link
	Months     []link
	MonthYears []yearGroup // Months under their years, newest first
	Chart      *chartView  // hits over time, nil when under two buckets
	ByDate     bool
	Relevance  string // sort links
	Scripts    []link // the script toggle: 原文, 繁體, 简体
	Newest     string
	Pager      pagerView
	Unfiltered string // same query without filters, offered when nothing matched
	Exports    []link // download every match: CSV, NDJSON
}

type hitView struct {
	TitleHTML   template.HTML
	Href        string
	Date        string
	Categories  []categoryView
	Source      string
	SnippetHTML template.HTML
	// Similar is how many other articles of the hit's story match, and
	// SimilarURL lists them all (collapse=0 and the cluster).
	Similar    int
	SimilarURL string
}

type categoryView struct{ Path, Label string }

// rewriteView says which word was searched for the typed pinyin, with a
// link that searches the letters as typed.
type rewriteView struct {
	From, To string
	AsTyped  string // URL
}

// link is a facet value, chip or page number.
type link struct {
	Label   string
	Value   string // the facet value, for scripts and tests
	URL     string
	Count   int
	Current bool
}

type pagerView struct {
	Prev, Next string
	Pages      []link
}

func newSearchView(st pageState, zone *time.Location) searchView {
	return searchView{
		State:     st,
		FromValue: dateInputValue(st.From, zone),
		ToValue:   dateInputValue(st.To, zone),
		ByDate:    st.Sort == xinwen.SortDate,
		Relevance: st.withSort(xinwen.SortRelevance).url(),
		Newest:    st.withSort(xinwen.SortDate).url(),
		Chips:     chips(st),
		Scripts:   scriptLinks(st),
	}
}

// fill adds a result to v.
func (v *searchView) fill(req xinwen.SearchRequest, res *xinwen.Result, zone *time.Location) {
	st := v.State
	v.Searched = true
	v.Count = fmt.Sprintf("找到约 %s 条结果，用时 %s 毫秒", groupDigits(res.Total), formatMS(res.TookMS))
	v.Truncated = res.Truncated
	if r := res.Rewritten; r != nil {
		asTyped := st
		asTyped.NoRewrite = true
		v.Rewrite = &rewriteView{From: r.From, To: r.To, AsTyped: asTyped.url()}
	}
	for _, h := range res.Hits {
		v.Hits = append(v.Hits, newHitView(h, st, zone))
	}
	v.FacetTitle, v.FacetUp, v.Categories = categoryFacet(st, res.Facets.Categories)
	v.Months = monthFacet(st, res.Facets.Months)
	v.MonthYears = monthsByYear(st, v.Months)
	if res.Total > 0 {
		v.Chart = newChart(st, res.Facets.Histogram)
	}
	v.Pager = pager(st, req, res)
	if res.Total > 0 {
		v.Exports = exportLinks(st)
	}
	if res.Total == 0 && st.filtered() {
		v.Unfiltered = pageState{Q: st.Q, Sort: st.Sort}.url()
	}
}

// webURL is u when it is an http(s) link, else "": a javascript: or other
// scheme would only be neutralised by the template into a dead link, and
// the article's own page is the better target.
func webURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

func newHitView(h xinwen.Hit, st pageState, zone *time.Location) hitView {
	hv := hitView{
		TitleHTML:   safeMarked(cmp.Or(h.TitleHTML, template.HTMLEscapeString(h.Title))),
		Href:        cmp.Or(webURL(h.URL), st.articleURL(h.ID)),
		Date:        dayOf(h.Date, zone),
		Source:      h.Source,
		SnippetHTML: safeMarked(h.SnippetHTML),
		Similar:     h.Duplicates,
	}
	if h.Duplicates > 0 {
		hv.SimilarURL = st.storyURL(h.Cluster)
	}
	for _, c := range h.Categories {
		hv.Categories = append(hv.Categories, categoryView{Path: c, Label: categoryLabel(c)})
	}
	return hv
}

// chips are the active filters, each with a link that removes it.
func chips(st pageState) []link {
	var out []link
	for _, c := range st.Categories {
		out = append(out, link{Label: categoryLabel(c), URL: st.replaceCategory(c, "").url()})
	}
	if st.From != "" || st.To != "" {
		label := cmp.Or(st.From, "…") + " 至 " + cmp.Or(st.To, "…")
		out = append(out, link{Label: label, URL: st.withDates("", "").url()})
	}
	return out
}

// categoryFacet shows top-level categories, or the children of the last
// selected one (drill-down). Facet values are full paths; when a level's own
// path is missing its children's counts are summed as an estimate.
func categoryFacet(st pageState, values []xinwen.FacetValue) (title string, up *link, out []link) {
	parent := ""
	if n := len(st.Categories); n > 0 {
		parent = st.Categories[n-1]
	}
	exact, summed := map[string]int{}, map[string]int{}
	for _, fv := range values {
		child, ok := childOf(parent, fv.Value)
		if !ok {
			continue
		}
		if child == fv.Value {
			exact[child] = fv.Count
		} else {
			summed[child] += fv.Count
		}
	}
	for child, n := range summed {
		if _, ok := exact[child]; !ok {
			exact[child] = n
		}
	}
	for child, n := range exact {
		next := st.replaceCategory(parent, child)
		out = append(out, link{Label: lastSegment(child), Value: child, URL: next.url(), Count: n})
	}
	slices.SortFunc(out, func(a, b link) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Label, b.Label))
	})
	if parent == "" {
		return "分类", nil, out
	}
	return "“" + lastSegment(parent) + "”下的分类", &link{
		Label: "返回上一级", URL: st.replaceCategory(parent, reverseCut(parent)).url(),
	}, out
}

// childOf names the child of parent (one more level) that path lies under.
func childOf(parent, path string) (string, bool) {
	levels := xinwen.SplitCategory(path)
	depth := len(xinwen.SplitCategory(parent))
	if len(levels) <= depth || xinwen.JoinCategory(levels[:depth]) != parent || levels[depth] == "" {
		return "", false
	}
	return xinwen.JoinCategory(levels[:depth+1]), true
}

// reverseCut drops the last level of a path ("a/b/c" -> "a/b", "a" -> "").
func reverseCut(path string) string {
	levels := xinwen.SplitCategory(path)
	return xinwen.JoinCategory(levels[:max(len(levels)-1, 0)])
}

func lastSegment(path string) string {
	levels := xinwen.SplitCategory(path)
	if len(levels) == 0 {
		return ""
	}
	return levels[len(levels)-1]
}

func categoryLabel(path string) string { return strings.ReplaceAll(path, xinwen.CategorySep, " › ") }

// monthFacet links each "YYYY-MM" bucket to that month's date range,
// newest month first.
func monthFacet(st pageState, values []xinwen.FacetValue) []link {
	values = slices.Clone(values)
	slices.SortStableFunc(values, func(a, b xinwen.FacetValue) int { return strings.Compare(b.Value, a.Value) })
	var out []link
	for _, fv := range values {
		l := link{Label: fv.Value, Value: fv.Value, Count: fv.Count}
		if m, err := time.Parse("2006-01", fv.Value); err == nil {
			from, to := m.Format(dateOnlyLayout), m.AddDate(0, 1, -1).Format(dateOnlyLayout)
			l.Label = m.Format("2006年1月")
			l.URL = st.withDates(from, to).url()
			l.Current = st.From == from && st.To == to
		}
		out = append(out, l)
	}
	return out
}

// yearGroup is a year of the month facet: a link filtering the whole
// year, counting its months, and the months.
type yearGroup struct {
	Year   link
	Months []link
}

// monthsByYear groups month links (newest first) under their years.
func monthsByYear(st pageState, months []link) []yearGroup {
	var out []yearGroup
	for _, m := range months {
		y := m.Value[:min(4, len(m.Value))]
		if n := len(out); n == 0 || out[n-1].Year.Value != y {
			yl := link{Label: y + "年", Value: y}
			if from, to, ok := bucketRange(y); ok {
				yl.URL = st.withDates(from, to).url()
				yl.Current = st.From == from && st.To == to
			}
			out = append(out, yearGroup{Year: yl})
		}
		g := &out[len(out)-1]
		g.Year.Count += m.Count
		g.Months = append(g.Months, m)
	}
	return out
}

// pager links a window of page numbers around the current page, within
// xinwen.MaxWindow; past it "next" follows the result's cursor.
func pager(st pageState, req xinwen.SearchRequest, res *xinwen.Result) pagerView {
	var p pagerView
	last := min(int((res.Total+uint64(req.Size)-1)/uint64(req.Size)), xinwen.MaxWindow/req.Size)
	cur := req.Page
	if cur > 1 {
		p.Prev = st.pageURL(cur-1, "")
	}
	switch {
	case cur < last:
		p.Next = st.pageURL(cur+1, "")
	case res.NextCursor != "" && uint64(cur*req.Size) < res.Total:
		p.Next = st.pageURL(cur+1, res.NextCursor)
	}
	start := max(1, min(cur-4, last-9))
	for n := start; n <= min(start+9, last); n++ {
		p.Pages = append(p.Pages, link{Label: strconv.Itoa(n), URL: st.pageURL(n, ""), Current: n == cur})
	}
	return p
}

// dayOf shows an RFC 3339 date as YYYY-MM-DD in zone.
func dayOf(s string, zone *time.Location) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.In(zone).Format(dateOnlyLayout)
	}
	if len(s) >= len(dateOnlyLayout) {
		return s[:len(dateOnlyLayout)]
	}
	return s
}

// dateInputValue is what an <input type=date> can show for a from/to value.
func dateInputValue(s string, zone *time.Location) string {
	if _, err := time.Parse(dateOnlyLayout, s); err == nil {
		return s
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.In(zone).Format(dateOnlyLayout)
	}
	return ""
}

func groupDigits(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func formatMS(ms float64) string {
	if ms < 10 {
		return strconv.FormatFloat(ms, 'f', 1, 64)
	}
	return strconv.FormatFloat(ms, 'f', 0, 64)
}
