package web

import (
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

// FuzzParseSearch checks that no query string panics the parser or yields
// anything but a client error or a request within the limits.
func FuzzParseSearch(f *testing.F) {
	for _, s := range []string{
		"q=人工智能&category=科技&from=2024-01-01&to=2024-12-31",
		"page=9223372036854775807&size=100",
		"from=2024-03-01T00:00:00+08:00&to=2024-02-30",
		"q=%ff&after=x&recency=T&facets=0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		req, err := parseSearch(v, time.UTC)
		if err != nil {
			if !errors.Is(err, xinwen.ErrBadQuery) {
				t.Fatalf("parseSearch(%q) error %v is not a client error", raw, err)
			}
			if e, _ := classify(err); e.Status != 400 {
				t.Fatalf("parseSearch(%q) error maps to %d", raw, e.Status)
			}
			return
		}
		if req.Size < 1 || req.Size > xinwen.MaxSize || req.Page < 1 ||
			(req.After == "" && req.Page*req.Size > xinwen.MaxWindow) ||
			(!req.From.IsZero() && !req.To.IsZero() && req.From.After(req.To)) {
			t.Fatalf("parseSearch(%q) = %+v out of limits", raw, req)
		}
	})
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"bad param", badParam("x"), 400, "bad_param"},
		{"wrapped bad query", errors.Join(errors.New("ctx"), xinwen.ErrBadQuery), 400, "bad_param"},
		{"not found", xinwen.ErrNotFound, 404, "not_found"},
		{"other", errors.New("x"), 500, "internal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if e, _ := classify(tt.err); e.Status != tt.status || e.Code != tt.code {
				t.Errorf("classify = %+v, want %d %s", e, tt.status, tt.code)
			}
		})
	}
}
