package web

import (
	"context"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// hitsKey holds the total hits of a search for the access log.
const hitsKey = "xinwen.hits"

// contentSecurityPolicy allows no inline script and no third-party origin.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// routeOf is the matched route pattern, bounded for metric labels.
func routeOf(c *gin.Context) string {
	if r := c.FullPath(); r != "" {
		return r
	}
	return "unmatched"
}

// observe records metrics and writes the access log after the request.
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	took := time.Since(start)
	route, status := routeOf(c), c.Writer.Status()
	s.metrics.observe(route, status, took)

	attrs := []any{
		"method", c.Request.Method,
		"route", route,
		"status", status,
		"client", c.ClientIP(),
		"latency_ms", float64(took.Microseconds()) / 1000,
	}
	if q := c.Query("q"); q != "" {
		attrs = append(attrs, "q", q)
	}
	if hits, ok := c.Get(hitsKey); ok {
		attrs = append(attrs, "hits", hits)
	}
	if err := c.Errors.Last(); err != nil {
		attrs = append(attrs, "err", err.Err.Error())
	}
	s.log.InfoContext(c.Request.Context(), "http request", attrs...)
}

// recover turns a panic into a logged 500 JSON answer.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if r == http.ErrAbortHandler { //nolint:errorlint // sentinel panic value, compared as net/http does
			panic(r)
		}
		s.log.ErrorContext(c.Request.Context(), "panic serving request",
			"route", routeOf(c), "panic", r, "stack", string(debug.Stack()))
		if c.Writer.Written() {
			c.Abort()
			return
		}
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": apiError{
			Code: "internal", Message: "internal error",
		}})
	}()
	c.Next()
}

func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	c.Next()
}

// timeout bounds the request's context, which also ends when the client
// goes away; the Searcher and Writer are expected to honour it.
func timeout(d time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), d)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// cors answers cross-origin reads for the configured origins; with none it
// does nothing, so browsers keep the same-origin policy.
func (s *Server) cors() gin.HandlerFunc {
	origins := s.opt.CORSOrigins
	anyOrigin := slices.Contains(origins, "*")
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if len(origins) == 0 || origin == "" {
			c.Next()
			return
		}
		h := c.Writer.Header()
		h.Add("Vary", "Origin")
		switch {
		case anyOrigin:
			h.Set("Access-Control-Allow-Origin", "*")
		case slices.Contains(origins, origin):
			h.Set("Access-Control-Allow-Origin", origin)
		default:
			c.Next()
			return
		}
		if c.Request.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type")
			h.Set("Access-Control-Max-Age", strconv.Itoa(int((12 * time.Hour).Seconds())))
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}
