package web

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
)

func TestAPISearchRewritten(t *testing.T) {
	f := newFakeSearcher()
	h := newTestHandler(f, Options{})
	var res xinwen.Result
	rec := get(h, "/api/search?q=rengongzhineng")
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Rewritten == nil || *res.Rewritten != (xinwen.Rewrite{From: "rengongzhineng", To: "人工智能"}) || res.Total == 0 {
		t.Errorf("rewritten = %+v, total %d; want rengongzhineng → 人工智能", res.Rewritten, res.Total)
	}
	rec = get(h, "/api/search?q=rengongzhineng&rewrite=0")
	if strings.Contains(rec.Body.String(), `"rewritten"`) || !f.lastRequest().NoRewrite {
		t.Errorf("rewrite=0: %s, NoRewrite %v", rec.Body.String(), f.lastRequest().NoRewrite)
	}
	if rec := get(h, "/api/search?q=人工智能"); strings.Contains(rec.Body.String(), `"rewritten"`) {
		t.Errorf("rewritten present when nothing was rewritten: %s", rec.Body.String())
	}
	if rec := get(h, "/api/search?q=x&rewrite=maybe"); rec.Code != 400 {
		t.Errorf("rewrite=maybe: status %d, want 400", rec.Code)
	}
}

func TestPageRewritten(t *testing.T) {
	h := newTestHandler(newFakeSearcher(), Options{})
	body := get(h, "/?q=rengongzhineng").Body.String()
	for _, want := range []string{"以下是 <b>人工智能</b> 的结果", `仍然搜索 <a href="/?q=rengongzhineng&amp;rewrite=0">rengongzhineng</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	body = get(h, "/?q=rengongzhineng&rewrite=0").Body.String()
	if strings.Contains(body, "以下是") || !strings.Contains(body, "rewrite=0") {
		t.Error("as typed: the page still rewrites, or its links drop rewrite=0")
	}
}
