package generation

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// whole creates a generation with its meta.json, as a run that read every
// source leaves it, and returns its path.
func whole(t *testing.T, dir string) string {
	t.Helper()
	gen, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(ShardDir(gen, 0), 0o755); err != nil {
		t.Fatal(err)
	}
	m := Meta{Generation: filepath.Base(gen), Created: time.Now().UTC(), Shards: 1}
	if err := WriteMeta(gen, m); err != nil {
		t.Fatal(err)
	}
	return gen
}

// publishOne does with dir what an indexing run does: lock it, remove
// what earlier runs left, create a whole generation and publish it.
func publishOne(t *testing.T, dir string, keep int) string {
	t.Helper()
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := RemoveUnpublished(dir, quiet); err != nil {
		t.Fatal(err)
	}
	gen := whole(t, dir)
	if err := Publish(dir, gen, keep, quiet); err != nil {
		t.Fatal(err)
	}
	return filepath.Base(gen)
}

// failedRun does what a run that fails or is cancelled does: it removes
// what earlier runs left and its own partial generation, and publishes
// nothing.
func failedRun(t *testing.T, dir string) {
	t.Helper()
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := RemoveUnpublished(dir, quiet); err != nil {
		t.Fatal(err)
	}
	gen, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(gen)
}

// generations lists the generation directories in dir, complete or not.
func generations(t *testing.T, dir string) []string {
	t.Helper()
	gens, err := filepath.Glob(filepath.Join(dir, Prefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range gens {
		gens[i] = filepath.Base(g)
	}
	return gens
}

func TestCurrent(t *testing.T) {
	dir := t.TempDir()
	if _, err := Current(dir); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Current of an empty directory = %v, want ErrNoIndex", err)
	}
	for _, name := range []string{"", "overlay", "gen-a/../../etc", Prefix + `a\b`} {
		os.WriteFile(filepath.Join(dir, CurrentFile), []byte(name+"\n"), 0o644)
		if got, err := Current(dir); !errors.Is(err, ErrNoIndex) {
			t.Errorf("CURRENT naming %q: Current = %s, %v; want ErrNoIndex", name, got, err)
		}
	}
	// A garbled CURRENT stops a run rather than let it guess what serves.
	if err := RemoveUnpublished(dir, quiet); !errors.Is(err, ErrNoIndex) {
		t.Errorf("RemoveUnpublished with a garbled CURRENT = %v, want ErrNoIndex", err)
	}
	os.Remove(filepath.Join(dir, CurrentFile))
	a := publishOne(t, dir, 1)
	if got, err := Current(dir); err != nil || got != filepath.Join(dir, a) {
		t.Errorf("Current = %s, %v; want %s", got, err, filepath.Join(dir, a))
	}
}

func TestMetaRoundTrip(t *testing.T) {
	gen := filepath.Join(t.TempDir(), Prefix+"x")
	os.Mkdir(gen, 0o755)
	if _, err := ReadMeta(gen); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadMeta without meta.json = %v, want ErrNotExist", err)
	}
	want := Meta{Generation: "x", Created: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Shards: 2, Docs: 7,
		Schema: 3, DictVersion: "d", Zone: "Asia/Shanghai", Sources: []string{"a.jsonl"}}
	if err := WriteMeta(gen, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadMeta(gen)
	if err != nil || !got.Created.Equal(want.Created) || got.Shards != 2 || got.Docs != 7 ||
		got.DictVersion != "d" || !slices.Equal(got.Sources, want.Sources) {
		t.Errorf("ReadMeta = %+v, %v; want %+v", got, err, want)
	}
	if err := WriteMeta(gen, Meta{}); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadMeta(gen); err == nil {
		t.Error("ReadMeta of a generation with no shards succeeded")
	}
}

func TestLockRefusesSecondRun(t *testing.T) {
	dir := t.TempDir()
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(dir); !errors.Is(err, ErrBusy) {
		t.Errorf("second Lock = %v, want ErrBusy", err)
	}
	if _, err := Rollback(dir); !errors.Is(err, ErrBusy) {
		t.Errorf("Rollback while locked = %v, want ErrBusy", err)
	}
	unlock()
	again, err := Lock(dir)
	if err != nil {
		t.Fatalf("Lock after unlock = %v", err)
	}
	again()
}

// TestPublishKeepsOne: a second publish keeps the first generation for
// rollback, and rollback goes back to it.
func TestPublishKeepsOne(t *testing.T) {
	dir := t.TempDir()
	a := publishOne(t, dir, 1)
	b := publishOne(t, dir, 1)
	if got, want := generations(t, dir), []string{a, b}; !slices.Equal(got, want) {
		t.Errorf("generations = %v, want %v", got, want)
	}
	if gen, err := Rollback(dir); err != nil || gen != a {
		t.Errorf("Rollback = %s, %v; want %s", gen, err, a)
	}
}

// TestCopyTree: an incremental run's copy holds every file of the source.
func TestCopyTree(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	os.MkdirAll(filepath.Join(src, "store"), 0o755)
	os.WriteFile(filepath.Join(src, "store", "seg.zap"), []byte("segment"), 0o644)
	os.WriteFile(filepath.Join(src, "index_meta.json"), []byte("{}"), 0o644)
	if err := CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]string{"store/seg.zap": "segment", "index_meta.json": "{}"} {
		if b, err := os.ReadFile(filepath.Join(dst, f)); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", f, b, err, want)
		}
	}
}

// TestSyncDirWithoutDirectorySync: a file system that cannot fsync a
// directory (procfs answers EINVAL, as do some network and FUSE file
// systems) is no error; a directory that is not there is.
func TestSyncDirWithoutDirectorySync(t *testing.T) {
	if err := SyncDir(t.TempDir()); err != nil {
		t.Errorf("SyncDir = %v", err)
	}
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("no procfs here")
	}
	if err := SyncDir("/proc"); err != nil {
		t.Errorf("SyncDir(/proc) = %v, want nil", err)
	}
	if err := SyncDir(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("SyncDir of a missing directory = %v, want ErrNotExist", err)
	}
}
