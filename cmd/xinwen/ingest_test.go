package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/web"
)

var cst = time.FixedZone("CST", 8*3600)

func TestReadIngest(t *testing.T) {
	body := strings.Join([]string{
		`{"id":"a1","title":"标题一","body":"<p>正文</p>","date":"2024-03-01","categories":["科技","人工智能"],"url":"https://e.com/a1","source":"新华社","thumbnail":"t.png"}`,
		`{"title":"没有编号"}`,
		`not json`,
		``,
		`{"id":"a1","title":"重复"}`,
		`{"id":"a\u0001b","title":"控制字符"}`,
		`{"id":"e1","title":"","body":""}`,
		`{"id":42,"title":"数字编号","categories":"国际 > 亚洲"}`,
		`{"id":"..","title":"点点"}`,
	}, "\n")
	docs, rep, err := readIngest(strings.NewReader(body), cst)
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{docs[0].ID, docs[1].ID}; len(docs) != 2 || !slices.Equal(got, []string{"a1", "42"}) {
		t.Fatalf("ingested %+v, want a1 and 42", docs)
	}
	r := docs[0]
	if r.URL != "https://e.com/a1" || r.Source != "新华社" || r.Thumbnail != "t.png" || r.Body != "正文" ||
		xinwen.JoinCategory(r.Categories) != "科技/人工智能" || r.Date.IsZero() {
		t.Errorf("record a1 = %+v", r)
	}
	want := map[int]string{2: "record has no id", 3: "bad JSON record", 5: "seen before", 6: "control characters", 7: "neither title nor body", 9: "cannot name a page"}
	if len(rep.Skipped) != len(want) {
		t.Errorf("skipped %+v, want lines %v", rep.Skipped, want)
	}
	for _, s := range rep.Skipped {
		if !strings.Contains(s.Reason, want[s.Line]) || strings.HasPrefix(s.Reason, "jsonl:") {
			t.Errorf("line %d skipped for %q, want %q without the position prefix", s.Line, s.Reason, want[s.Line])
		}
	}
}

func TestReadIngestLimits(t *testing.T) {
	tooMany := strings.Repeat(`{"id":"x"}`+"\n", search.MaxIngest+1)
	if _, _, err := readIngest(strings.NewReader(tooMany), cst); !errors.Is(err, search.ErrTooLarge) {
		t.Errorf("%d records: %v, want ErrTooLarge", search.MaxIngest+1, err)
	}
	broken := io.MultiReader(strings.NewReader(`{"id":"a","title":"t"}`+"\n"), failingReader{})
	if _, _, err := readIngest(broken, cst); !errors.Is(err, web.ErrBadBody) || !strings.Contains(err.Error(), "connection reset") {
		t.Errorf("read error: %v, want it returned", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, fmt.Errorf("connection reset") }

var _ web.Writer = ingester{}

func TestServeToken(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, env, file string
		token, err      string // err: a fragment of the error, "" for none
	}{
		{"none", "", "", "", ""},
		{"env", "env-token-0123456789", "", "env-token-0123456789", ""},
		{"file wins, trimmed", "env-token-0123456789", file("good", "  file-token-0123456789\n"), "file-token-0123456789", ""},
		{"short", "short", "", "", "at least 16"},
		{"empty file", "", file("empty", "\n"), "", "is empty"},
		{"missing file", "", filepath.Join(dir, "nope"), "", "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XINWEN_TOKEN", tt.env)
			got, err := (&serveConfig{tokenFile: tt.file}).token()
			if got != tt.token || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
				t.Errorf("token() = %q, %v; want %q, error containing %q", got, err, tt.token, tt.err)
			}
		})
	}
}
