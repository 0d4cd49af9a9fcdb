package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

type openAPIDoc struct {
	Paths map[string]map[string]struct {
		Parameters []struct{ Name, In string }
	}
}

// TestOpenAPIMatchesRouter: the served document names every route the
// router serves and no other, and every query parameter the handlers read
// (found in the source as v.Get("…") or v["…"]) is a parameter of some
// operation.
func TestOpenAPIMatchesRouter(t *testing.T) {
	srv := New(newFakeSearcher(), Options{})
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/openapi.json", nil))
	var doc openAPIDoc
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &doc) != nil {
		t.Fatalf("openapi.json: %d", rec.Code)
	}
	params := regexp.MustCompile(`[:*]([a-z]+)`)
	served := map[string]bool{}
	for _, r := range srv.engine.Routes() {
		path := params.ReplaceAllString(r.Path, "{$1}")
		key := strings.ToLower(r.Method) + " " + path
		served[key] = true
		if _, ok := doc.Paths[path][strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s is not in openapi.json", key)
		}
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if !served[method+" "+path] {
				t.Errorf("openapi.json has %s %s, which the router does not serve", method, path)
			}
			for _, p := range op.Parameters {
				documented[p.Name] = true
			}
		}
	}
	files, _ := filepath.Glob("*.go")
	read := regexp.MustCompile(`v\.Get\("([a-z_]+)"\)|v\["([a-z_]+)"\]`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range read.FindAllStringSubmatch(string(src), -1) {
			if name := m[1] + m[2]; !documented[name] {
				t.Errorf("%s reads parameter %q, which openapi.json does not name", f, name)
			}
		}
	}
}
