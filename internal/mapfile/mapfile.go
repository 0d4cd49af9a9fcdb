// Package mapfile holds what xinwen's own index files (the body's bigram
// positions, the band table) share: writing one atomically and mapping
// one read-only into memory.
package mapfile

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	mmap "github.com/blevesearch/mmap-go"
)

// Write writes path through fill, atomically: fill writes into a
// temporary file beside path, which is synced and renamed into place, so
// a reader sees the old file or the whole new one, never half of one. On
// any error the temporary file is removed.
func Write(path string, fill func(w *bufio.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	if err := fill(w); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

// Map maps the file at path read-only. A file shorter than min bytes is
// not mapped: the error wraps short, the caller's error for a file that
// is not whole.
func Map(path string, min int64, short error) (mmap.MMap, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() < min {
		return nil, fmt.Errorf("%w: %s is %d bytes", short, path, st.Size())
	}
	mm, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", path, err)
	}
	return mm, nil
}

// Open maps the file at path (see Map) and parses its bytes; a file parse
// rejects is unmapped, its error naming path. The caller keeps the map
// with what parse returned, and unmaps it when done.
func Open[T any](path string, min int64, short error, parse func([]byte) (T, error)) (T, mmap.MMap, error) {
	mm, err := Map(path, min, short)
	if err != nil {
		var zero T
		return zero, nil, err
	}
	v, err := parse(mm)
	if err != nil {
		mm.Unmap()
		var zero T
		return zero, nil, fmt.Errorf("%w: %s", err, path)
	}
	return v, mm, nil
}
