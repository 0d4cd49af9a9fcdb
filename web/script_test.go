package web

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/display"
)

func TestAcceptScript(t *testing.T) {
	for header, want := range map[string]display.Script{
		"zh-TW":             display.Traditional,
		"zh-HK,zh;q=0.8":    display.Traditional,
		"zh-MO":             display.Traditional,
		"zh-Hant":           display.Traditional,
		"zh-Hant-CN":        display.Traditional,
		"en-US,zh-TW;q=0.8": display.Traditional, // the first Chinese one decides
		"zh-CN,zh-TW;q=0.5": display.Original,
		"zh-TW;q=0.3,zh-CN": display.Original, // by q, not by order
		"zh":                display.Original,
		"zh-SG":             display.Original,
		"zh-Hans-HK":        display.Original,
		"en":                display.Original,
		"":                  display.Original,
		"%%%, ;q=x":         display.Original,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Language", header)
		if got := acceptScript(r); got != want {
			t.Errorf("Accept-Language %q: %q, want %q", header, got, want)
		}
	}
}

func TestAPIScript(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	search := func(target string, header ...string) xinwen.Result {
		t.Helper()
		rec := get(h, target, header...)
		var res xinwen.Result
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || rec.Code != 200 || len(res.Hits) == 0 {
			t.Fatalf("%s: status %d, %v: %s", target, rec.Code, err, rec.Body)
		}
		return res
	}
	// A Traditional query finds the Simplified articles; the API shows
	// them as stored unless asked, whatever the client's languages.
	h0 := search("/api/search?q=產業", "Accept-Language", "zh-TW").Hits[0]
	if !strings.Contains(h0.TitleHTML, "<mark>产业</mark>") || !strings.Contains(h0.Title, "产业加速发展") {
		t.Errorf("no script: title %q, title_html %q", h0.Title, h0.TitleHTML)
	}
	h0 = search("/api/search?q=產業&script=hant").Hits[0]
	if !strings.Contains(h0.TitleHTML, "<mark>產業</mark>加速發展") || !strings.Contains(h0.Title, "產業加速發展") || !strings.Contains(h0.SnippetHTML, "<mark>產業</mark>") {
		t.Errorf("script=hant: title %q, title_html %q, snippet %q", h0.Title, h0.TitleHTML, h0.SnippetHTML)
	}
	if h1 := search("/api/search?q=產業&script=hans").Hits[0]; h1.TitleHTML != search("/api/search?q=产业").Hits[0].TitleHTML {
		t.Errorf("script=hans changed Simplified text: %q", h1.TitleHTML)
	}
	if rec := get(h, "/api/search?q=x&script=zh-TW"); rec.Code != 400 || !strings.Contains(rec.Body.String(), "script must be") {
		t.Errorf("script=zh-TW: %d %s", rec.Code, rec.Body)
	}
	var doc xinwen.Doc
	rec := get(h, "/api/articles/a03?script=hant")
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || !strings.Contains(doc.Title, "產業加速發展") || !strings.Contains(doc.Body, "產業加速發展") {
		t.Errorf("article script=hant: %d %s", rec.Code, rec.Body)
	}
	if rec := get(h, "/api/articles/a03?script=x"); rec.Code != 400 {
		t.Errorf("article script=x: status %d, want 400", rec.Code)
	}
}

func TestPageScript(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	// The browser's languages pick the default, and links leave it out.
	rec := get(h, "/?q=產業", "Accept-Language", "zh-TW,zh;q=0.9")
	body := rec.Body.String()
	for _, want := range []string{`<html lang="zh-Hant">`, "<mark>產業</mark>加速發展", `data-script="hant" class="on"`, `href="/?q=%E7%94%A2%E6%A5%AD&amp;sort=date"`, `href="/article/a03"`} {
		if !strings.Contains(body, want) {
			t.Errorf("zh-TW: page lacks %s", want)
		}
	}
	if !strings.Contains(rec.Header().Get("Vary"), "Accept-Language") {
		t.Errorf("zh-TW: Vary = %q", rec.Header().Get("Vary"))
	}
	// A choice wins over the browser's languages and travels with links.
	body = get(h, "/?q=產業&script=orig", "Accept-Language", "zh-HK").Body.String()
	for _, want := range []string{`<html lang="zh-CN">`, "<mark>产业</mark>加速发展", `data-script="orig" class="on"`,
		`href="/article/a03?script=orig"`, `<input type="hidden" name="script" value="orig">`, `category=%E7%A7%91%E6%8A%80&amp;q=%E7%94%A2%E6%A5%AD&amp;script=orig`} {
		if !strings.Contains(body, want) {
			t.Errorf("script=orig: page lacks %s", want)
		}
	}
	body = get(h, "/?q=产业").Body.String()
	if !strings.Contains(body, `href="/?q=%E4%BA%A7%E4%B8%9A&amp;script=hant" data-script="hant"`) {
		t.Error("no toggle link to script=hant")
	}
	if rec := get(h, "/?q=产业&script=big5"); rec.Code != 400 || !strings.Contains(rec.Body.String(), "script must be") {
		t.Errorf("script=big5: status %d", rec.Code)
	}
	body = get(h, "/article/a03", "Accept-Language", "zh-HK").Body.String()
	if !strings.Contains(body, "<h1>人工智能芯片產業加速發展") || !strings.Contains(body, `<html lang="zh-Hant">`) {
		t.Error("article page: not in Traditional for zh-HK")
	}
	body = get(h, "/article/a03?script=orig", "Accept-Language", "zh-HK").Body.String()
	if !strings.Contains(body, "<h1>人工智能芯片产业加速发展") || !strings.Contains(body, `name="script" value="orig"`) ||
		!strings.Contains(body, `href="/?category=%e7%a7%91%e6%8a%80%2f%e4%ba%ba%e5%b7%a5%e6%99%ba%e8%83%bd&script=orig"`) {
		t.Error("article page: script=orig not honoured or not kept in the form")
	}
}
