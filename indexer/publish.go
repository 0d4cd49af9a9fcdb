package indexer

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/xinwen-search/xinwen/search"
)

// lockFile keeps two runs from writing one index directory at once.
const lockFile = ".lock"

// ErrBusy means another run holds the index directory.
var ErrBusy = errors.New("another indexing run holds the index directory")

func lockDir(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("index: lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("index: %s: %w", dir, ErrBusy)
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

// newGenerationDir makes a fresh, uniquely named generation directory;
// names sort by creation time.
func newGenerationDir(dir string) (string, error) {
	name := fmt.Sprintf("%s%s-%d", search.GenPrefix, time.Now().UTC().Format("20060102T150405.000000"), os.Getpid())
	gen := filepath.Join(dir, name)
	if err := os.Mkdir(gen, 0o755); err != nil {
		return "", fmt.Errorf("index: %w", err)
	}
	return gen, nil
}

// publish points CURRENT at gen with an atomic rename, then prunes all but
// the newest keep older complete generations.
func publish(dir, gen string, keep int, log *slog.Logger) error {
	if err := syncDir(gen); err != nil {
		return err
	}
	tmp := filepath.Join(dir, search.CurrentFile+".tmp")
	if err := search.WriteFileSync(tmp, []byte(filepath.Base(gen)+"\n")); err != nil {
		return fmt.Errorf("index: publish: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, search.CurrentFile)); err != nil {
		return fmt.Errorf("index: publish: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	prune(dir, filepath.Base(gen), keep, log)
	return nil
}

// Rollback points CURRENT back at the newest complete generation older
// than the current one.
func Rollback(dir string) (string, error) {
	unlock, err := lockDir(dir)
	if err != nil {
		return "", err
	}
	defer unlock()
	cur, err := search.ReadCurrent(dir)
	if err != nil {
		return "", err
	}
	gens := completeGenerations(dir)
	for i := len(gens) - 1; i >= 0; i-- {
		if gens[i] < filepath.Base(cur) {
			return gens[i], publish(dir, filepath.Join(dir, gens[i]), len(gens), slog.Default())
		}
	}
	return "", fmt.Errorf("index: %s: no older generation to roll back to", dir)
}

// completeGenerations lists generation names with a meta.json, oldest first.
func completeGenerations(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), search.GenPrefix) {
			if _, err := os.Stat(filepath.Join(dir, e.Name(), search.MetaFile)); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	sort.Strings(out)
	return out
}

func prune(dir, current string, keep int, log *slog.Logger) {
	gens := completeGenerations(dir)
	kept := 0
	for i := len(gens) - 1; i >= 0; i-- {
		g := gens[i]
		if g == current {
			continue
		}
		if g < current && kept < keep {
			kept++
			continue
		}
		if g < current {
			log.Info("pruning old generation", "generation", g)
			os.RemoveAll(filepath.Join(dir, g))
		}
	}
}

// removePartial deletes generations a killed or failed run left without a
// meta.json. It runs under the directory lock, so no live run owns them.
func removePartial(dir string, log *slog.Logger) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, search.GenPrefix) {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, name, search.MetaFile)); errors.Is(err, os.ErrNotExist) {
			log.Info("removing partial generation left by an earlier run", "generation", name)
			os.RemoveAll(filepath.Join(dir, name))
		}
	}
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("index: sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("index: sync %s: %w", dir, err)
	}
	return nil
}

// copyTree copies a generation's files for an incremental update.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(p, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
