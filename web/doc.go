// Package web owns xinwen's HTTP surface: the JSON API (/api/search,
// /api/articles/:id, /api/suggest), /healthz, /metrics and the
// server-rendered search page with its embedded templates and static files,
// and the token-protected writes (POST /api/articles, DELETE
// /api/articles/:id, POST /api/admin/reload) through the Writer it is given.
//
// It knows the search package only through its request and result types
// and the small Searcher interface declared here; it never sees Bleve.
// Handlers are thin: bind and validate the request, call the Searcher, map
// any error through the single table in errors.go, render.
package web
