package web

import (
	"context"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/xinwen-search/xinwen"
)

// MaxDictionaryBytes bounds the body of the dictionary endpoints.
const MaxDictionaryBytes = 1 << 20

// Dictionary changes the words the analyzers know, for
// POST and DELETE /api/admin/dictionary; the server offers them only with
// a Token (like every write).
type Dictionary interface {
	// AddWords reads user-dictionary lines (`word [freq [tag]]`) and
	// returns once queries use them and the articles holding them were
	// analysed again. A malformed body wraps ErrBadBody.
	AddWords(ctx context.Context, body io.Reader) (*DictChange, error)
	// RemoveWords reads the same lines and takes their words off.
	RemoveWords(ctx context.Context, body io.Reader) (*DictChange, error)
}

// DictChange is the answer of the dictionary endpoints: how many words
// changed, how many articles were analysed again and how long it took.
type DictChange struct {
	Added      int   `json:"added"`
	Removed    int   `json:"removed"`
	Reanalyzed int   `json:"reanalyzed"`
	TookMS     int64 `json:"took_ms"`
}

func (s *Server) apiAddWords(c *gin.Context) { s.changeWords(c, Dictionary.AddWords) }

func (s *Server) apiRemoveWords(c *gin.Context) { s.changeWords(c, Dictionary.RemoveWords) }

func (s *Server) changeWords(c *gin.Context, change func(Dictionary, context.Context, io.Reader) (*DictChange, error)) {
	if s.opt.Dictionary == nil {
		s.fail(c, errWritesOff)
		return
	}
	body := http.MaxBytesReader(c.Writer, c.Request.Body, MaxDictionaryBytes)
	res, err := change(s.opt.Dictionary, c.Request.Context(), body)
	if err != nil {
		s.fail(c, bodyError(err))
		return
	}
	s.ok(c, res)
}

// Analyzer explains the analysis of a text, for GET /api/analyze.
type Analyzer interface {
	// Explain cuts text as the index (query false) or a query does.
	Explain(text string, query bool) ([]AnalyzedToken, error)
}

// AnalyzedToken is one token of GET /api/analyze: its term, byte offsets
// into the text, position and what produced it (docs/api.md).
type AnalyzedToken struct {
	Term     string `json:"term"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Position int    `json:"position"`
	Source   string `json:"source"`
	Detail   string `json:"detail,omitempty"`
	Added    string `json:"added,omitempty"`   // source api: when, RFC 3339
	Expands  string `json:"expands,omitempty"` // source synonym: the typed word
}

func (s *Server) apiAnalyze(c *gin.Context) {
	if s.opt.Analyzer == nil {
		s.notFound(c)
		return
	}
	text, mode := c.Query("text"), c.DefaultQuery("mode", "index")
	if mode != "index" && mode != "query" {
		s.fail(c, &userError{kind: xinwen.ErrBadQuery, msg: "mode must be index or query"})
		return
	}
	toks, err := s.opt.Analyzer.Explain(text, mode == "query")
	if err != nil {
		s.fail(c, err)
		return
	}
	if toks == nil {
		toks = []AnalyzedToken{}
	}
	s.ok(c, gin.H{"tokens": toks})
}
