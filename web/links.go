package web

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/display"
)

// pageState is what the search page carries from link to link: the raw
// filters as the user gave them, so every link keeps them.
type pageState struct {
	Q          string
	Categories []string
	From, To   string
	Sort       string
	Size       int
	Recency    bool
	// NoRewrite keeps a query of letters as typed (rewrite=0), after
	// the reader chose it over the word its pinyin spells.
	NoRewrite bool
	// Script is the script the reader chose (script=), "" when none: then
	// shown comes from the browser's languages, and links leave it out.
	Script display.Script
	shown  display.Script
	// Cluster lists one story's articles (cluster=, with collapse=0).
	Cluster string
}

// stateFrom reads the page's parameters leniently; parseSearch validates.
func stateFrom(v url.Values) pageState {
	st := pageState{
		Q:    v.Get("q"),
		From: v.Get("from"),
		To:   v.Get("to"),
		Sort: v.Get("sort"),
	}
	if req, err := (xinwen.SearchRequest{Categories: v["category"]}).Normalize(); err == nil {
		st.Categories = req.Categories // trimmed, without empty or repeated ones
	}
	st.Size, _ = strconv.Atoi(v.Get("size"))
	st.Recency, _ = strconv.ParseBool(v.Get("recency"))
	rewrite, err := strconv.ParseBool(v.Get("rewrite"))
	st.NoRewrite = err == nil && !rewrite
	if sc, err := parseScript(v); err == nil {
		st.Script = sc
	}
	st.Cluster = v.Get("cluster")
	return st
}

// storyURL lists every matching article of story c, uncollapsed.
func (st pageState) storyURL(c string) string {
	st.Cluster = c
	return st.url()
}

// showIn sets the script shown: the reader's choice, else accept.
func (st *pageState) showIn(accept display.Script) {
	st.shown = cmp.Or(st.Script, accept)
}

// Lang is the page's language tag, for the script it shows.
func (st pageState) Lang() string {
	switch st.shown {
	case display.Traditional:
		return "zh-Hant"
	case display.Simplified:
		return "zh-Hans"
	}
	return "zh-CN"
}

// withScript returns a copy of st showing sc, by the reader's choice.
func (st pageState) withScript(sc display.Script) pageState {
	st.Script, st.shown = sc, sc
	return st
}

// articleURL links to the article page of id, in the script the reader chose.
func (st pageState) articleURL(id string) string {
	u := "/article/" + url.PathEscape(id)
	if st.Script != "" {
		u += "?script=" + string(st.Script)
	}
	return u
}

// blank reports whether the visitor asked for nothing yet (the home page).
func (st pageState) blank() bool {
	return strings.TrimSpace(st.Q) == "" && len(st.Categories) == 0 && st.From == "" && st.To == ""
}

func (st pageState) filtered() bool {
	return len(st.Categories) > 0 || st.From != "" || st.To != ""
}

// PageSize is the size to carry in forms, 0 for the default.
func (st pageState) PageSize() int {
	if st.Size > 0 && st.Size <= xinwen.MaxSize && st.Size != xinwen.DefaultSize {
		return st.Size
	}
	return 0
}

// values encodes the state; page 1 and defaults are left out.
func (st pageState) values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", st.Q)
	for _, c := range st.Categories {
		v.Add("category", c)
	}
	set("from", st.From)
	set("to", st.To)
	if st.Sort == xinwen.SortDate {
		v.Set("sort", st.Sort)
	}
	if n := st.PageSize(); n > 0 {
		v.Set("size", strconv.Itoa(n))
	}
	if st.Recency {
		v.Set("recency", "1")
	}
	if st.NoRewrite {
		v.Set("rewrite", "0")
	}
	if st.Cluster != "" {
		v.Set("collapse", "0")
		v.Set("cluster", st.Cluster)
	}
	if st.Script != "" {
		v.Set("script", string(st.Script))
	}
	return v
}

// url links to page 1 of st.
func (st pageState) url() string { return st.pageURL(1, "") }

// pageURL links to page n of st, by cursor when after is set.
func (st pageState) pageURL(n int, after string) string {
	v := st.values()
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if after != "" {
		v.Set("after", after)
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// with returns a copy of st whose categories are cats.
func (st pageState) withCategories(cats []string) pageState {
	st.Categories = cats
	return st
}

func (st pageState) withDates(from, to string) pageState {
	st.From, st.To = from, to
	return st
}

func (st pageState) withSort(sort string) pageState {
	st.Sort = sort
	return st
}

// replaceCategory swaps old for repl (dropping it when repl is "").
func (st pageState) replaceCategory(old, repl string) pageState {
	cats := slices.DeleteFunc(slices.Clone(st.Categories), func(c string) bool { return c == old })
	if repl != "" && !slices.Contains(cats, repl) {
		cats = append(cats, repl)
	}
	return st.withCategories(cats)
}
