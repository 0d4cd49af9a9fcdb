package web

import (
	"bytes"
	"cmp"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/display"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each joined with the layout.
type pages map[string]*template.Template

func mustParsePages() pages {
	p := pages{}
	for _, name := range []string{"search.html", "article.html"} {
		p[name] = template.Must(template.New(name).ParseFS(templateFS,
			"templates/layout.html", "templates/"+name))
	}
	return p
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 instead of half a page.
func (s *Server) render(c *gin.Context, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.fail(c, err)
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// pageSearch is the search page; it works as a plain GET form without JS.
func (s *Server) pageSearch(c *gin.Context) {
	q, err := queryOf(c.Request)
	st := stateFrom(q)
	st.showIn(acceptScript(c.Request))
	c.Header("Vary", "Accept-Language")
	v := newSearchView(st, s.opt.Zone)
	if err == nil && st.blank() {
		s.render(c, http.StatusOK, "search.html", v)
		return
	}
	var req xinwen.SearchRequest
	if err == nil {
		req, err = parseSearch(q, s.opt.Zone)
		req.Histogram = cmp.Or(req.Histogram, chartInterval(req)) // counted with the facets
	}
	var conv *display.Converter
	if err == nil {
		conv, err = pageConverter(q, st)
	}
	if err == nil {
		var res *xinwen.Result
		if res, err = s.search(c, req); err == nil {
			convertHits(res, conv)
			v.fill(req, res, s.opt.Zone)
			s.render(c, http.StatusOK, "search.html", v)
			return
		}
	}
	e := s.public(c, err)
	v.Error = pageMessage(e)
	s.render(c, e.Status, "search.html", v)
}

// articleView is what templates/article.html shows.
type articleView struct {
	State      pageState
	Error      string
	Doc        *xinwen.Doc
	Date       string
	Categories []categoryView
	Paragraphs []string
	Related    []relatedLink // other stories on the subject, shown as 相关报道
}

func (s *Server) pageArticle(c *gin.Context) {
	q, err := queryOf(c.Request)
	st := pageState{}
	if err == nil {
		st.Script, err = parseScript(q)
	}
	st.showIn(acceptScript(c.Request))
	c.Header("Vary", "Accept-Language")
	var conv *display.Converter
	if err == nil {
		conv, err = pageConverter(q, st)
	}
	var doc *xinwen.Doc
	if err == nil {
		doc, err = s.s.Get(c.Request.Context(), c.Param("id"))
	}
	if err != nil {
		e := s.public(c, err)
		s.render(c, e.Status, "article.html", articleView{State: st, Error: pageMessage(e)})
		return
	}
	v := newArticleView(convertDoc(doc, conv), st, s.opt.Zone)
	v.Related = s.relatedOf(c.Request.Context(), doc.ID, st, conv)
	s.render(c, http.StatusOK, "article.html", v)
}

func newArticleView(doc *xinwen.Doc, st pageState, zone *time.Location) articleView {
	v := articleView{State: st, Doc: doc, Date: dayOf(doc.Date, zone)}
	for _, c := range doc.Categories {
		v.Categories = append(v.Categories, categoryView{Path: c, Label: categoryLabel(c)})
	}
	for _, p := range strings.Split(doc.Body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.Paragraphs = append(v.Paragraphs, p)
		}
	}
	return v
}

// pageMessages say in Chinese what went wrong, by error code.
var pageMessages = map[string]string{
	"bad_param":      "请求参数有误：",
	"query_too_long": "查询太长了，请缩短关键词。",
	"deep_page":      "页码太深了，请缩小搜索范围，或逐页点击“下一页”。",
	"not_found":      "没有找到这篇文章，它可能已被删除。",
	"timeout":        "搜索超时，请换用更具体的关键词后重试。",
	"rate_limited":   "请求过于频繁，请稍后再试。",
	"busy":           "搜索繁忙：复杂查询太多，请稍等一秒后重试，或缩短关键词。",
	"internal":       "服务器出了点问题，请稍后重试。",
}

func pageMessage(e apiError) string {
	msg := pageMessages[e.Code]
	if e.Code == "bad_param" {
		msg += e.Message
	}
	return msg
}

// staticFiles serves the embedded static/ directory, files only.
func staticFiles() gin.HandlerFunc {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return func(c *gin.Context) {
		if strings.HasSuffix(c.Request.URL.Path, "/") {
			c.AbortWithStatusJSON(http.StatusNotFound, gin.H{"error": apiError{Code: "not_found", Message: "no such file"}})
			return
		}
		c.Header("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(c.Writer, c.Request)
	}
}
