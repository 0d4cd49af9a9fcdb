package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/xinwen-search/xinwen"
)

// MaxIngestBytes bounds the body of POST /api/articles.
const MaxIngestBytes = 32 << 20

// DefaultWriteTimeout bounds a write request when Options.WriteTimeout
// is zero: a full batch is parsed, segmented and persisted in it.
const DefaultWriteTimeout = 2 * time.Minute

// ErrBadBody marks a write body that could not be read; a Writer wraps
// it around read errors, so they answer 400 rather than 500.
var ErrBadBody = errors.New("unreadable body")

// Writer does the work of the write and admin endpoints. The server
// offers them only when both Options.Writer and Options.Token are set.
type Writer interface {
	// Ingest reads articles as JSON Lines (the records xinwen index
	// reads) and returns once the good ones are durably indexed; bad
	// lines are reported, not fatal.
	Ingest(ctx context.Context, body io.Reader) (*IngestReport, error)
	// Delete removes an article; xinwen.ErrNotFound when none has id.
	Delete(ctx context.Context, id string) error
	// Reload serves the generation CURRENT names now.
	Reload() (changed bool, err error)
}

// IngestReport is the answer to POST /api/articles.
type IngestReport struct {
	Indexed int           `json:"indexed"`
	Skipped []SkippedLine `json:"skipped"`
}

// SkippedLine is one line of the body that was not indexed, and why.
type SkippedLine struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

func (s *Server) apiIngest(c *gin.Context) {
	body := http.MaxBytesReader(c.Writer, c.Request.Body, MaxIngestBytes)
	rep, err := s.opt.Writer.Ingest(c.Request.Context(), body)
	if err != nil {
		s.fail(c, bodyError(err))
		return
	}
	if rep.Skipped == nil {
		rep.Skipped = []SkippedLine{}
	}
	s.ok(c, rep)
}

// bodyError names an over-long body as the client's fault.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &userError{kind: xinwen.ErrTooLarge, msg: fmt.Sprintf("the body is larger than %d bytes", tooBig.Limit)}
	}
	return err
}

func (s *Server) apiDelete(c *gin.Context) {
	id := c.Param("id")
	if err := s.opt.Writer.Delete(c.Request.Context(), id); err != nil {
		s.fail(c, err)
		return
	}
	s.ok(c, gin.H{"deleted": id})
}

func (s *Server) apiReload(c *gin.Context) {
	changed, err := s.opt.Writer.Reload()
	if err != nil {
		s.fail(c, err)
		return
	}
	st := s.s.Stats()
	s.ok(c, gin.H{"changed": changed, "generation": st.Generation, "docs": st.Docs})
}
