package web

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

type fakeWords struct {
	from, to time.Time
	size     int
}

func (f *fakeWords) Words(_ context.Context, from, to time.Time, size int) ([]Word, error) {
	f.from, f.to, f.size = from, to, size
	return []Word{{Word: "鹊桥二号", Count: 7, FirstSeen: "2024-03-20", Cohesion: 9.1, Entropy: 2.5, Examples: []string{"a", "b"}}}, nil
}

func TestWords(t *testing.T) {
	f := &fakeWords{}
	h := newTestHandler(newFakeSearcher(), Options{Words: f, Writer: &fakeWriter{}, Token: testToken})
	if rec := send(h, http.MethodGet, "/api/words", nil, ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("no token: %d %s, want 401", rec.Code, rec.Body)
	}
	rec := send(h, http.MethodGet, "/api/words?size=5&from=2024-03-01&to=2024-03-31", nil, "Bearer "+testToken)
	var body struct{ Words []Word }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); rec.Code != http.StatusOK || err != nil || len(body.Words) != 1 || body.Words[0].Word != "鹊桥二号" {
		t.Fatalf("GET /api/words = %d %s", rec.Code, rec.Body)
	}
	if f.size != 5 || f.from.Day() != 1 || f.to.Day() != 31 || f.to.Hour() != 23 {
		t.Errorf("passed size %d, window %v..%v", f.size, f.from, f.to)
	}
	send(h, http.MethodGet, "/api/words", nil, "Bearer "+testToken)
	if f.size != 100 {
		t.Errorf("default size %d, want 100", f.size)
	}
	for _, q := range []string{"size=0", "size=1001", "size=x", "from=yesterday"} {
		if rec := send(h, http.MethodGet, "/api/words?"+q, nil, "Bearer "+testToken); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", q, rec.Code)
		}
	}
	h = newTestHandler(newFakeSearcher(), Options{Writer: &fakeWriter{}, Token: testToken})
	if rec := send(h, http.MethodGet, "/api/words", nil, "Bearer "+testToken); rec.Code != http.StatusForbidden {
		t.Errorf("no finder: %d, want 403", rec.Code)
	}
}
