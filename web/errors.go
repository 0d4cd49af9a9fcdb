package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/admission"
)

// Kinds of request error found by this package alone. They never leave
// the package; the table below turns them and the domain's sentinels into
// status and code.
var (
	errRouteNotFound = errors.New("route not found")
	errMalformed     = errors.New("malformed query string")
	errUnauthorized  = errors.New("unauthorized")
	errWritesOff     = errors.New("writes disabled")
)

// statusClientClosed is nginx's code for a request whose client went
// away; only the access log and metrics ever see it.
const statusClientClosed = 499

// userError is a request error whose message is safe to show the client.
type userError struct {
	kind error
	msg  string
}

func (e *userError) Error() string { return e.msg }
func (e *userError) Unwrap() error { return e.kind }

// badParam is a parameter web could not read; xinwen.SearchRequest's
// Normalize reports the rules it breaks the same way, as ErrBadQuery.
func badParam(msg string) error { return &userError{kind: xinwen.ErrBadQuery, msg: msg} }

// apiError is the body of every error response: {"error":{"code":…,"message":…}}.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// errorTable maps errors to responses, first match wins. show tells whether
// err.Error() is fit for the client; otherwise message is used.
var errorTable = []struct {
	target  error
	status  int
	code    string
	show    bool
	message string
}{
	{xinwen.ErrQueryTooLong, http.StatusBadRequest, "query_too_long", true, ""},
	{xinwen.ErrDeepPage, http.StatusBadRequest, "deep_page", true, ""},
	{xinwen.ErrBadQuery, http.StatusBadRequest, "bad_param", true, ""},
	{xinwen.ErrNotFound, http.StatusNotFound, "not_found", false, "article not found"},
	{errRouteNotFound, http.StatusNotFound, "not_found", false, "no such endpoint"},
	{ErrBadBody, http.StatusBadRequest, "bad_param", true, ""},
	{errMalformed, http.StatusBadRequest, "bad_param", false, "the query string is not valid URL encoding"},
	{xinwen.ErrTooLarge, http.StatusRequestEntityTooLarge, "too_large", true, ""},
	{errUnauthorized, http.StatusUnauthorized, "unauthorized", false, "missing or wrong bearer token"},
	{errWritesOff, http.StatusForbidden, "writes_disabled", false,
		"write endpoints are off: start xinwen serve with --token-file or XINWEN_TOKEN"},
	{errRateLimited, http.StatusTooManyRequests, "rate_limited", false,
		"too many requests from this address; retry after the time in Retry-After"},
	{admission.ErrBusy, http.StatusTooManyRequests, "busy", false,
		"too many expensive searches are running; retry after the time in Retry-After, or shorten the query"},
	{context.DeadlineExceeded, http.StatusGatewayTimeout, "timeout", false, "the search took too long, try a narrower query"},
	{context.Canceled, statusClientClosed, "canceled", false, "the client closed the request"},
}

// classify maps err to its public form; ok is false for unexpected errors,
// which become a generic 500.
func classify(err error) (e apiError, ok bool) {
	for _, row := range errorTable {
		if !errors.Is(err, row.target) {
			continue
		}
		e = apiError{Status: row.status, Code: row.code, Message: row.message}
		if row.show {
			// The sentinel names the class, which the code already says.
			e.Message = strings.TrimSuffix(err.Error(), ": "+row.target.Error())
		}
		return e, true
	}
	return apiError{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error"}, false
}

// ok answers 200 with v as JSON. It encodes v before writing anything, so
// a value JSON cannot hold (a NaN) becomes a logged 500, not a 200 with an
// empty body.
func (s *Server) ok(c *gin.Context, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.fail(c, fmt.Errorf("web: encode response: %w", err))
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
}

// fail answers an API request with err mapped through errorTable.
func (s *Server) fail(c *gin.Context, err error) {
	e := s.public(c, err)
	c.AbortWithStatusJSON(e.Status, gin.H{"error": e})
}

// public classifies err and logs what the client will not see.
func (s *Server) public(c *gin.Context, err error) apiError {
	e, ok := classify(err)
	if !ok {
		s.log.ErrorContext(c.Request.Context(), "request failed",
			"route", routeOf(c), "err", err)
	}
	_ = c.Error(err) // kept on the context for the access log
	return e
}

func (s *Server) notFound(c *gin.Context) { s.fail(c, errRouteNotFound) }

func (s *Server) noMethod(c *gin.Context) {
	c.AbortWithStatusJSON(http.StatusMethodNotAllowed, gin.H{"error": apiError{
		Code: "bad_param", Message: "method not allowed",
	}})
}
