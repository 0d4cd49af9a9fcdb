// Package web owns xinwen's HTTP surface: the JSON API (/api/search,
// /api/articles/:id, /api/suggest), /healthz, /metrics and the
// server-rendered search page with its embedded templates and static files,
// and the token-protected writes (POST /api/articles, DELETE
// /api/articles/:id, POST /api/admin/reload) through the Writer it is given.
//
// It knows no search engine: it reads parameters into the domain's
// xinwen.SearchRequest, whose Normalize holds the rules, and serves any
// xinwen.Searcher; it never sees Bleve. Handlers are thin: parse the
// request, call the Searcher, map any error through the single table in
// errors.go, render.
package web
