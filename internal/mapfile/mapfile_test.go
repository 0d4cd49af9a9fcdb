package mapfile

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var errShort = errors.New("short")

// A written file maps back whole; a fill that fails leaves the old file
// and no temporary one; a file under the minimum is the caller's error.
func TestWriteAndMap(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.bin")
	if err := Write(path, func(w *bufio.Writer) error { _, err := w.WriteString("hello, file"); return err }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := Write(path, func(w *bufio.Writer) error { w.WriteString("half"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("failing fill: %v, want boom", err)
	}
	es, err := os.ReadDir(dir)
	if err != nil || len(es) != 1 {
		t.Fatalf("after a failed write the directory holds %v (%v), want the file alone", es, err)
	}
	mm, err := Map(path, 5, errShort)
	if err != nil {
		t.Fatal(err)
	}
	if string(mm) != "hello, file" {
		t.Fatalf("mapped %q", mm)
	}
	mm.Unmap()
	if _, err := Map(path, 100, errShort); !errors.Is(err, errShort) {
		t.Fatalf("a file under the minimum: %v, want errShort", err)
	}
}

// Open hands the mapped bytes to parse; a rejection comes back naming the
// file, its error still recognizable.
func TestOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.bin")
	if err := Write(path, func(w *bufio.Writer) error { _, err := w.WriteString("abcdef"); return err }); err != nil {
		t.Fatal(err)
	}
	n, mm, err := Open(path, 1, errShort, func(b []byte) (int, error) { return len(b), nil })
	if err != nil || n != 6 || string(mm) != "abcdef" {
		t.Fatalf("Open: %d %q %v", n, mm, err)
	}
	mm.Unmap()
	bad := errors.New("bad layout")
	_, _, err = Open(path, 1, errShort, func([]byte) (int, error) { return 0, bad })
	if !errors.Is(err, bad) || !strings.Contains(err.Error(), path) {
		t.Fatalf("a rejected file: %v, want bad layout naming %s", err, path)
	}
}
