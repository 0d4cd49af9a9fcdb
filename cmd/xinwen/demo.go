package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/xinwen-search/xinwen/data"
	"github.com/xinwen-search/xinwen/indexer"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sc serveConfig
	fset := sc.flags("demo", "demo [--index DIR] [--addr HOST:PORT]\n\nIndexes the sample articles embedded in the binary (data/samples) into DIR\nand serves the search page and API until interrupted.", stderr, filepath.Join(os.TempDir(), "xinwen-demo-index"))
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	seg, zone, err := sc.setup()
	if err != nil {
		return err
	}
	samples, err := writeSamples()
	if err != nil {
		return err
	}
	defer os.RemoveAll(samples)
	sum, err := indexer.Build(ctx, indexer.Config{
		Dir: sc.index, Sources: []string{samples}, Zone: zone, DictVersion: seg.Version(),
	})
	seg.Close()
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "xinwen demo: indexed %d sample articles into %s\n", sum.Indexed, sc.index)
	return sc.serve(ctx, stdout, stderr, nil)
}

// writeSamples copies the embedded samples to a temporary directory, the
// form indexer reads.
func writeSamples() (string, error) {
	dir, err := os.MkdirTemp("", "xinwen-samples-")
	if err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	err = fs.WalkDir(data.Samples, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := data.Samples.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("demo: samples: %w", err)
	}
	return dir, nil
}
