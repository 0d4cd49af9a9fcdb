package web

import (
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/admission"

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
	// Words serves GET /api/words; without it (or without Token) it
	// answers 403.
	Words WordFinder
	// Token is the bearer token the write endpoints require.
	Token string
	// WriteTimeout bounds each write request; 0 means DefaultWriteTimeout.
	WriteTimeout time.Duration
	// SearchTimeout bounds each search of the box or the API, waiting for
	// admission included; 0 means DefaultSearchTimeout.
	SearchTimeout time.Duration
	// ExportTimeout bounds each GET /api/export, which pages through every
	// match; 0 means DefaultExportTimeout.
	ExportTimeout time.Duration
	// Coster classes searches as cheap or expensive; nil means all cheap.
	Coster Coster
	// Gate runs expensive searches in bounded slots; nil means
	// admission.New(0, -1): half the cores, a queue twice that.
	Gate *admission.Gate
	// TrustedProxies are the addresses or CIDR ranges whose
	// X-Forwarded-For is believed; empty trusts none, and the client is
	// the connection's address.
	TrustedProxies []string
	// RateLimit is each client's average of read requests a second, in
	// bursts of twice that; 0 means no limit.
	RateLimit float64
}

// DefaultRequestTimeout bounds a request when Options.RequestTimeout is zero.
const DefaultRequestTimeout = 5 * time.Second

// Server serves the API and the search page over one xinwen.Searcher.
type Server struct {
	s        xinwen.Searcher
	opt      Options
	log      *slog.Logger
	metrics  *metrics
	gate     *admission.Gate
	admitted admitMetrics
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
	if opt.SearchTimeout <= 0 {
		opt.SearchTimeout = DefaultSearchTimeout
	}
	if opt.ExportTimeout <= 0 {
		opt.ExportTimeout = DefaultExportTimeout
	}
	if opt.Gate == nil {
		opt.Gate = admission.New(0, -1)
	}
	if opt.Zone == nil {
		opt.Zone = xinwen.DefaultZone()
	}
	srv := &Server{
		s:        s,
		opt:      opt,
		log:      opt.Logger,
		metrics:  newMetrics(s),
		gate:     opt.Gate,
		pages:    mustParsePages(),
		writes:   opt.Writer != nil && opt.Token != "",
		tokenSum: sha256.Sum256([]byte(opt.Token)),
	}
	srv.admitted = newAdmitMetrics(srv.metrics.reg)
	srv.engine = srv.routes()
	return srv
}

// Handler returns the HTTP handler (a gin.Engine in release mode).
func (s *Server) Handler() http.Handler { return s.engine }

func (s *Server) routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	if err := e.SetTrustedProxies(s.opt.TrustedProxies); err != nil {
		panic(err) // ParseTrustedProxies checked them
	}
	e.HandleMethodNotAllowed = true
	// Route on the escaped path, so that an id holding "/" (sent as %2F,
	// as the page's links write it) is one path segment.
	e.UseRawPath = true
	e.Use(s.observe, s.recover, securityHeaders, s.cors())

	read := e.Group("", s.rateLimit(), timeout(s.opt.RequestTimeout))
	read.GET("/healthz", s.healthz)
	read.GET("/metrics", gin.WrapH(s.metrics.handler()))
	read.GET("/api/search", s.apiSearch)
	read.GET("/api/articles/:id", s.apiArticle)
	read.GET("/api/articles/:id/related", s.apiRelated)
	read.GET("/api/suggest", s.apiSuggest)
	read.GET("/api/openapi.json", s.apiOpenAPI)
	read.GET("/api/analyze", s.apiAnalyze)
	read.GET("/api/terms", s.apiTerms)
	read.GET("/api/trends", s.apiTrends)
	read.GET("/", s.pageSearch)
	read.GET("/article/:id", s.pageArticle)
	read.GET("/static/*file", staticFiles())
	e.GET("/api/export", s.rateLimit(), timeout(s.opt.ExportTimeout), s.apiExport)
	e.GET("/api/words", s.authorize, timeout(s.opt.ExportTimeout), s.apiWords)

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

// ParseTrustedProxies reads a comma-separated list of addresses and CIDR
// ranges for Options.TrustedProxies.
func ParseTrustedProxies(list string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			return nil, fmt.Errorf("web: trusted proxy %q is neither an address nor a CIDR range", p)
		}
		out = append(out, p)
	}
	return out, nil
}
