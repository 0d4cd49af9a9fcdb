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

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/indexer/article"
)

// ErrUnknownFormat means an input file's name says nothing xinwen reads.
var ErrUnknownFormat = errors.New("unknown input format (want .md, .jsonl, .ndjson, Sogou .dat, optionally .gz, or -)")

// Stdin is the source name that reads JSON Lines from standard input.
const Stdin = "-"

// item is one article read from a source, or why one could not be.
type item struct {
	a     xinwen.Article
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

// formatOf names the reader for a file: "hexo", "jsonl", "sogou" or "".
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

// checkSources fails on the first source that does not exist or names a
// file xinwen does not read, before a run spends its time on the others.
func checkSources(sources []string) error {
	for _, src := range sources {
		if src == Stdin {
			continue
		}
		info, err := os.Stat(src)
		if err != nil {
			return fmt.Errorf("index: source: %w", err)
		}
		if !info.IsDir() && formatOf(src) == "" {
			return fmt.Errorf("index: %s: %w", src, ErrUnknownFormat)
		}
	}
	return nil
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
			in := &stickyReader{r: rd.stdin}
			err = rd.records(article.ReadJSONL(in, "stdin", rd.opt), "stdin", in, emit)
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
// the base of stable ids. A file that cannot be opened, is not the gzip
// its name says, or breaks off (a truncated .gz, an I/O error) fails the
// run: the operator named it, and an index without it must not be
// published. A bad record inside a readable file is only skipped.
func (rd *reader) file(path, rel string, emit emitFunc) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("index: cannot read source file: %w", err)
	}
	defer f.Close()
	var r io.Reader = &countingReader{r: f, n: &rd.read}
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			if err == io.EOF {
				err = errors.New("empty file")
			}
			return fmt.Errorf("index: %s: not gzip: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	src := &stickyReader{r: r}
	switch formatOf(path) {
	case "jsonl":
		return rd.records(article.ReadJSONL(src, path, rd.opt), path, src, emit)
	case "sogou":
		return rd.records(article.ReadSogou(src, path, rd.opt), path, src, emit)
	}
	a, warns, err := article.ParseHexo(src, rel, rd.opt)
	if src.err != nil {
		return readError(path, src.err)
	}
	if !emit(item{a: a, where: path, warns: warns, err: err}) {
		return errStop
	}
	return nil
}

// records emits every record of a stream reader. Once src has failed,
// the stream is broken: the record being yielded is a fragment, or the
// reader's report of the failure, and the run fails instead.
func (rd *reader) records(recs iter.Seq2[article.Parsed, error], name string, src *stickyReader, emit emitFunc) error {
	for rec, err := range recs {
		if src.err != nil {
			return readError(name, src.err)
		}
		where := rec.Where
		if where == "" {
			where = name
		}
		if !emit(item{a: rec.Article, where: where, warns: rec.Warnings, err: err}) {
			return errStop
		}
	}
	if src.err != nil {
		return readError(name, src.err)
	}
	return nil
}

func readError(name string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("index: cannot read %s: truncated: %w", name, err)
	}
	return fmt.Errorf("index: cannot read %s: %w", name, err)
}

// stickyReader remembers the first error other than io.EOF its reader
// returned, which the article readers report as one more bad record.
type stickyReader struct {
	r   io.Reader
	err error
}

func (s *stickyReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
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
