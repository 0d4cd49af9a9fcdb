package web

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"
)

// MaxWords bounds size on GET /api/words.
const MaxWords = 1000

// WordFinder lists candidate new words in the served articles, for
// GET /api/words; the server offers it only with a Token, since it reads
// every article of the window twice.
type WordFinder interface {
	// Words returns up to size candidates in the articles dated from..to
	// (zero: unbounded), most frequent first.
	Words(ctx context.Context, from, to time.Time, size int) ([]Word, error)
}

// Word is one candidate of GET /api/words (docs/api.md).
type Word struct {
	Word      string   `json:"word"`
	Count     int      `json:"count"`
	FirstSeen string   `json:"first_seen"`
	Cohesion  float64  `json:"cohesion"`
	Entropy   float64  `json:"entropy"`
	Examples  []string `json:"examples"`
}

func (s *Server) apiWords(c *gin.Context) {
	if s.opt.Words == nil {
		s.fail(c, errWritesOff)
		return
	}
	size, err := parseInt("size", c.Query("size"), 1, MaxWords)
	if err == nil && size > MaxWords {
		err = rangeError("size", 1, MaxWords)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	from, to, err := parseRange(c.Query("from"), c.Query("to"), s.opt.Zone)
	if err != nil {
		s.fail(c, err)
		return
	}
	if size == 0 {
		size = 100
	}
	ws, err := s.opt.Words.Words(c.Request.Context(), from, to, size)
	if err != nil {
		s.fail(c, err)
		return
	}
	if ws == nil {
		ws = []Word{}
	}
	s.ok(c, gin.H{"words": ws})
}
