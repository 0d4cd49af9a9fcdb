package web

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
	"github.com/xinwen-search/xinwen"
)

// apiTerms answers GET /api/terms: the significant terms of a search.
func (s *Server) apiTerms(c *gin.Context) {
	ts, req, ok := s.parseTerms(c)
	if !ok {
		return
	}
	res, err := ts.Terms(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

// apiTrends answers GET /api/trends: the terms that rose in a window.
func (s *Server) apiTrends(c *gin.Context) {
	ts, req, ok := s.parseTerms(c)
	if !ok {
		return
	}
	res, err := ts.Trends(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

// parseTerms reads a terms or trends request: a search's filters, size
// (of the term list, not of a page of hits) and min_length. On failure it
// has answered.
func (s *Server) parseTerms(c *gin.Context) (xinwen.TermsSearcher, xinwen.TermsRequest, bool) {
	var req xinwen.TermsRequest
	ts, ok := s.s.(xinwen.TermsSearcher)
	if !ok {
		c.AbortWithStatusJSON(http.StatusNotImplemented, gin.H{"error": apiError{Code: "not_implemented", Message: "this index cannot count terms"}})
		return nil, req, false
	}
	v, err := queryOf(c.Request)
	if err == nil {
		req, err = parseTermsRequest(v, s)
	}
	if err != nil {
		s.fail(c, err)
		return nil, req, false
	}
	return ts, req, true
}

func parseTermsRequest(v url.Values, s *Server) (xinwen.TermsRequest, error) {
	var req xinwen.TermsRequest
	var err error
	if req.Size, err = parseInt("size", v.Get("size"), 1, xinwen.MaxTermsSize); err != nil {
		return req, err
	}
	if req.MinLength, err = parseInt("min_length", v.Get("min_length"), 1, xinwen.MaxTermsMinLength); err != nil {
		return req, err
	}
	filters := url.Values{"q": v["q"], "category": v["category"], "from": v["from"], "to": v["to"], "sort": v["sort"]}
	req.Search, err = parseAPISearch(filters, s.opt.Zone)
	return req, err
}
