package main

import (
	"context"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The demo must give every sample the id xinwen index data/samples gives
// it, so the README's ids work outside the demo: ids hash the path below
// the directory indexed, so the paths must be the same.
func TestDemoSamplesKeepTheirPaths(t *testing.T) {
	dir, err := writeSamples()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	demo, repo := relFiles(t, dir), relFiles(t, filepath.Join("..", "..", "data", "samples"))
	if len(repo) == 0 || !slices.Equal(demo, repo) {
		t.Fatalf("demo sample paths %q, want data/samples' %q", demo, repo)
	}
}

func relFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A busy port fails the demo before it indexes anything, naming --addr.
func TestDemoBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	index := filepath.Join(t.TempDir(), "idx")
	err = runDemo(context.Background(), []string{"--index", index, "--addr", ln.Addr().String()}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--addr") {
		t.Fatalf("demo on a busy port: %v, want an error suggesting --addr", err)
	}
	if _, err := os.Stat(index); !os.IsNotExist(err) {
		t.Errorf("demo on a busy port touched %s (%v); it should fail before indexing", index, err)
	}
}
