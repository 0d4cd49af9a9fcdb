package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/web"
)

var cst = time.FixedZone("CST", 8*3600)

func TestReadIngestLimits(t *testing.T) {
	tooMany := strings.Repeat(`{"id":"x"}`+"\n", xinwen.MaxIngest+1)
	in := ingester{zone: cst}
	if _, err := in.Ingest(context.Background(), strings.NewReader(tooMany)); !errors.Is(err, xinwen.ErrTooLarge) {
		t.Errorf("%d records: %v, want ErrTooLarge", xinwen.MaxIngest+1, err)
	}
	broken := io.MultiReader(strings.NewReader(`{"id":"a","title":"t"}`+"\n"), failingReader{})
	if _, err := in.Ingest(context.Background(), broken); !errors.Is(err, web.ErrBadBody) || !strings.Contains(err.Error(), "connection reset") {
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
