package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"strings"

	"github.com/gin-gonic/gin"
)

// authorize lets a write through only with the configured bearer token.
// Without a token (or a Writer) the write endpoints are off.
func (s *Server) authorize(c *gin.Context) {
	if !s.writes {
		s.fail(c, errWritesOff)
		return
	}
	if !tokenMatches(c.GetHeader("Authorization"), s.tokenSum) {
		c.Header("WWW-Authenticate", `Bearer realm="xinwen"`)
		s.fail(c, errUnauthorized)
		return
	}
	c.Next()
}

// tokenMatches compares the header's bearer token with the configured
// one in constant time: both are hashed first, so neither the content nor
// the length of the secret shows in the timing.
func tokenMatches(header string, want [sha256.Size]byte) bool {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}
