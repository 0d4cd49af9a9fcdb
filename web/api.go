package web

import (
	"github.com/gin-gonic/gin"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/display"
)

func (s *Server) healthz(c *gin.Context) {
	st := s.s.Stats()
	h := gin.H{"status": "ok", "docs": st.Docs, "generation": st.Generation}
	if st.LiveDictInForce != "" {
		h["live_dict"] = st.LiveDictInForce
	}
	s.ok(c, h)
}

func (s *Server) apiSearch(c *gin.Context) {
	v, req, err := apiSearchOf(c.Request, s.opt.Zone)
	if err != nil {
		s.fail(c, err)
		return
	}
	conv, err := apiConverter(v)
	if err != nil {
		s.fail(c, err)
		return
	}
	res, err := s.search(c, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	convertHits(res, conv)
	s.ok(c, res)
}

// search calls the Searcher and notes the hit count for the access log.
// Nil slices become empty so the JSON always has arrays.
func (s *Server) search(c *gin.Context, req xinwen.SearchRequest) (*xinwen.Result, error) {
	res, err := s.searchWithin(c, req, s.opt.SearchTimeout)
	if err != nil {
		return nil, err
	}
	c.Set(hitsKey, res.Total)
	if res.Hits == nil {
		res.Hits = []xinwen.Hit{}
	}
	if res.Facets.Categories == nil {
		res.Facets.Categories = []xinwen.FacetValue{}
	}
	if res.Facets.Months == nil {
		res.Facets.Months = []xinwen.FacetValue{}
	}
	return res, nil
}

func (s *Server) apiArticle(c *gin.Context) {
	v, err := queryOf(c.Request)
	var conv *display.Converter
	if err == nil {
		conv, err = apiConverter(v)
	}
	var doc *xinwen.Doc
	if err == nil {
		doc, err = s.s.Get(c.Request.Context(), c.Param("id"))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.ok(c, convertDoc(doc, conv))
}

func (s *Server) apiSuggest(c *gin.Context) {
	v, err := queryOf(c.Request)
	if err != nil {
		s.fail(c, err)
		return
	}
	prefix, n, err := parseSuggest(v)
	if err != nil {
		s.fail(c, err)
		return
	}
	list := []string{}
	if prefix != "" {
		if list, err = s.s.Suggest(c.Request.Context(), prefix, n); err != nil {
			s.fail(c, err)
			return
		}
	}
	if list == nil {
		list = []string{}
	}
	s.ok(c, gin.H{"suggestions": list})
}
