package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
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
	if err := checkPort(sc.addr); err != nil {
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

// checkPort fails early, before a minute of indexing, when addr cannot be
// listened on, and says how to choose another.
func checkPort(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("demo: cannot listen on %s (%w); choose another address with --addr, e.g. --addr 127.0.0.1:8081", addr, err)
	}
	return ln.Close()
}

// writeSamples copies the embedded samples to a temporary directory, the
// form indexer reads. The files sit at its top, as in data/samples, so an
// article gets the same id here as from xinwen index data/samples.
func writeSamples() (string, error) {
	dir, err := os.MkdirTemp("", "xinwen-samples-")
	if err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	samples, err := fs.Sub(data.Samples, data.SamplesDir)
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("demo: samples: %w", err)
	}
	err = fs.WalkDir(samples, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(samples, p)
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
