package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/display"
)

// apiRelated answers GET /api/articles/:id/related: the stories related
// to an article, one hit per story, its own left out.
func (s *Server) apiRelated(c *gin.Context) {
	rs, ok := s.s.(xinwen.RelatedSearcher)
	if !ok {
		c.AbortWithStatusJSON(http.StatusNotImplemented, gin.H{"error": apiError{Code: "not_implemented", Message: "this index cannot find related articles"}})
		return
	}
	v, err := queryOf(c.Request)
	var conv *display.Converter
	size := 0
	if err == nil {
		size, err = parseInt("size", v.Get("size"), 1, xinwen.MaxRelatedSize)
	}
	if err == nil {
		conv, err = apiConverter(v)
	}
	var res *xinwen.Related
	if err == nil {
		res, err = rs.Related(c.Request.Context(), c.Param("id"), size)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	convertHits(&xinwen.Result{Hits: res.Hits}, conv)
	s.ok(c, res)
}

// relatedLink is one related story on the article page.
type relatedLink struct {
	URL, Title, Date, Source string
}

// relatedOf lists the related stories an article page shows; the page
// still shows the article when they cannot be found.
func (s *Server) relatedOf(ctx context.Context, id string, st pageState, conv *display.Converter) []relatedLink {
	rs, ok := s.s.(xinwen.RelatedSearcher)
	if !ok {
		return nil
	}
	res, err := rs.Related(ctx, id, xinwen.DefaultRelatedSize)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			slog.Warn("related articles", "id", id, "err", err)
		}
		return nil
	}
	convertHits(&xinwen.Result{Hits: res.Hits}, conv)
	var out []relatedLink
	for _, h := range res.Hits {
		out = append(out, relatedLink{URL: st.articleURL(h.ID), Title: h.Title, Date: dayOf(h.Date, s.opt.Zone), Source: h.Source})
	}
	return out
}
