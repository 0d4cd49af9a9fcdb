package web

import (
	"net/http"
	"net/url"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/display"
	"golang.org/x/text/language"
)

// parseScript reads the script parameter: the script to show titles,
// snippets and articles in (orig, hant or hans); absent is "".
func parseScript(v url.Values) (display.Script, error) {
	s, err := display.Parse(v.Get("script"))
	if err != nil {
		return s, badParam("script must be orig, hant or hans")
	}
	if v.Get("script") == "" {
		return "", nil
	}
	return s, nil
}

// acceptScript is the script a page shows when the visitor chose none:
// Traditional when the first Chinese language their browser accepts is
// written in it (zh-TW, zh-HK, zh-MO, zh-Hant), else the original text.
func acceptScript(r *http.Request) display.Script {
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil {
		return display.Original
	}
	for _, tag := range tags {
		if base, _ := tag.Base(); base.String() != "zh" {
			continue
		}
		if script, _ := tag.Script(); script.String() == "Hant" {
			return display.Traditional
		}
		return display.Original
	}
	return display.Original
}

// apiConverter reads the API's script parameter: the API shows the
// original text unless asked, whatever the client's languages.
func apiConverter(v url.Values) (*display.Converter, error) {
	sc, err := parseScript(v)
	if err != nil {
		return nil, err
	}
	return display.For(sc)
}

// pageConverter checks the page's script parameter (stateFrom drops a
// bad one; here it is an error) and loads the converter of the script
// st shows.
func pageConverter(v url.Values, st pageState) (*display.Converter, error) {
	if _, err := parseScript(v); err != nil {
		return nil, err
	}
	return display.For(st.shown)
}

// scriptLinks are the page's script toggle: each script a link that keeps
// the rest of st, the one shown current.
func scriptLinks(st pageState) []link {
	var out []link
	for _, s := range []struct {
		script display.Script
		label  string
	}{{display.Original, "原文"}, {display.Traditional, "繁體"}, {display.Simplified, "简体"}} {
		out = append(out, link{Label: s.label, Value: string(s.script), URL: st.withScript(s.script).url(), Current: st.shown == s.script})
	}
	return out
}

// convertHits shows the hits' titles and snippets in the script of c.
func convertHits(res *xinwen.Result, c *display.Converter) {
	if c == nil {
		return
	}
	for i := range res.Hits {
		h := &res.Hits[i]
		h.Title = c.Text(h.Title)
		h.TitleHTML = c.Marked(h.TitleHTML)
		h.SnippetHTML = c.Marked(h.SnippetHTML)
	}
}

// convertDoc is doc with its title and body in the script of c.
func convertDoc(doc *xinwen.Doc, c *display.Converter) *xinwen.Doc {
	if c == nil {
		return doc
	}
	d := *doc
	d.Title, d.Body = c.Text(d.Title), c.Text(d.Body)
	return &d
}
