package indexer

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/xinwen-search/xinwen/indexer/article"
)

// ErrUnknownFormat means an input file's name says nothing xinwen reads.
var ErrUnknownFormat = errors.New("unknown input format (want .md, .jsonl, .ndjson, Sogou .dat, optionally .gz, or -)")

// Stdin is the source name that reads JSON Lines from standard input.
const Stdin = "-"

// item is one article read from a source, or why one could not be.
type item struct {
	a     article.Article
	where string
	warns []article.Warning
	err   error
}

// reader walks sources and emits their items in order. It counts the
// bytes it has read from disk, for progress.
type reader struct {
	opt   article.Options
	stdin io.Reader
	read  atomic.Int64 // bytes read from input files
	// ignored counts files in walked directories that are not inputs.
	ignored atomic.Int64
}

type emitFunc func(item) bool

// inputSize sums the sizes of all input files, for progress and ETA.
func inputSize(sources []string) int64 {
	var n int64
	for _, src := range sources {
		if src == Stdin {
			continue
		}
		filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && formatOf(p) != "" {
				if info, err := d.Info(); err == nil {
					n += info.Size()
				}
			}
			return nil
		})
	}
	return n
}

// formatOf names the reader for a file: "hexo", "jsonl" or "".
func formatOf(path string) string {
	name := strings.ToLower(strings.TrimSuffix(strings.ToLower(path), ".gz"))
	switch filepath.Ext(name) {
	case ".md", ".markdown":
		return "hexo"
	case ".jsonl", ".ndjson", ".json":
		return "jsonl"
	case ".dat", ".xml":
		return "sogou"
	}
	return ""
}

// each emits the items of every source; it stops early when emit says so
// or ctx ends. A source that cannot be opened at all is an error: the
// operator named it, so the run must not pretend it was indexed.
func (rd *reader) each(ctx context.Context, sources []string, emit emitFunc) error {
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if src == Stdin {
			err = rd.records(article.ReadJSONL(rd.stdin, "stdin", rd.opt), "stdin", emit)
		} else {
			err = rd.path(ctx, src, emit)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (rd *reader) path(ctx context.Context, src string, emit emitFunc) error {
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("index: source: %w", err)
	}
	if !info.IsDir() {
		if formatOf(src) == "" {
			return fmt.Errorf("index: %s: %w", src, ErrUnknownFormat)
		}
		return rd.file(src, filepath.Base(src), emit)
	}
	var files []string
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			if formatOf(p) == "" {
				rd.ignored.Add(1)
			} else {
				files = append(files, p)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("index: walk %s: %w", src, err)
	}
	sort.Strings(files)
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if err := rd.file(p, filepath.ToSlash(rel), emit); err != nil {
			return err
		}
	}
	return nil
}

// errStop ends a walk early without being a failure.
var errStop = errors.New("stop")

// file reads one input file; rel is its path relative to the source root,
// the base of stable ids.
func (rd *reader) file(path, rel string, emit emitFunc) error {
	f, err := os.Open(path)
	if err != nil {
		if !emit(item{where: path, err: fmt.Errorf("index: %w", err)}) {
			return errStop
		}
		return nil
	}
	defer f.Close()
	var r io.Reader = &countingReader{r: f, n: &rd.read}
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			if !emit(item{where: path, err: fmt.Errorf("index: %s: gzip: %w", path, err)}) {
				return errStop
			}
			return nil
		}
		defer gz.Close()
		r = gz
	}
	switch formatOf(path) {
	case "jsonl":
		return rd.records(article.ReadJSONL(r, path, rd.opt), path, emit)
	case "sogou":
		return rd.records(article.ReadSogou(r, path, rd.opt), path, emit)
	}
	a, warns, err := article.ParseHexo(r, rel, rd.opt)
	if !emit(item{a: a, where: path, warns: warns, err: err}) {
		return errStop
	}
	return nil
}

// records emits every record of a stream reader.
func (rd *reader) records(recs iter.Seq2[article.Record, error], name string, emit emitFunc) error {
	for rec, err := range recs {
		where := rec.Where
		if where == "" {
			where = name
		}
		if !emit(item{a: rec.Article, where: where, warns: rec.Warnings, err: err}) {
			return errStop
		}
	}
	return nil
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
