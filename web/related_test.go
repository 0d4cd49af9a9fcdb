package web

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
)

func TestAPIRelated(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	for _, tc := range []struct {
		name, target string
		status       int
		want         string
	}{
		{"default size", "/api/articles/a01/related", 200, `"id":"a22"`},
		{"size", "/api/articles/a01/related?size=1", 200, `"id":"a22"`},
		{"script", "/api/articles/a01/related?script=hant&size=1", 200, `走進工廠`},
		{"unknown id", "/api/articles/nope/related", 404, `"code":"not_found"`},
		{"size too big", "/api/articles/a01/related?size=21", 400, `"code":"bad_param"`},
		{"size zero", "/api/articles/a01/related?size=0", 400, `"code":"bad_param"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := get(h, tc.target)
			if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.want) {
				t.Fatalf("%s: %d %s, want %d with %s", tc.target, w.Code, w.Body, tc.status, tc.want)
			}
		})
	}
	var res xinwen.Related
	if err := json.Unmarshal(get(h, "/api/articles/a01/related").Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 3 { // a22, a15, a08: the fake's other articles of a01's stem
		t.Errorf("default size: %d hits, want 3", len(res.Hits))
	}
	for _, hit := range res.Hits {
		if hit.ID == "a01" {
			t.Errorf("a01 is related to itself")
		}
	}
}

func TestArticlePageShowsRelated(t *testing.T) {
	w := get(newTestHandler(newFakeSearcher(), Options{}), "/article/a01")
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(body, "相关报道") || !strings.Contains(body, `href="/article/a22"`) {
		t.Fatalf("article page: %d, want 相关报道 linking a22:\n%s", w.Code, body)
	}
}
