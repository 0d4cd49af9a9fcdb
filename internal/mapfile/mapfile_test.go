package mapfile

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
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
