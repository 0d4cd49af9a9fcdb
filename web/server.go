package web

import (
	"crypto/sha256"
	"log/slog"
	"net/http"
	"time"

	"github.com/xinwen-search/xinwen"

	"github.com/gin-gonic/gin"
)

// Options tune a Server. The zero value is usable.
type Options struct {
	// Logger receives the access log and internal errors; nil means slog.Default().
	Logger *slog.Logger
	// RequestTimeout bounds each request's context; 0 means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// Zone reads bare dates (from=2024-03-01); nil means Asia/Shanghai.
	Zone *time.Location
	// CORSOrigins enables CORS for these origins; "*" allows any. Empty disables CORS.
	CORSOrigins []string
	// Writer serves POST /api/articles, DELETE /api/articles/:id and
	// POST /api/admin/reload; with no Writer or no Token they answer 403.
	Writer Writer
	// Dictionary serves POST and DELETE /api/admin/dictionary; without it
	// (or without Token) they answer 403.
	Dictionary Dictionary
	// Analyzer serves GET /api/analyze; without it the route is not found.
	Analyzer Analyzer
	// Token is the bearer token the write endpoints require.
	Token string
	// WriteTimeout bounds each write request; 0 means DefaultWriteTimeout.
	WriteTimeout time.Duration
}

// DefaultRequestTimeout bounds a request when Options.RequestTimeout is zero.
const DefaultRequestTimeout = 5 * time.Second

// Server serves the API and the search page over one xinwen.Searcher.
type Server struct {
	s        xinwen.Searcher
	opt      Options
	log      *slog.Logger
	metrics  *metrics
	pages    pages
	engine   *gin.Engine
	writes   bool              // a Writer and a Token are configured
	tokenSum [sha256.Size]byte // of Token, compared in constant time
}

// New builds a Server. It panics only if the embedded templates are broken,
// which is a programmer error caught by any test.
func New(s xinwen.Searcher, opt Options) *Server {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.RequestTimeout <= 0 {
		opt.RequestTimeout = DefaultRequestTimeout
	}
	if opt.WriteTimeout <= 0 {
		opt.WriteTimeout = DefaultWriteTimeout
	}
	if opt.Zone == nil {
		opt.Zone = xinwen.DefaultZone()
	}
	srv := &Server{
		s:        s,
		opt:      opt,
		log:      opt.Logger,
		metrics:  newMetrics(s),
		pages:    mustParsePages(),
		writes:   opt.Writer != nil && opt.Token != "",
		tokenSum: sha256.Sum256([]byte(opt.Token)),
	}
	srv.engine = srv.routes()
	return srv
}

// Handler returns the HTTP handler (a gin.Engine in release mode).
func (s *Server) Handler() http.Handler { return s.engine }

func (s *Server) routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	_ = e.SetTrustedProxies(nil) // access log uses RemoteAddr, never X-Forwarded-For
	e.HandleMethodNotAllowed = true
	// Route on the escaped path, so that an id holding "/" (sent as %2F,
	// as the page's links write it) is one path segment.
	e.UseRawPath = true
	e.Use(s.observe, s.recover, securityHeaders, s.cors())

	read := e.Group("", timeout(s.opt.RequestTimeout))
	read.GET("/healthz", s.healthz)
	read.GET("/metrics", gin.WrapH(s.metrics.handler()))
	read.GET("/api/search", s.apiSearch)
	read.GET("/api/articles/:id", s.apiArticle)
	read.GET("/api/suggest", s.apiSuggest)
	read.GET("/api/analyze", s.apiAnalyze)
	read.GET("/", s.pageSearch)
	read.GET("/article/:id", s.pageArticle)
	read.GET("/static/*file", staticFiles())

	write := e.Group("/api", s.authorize, timeout(s.opt.WriteTimeout))
	write.POST("/articles", s.apiIngest)
	write.DELETE("/articles/:id", s.apiDelete)
	write.POST("/admin/reload", s.apiReload)
	write.POST("/admin/dictionary", s.apiAddWords)
	write.DELETE("/admin/dictionary", s.apiRemoveWords)
	e.NoRoute(s.notFound)
	e.NoMethod(s.noMethod)
	return e
}
