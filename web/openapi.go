package web

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPI describes every route and parameter this server answers;
// openapi_test.go checks it against the router and the parameter parsers.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) apiOpenAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json; charset=utf-8", openAPI)
}
