package indexer

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
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

// historyFile lists the generations CURRENT has named, oldest first, one
// per line; the last is the one being served. It is the serving history:
// a build appends to it, a rollback takes the last one off, and what is
// not in it (a generation rolled back from, or one a killed run completed
// but never published) is removed by the next run.
const historyFile = "HISTORY"

// publish points CURRENT at gen with an atomic rename, records it in the
// history and prunes every generation but gen and the keep generations
// that served before it. An error means CURRENT was not switched; once it
// is, a failure to record or prune is logged and set right by the next run.
func publish(dir, gen string, keep int, log *slog.Logger) error {
	if err := syncDir(gen); err != nil {
		return err
	}
	hist, err := loadHistory(dir)
	if err != nil {
		return err
	}
	name := filepath.Base(gen)
	if err := setCurrent(dir, name, log); err != nil {
		return err
	}
	// A damaged generation (no meta.json) is no rollback target.
	hist = append(slices.DeleteFunc(hist, func(g string) bool { return !isComplete(dir, g) }), name)
	if len(hist) > keep+1 {
		hist = hist[len(hist)-keep-1:]
	}
	if err := writeHistory(dir, hist); err != nil {
		log.Warn("published, but could not record the history; the next run repairs it", "err", err)
		return nil
	}
	prune(dir, hist, log)
	return nil
}

// setCurrent points CURRENT at the generation name by writing CURRENT.tmp
// and renaming it over CURRENT. An error means CURRENT is unchanged.
func setCurrent(dir, name string, log *slog.Logger) error {
	tmp := filepath.Join(dir, search.CurrentFile+".tmp")
	if err := search.WriteFileSync(tmp, []byte(name+"\n")); err != nil {
		return fmt.Errorf("index: publish: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, search.CurrentFile)); err != nil {
		return fmt.Errorf("index: publish: %w", err)
	}
	if err := syncDir(dir); err != nil {
		log.Warn("CURRENT switched, but the directory could not be synced", "err", err)
	}
	return nil
}

// Rollback points CURRENT back at the generation that served before the
// current one, and takes the current one off the history: the next run
// removes it.
func Rollback(dir string) (string, error) {
	unlock, err := lockDir(dir)
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := search.ReadCurrent(dir); err != nil {
		return "", err
	}
	hist, err := loadHistory(dir)
	if err != nil {
		return "", err
	}
	// Step back to the newest earlier generation that is whole.
	prev := ""
	for i := len(hist) - 2; i >= 0 && prev == ""; i-- {
		if isComplete(dir, hist[i]) {
			prev, hist = hist[i], hist[:i+1]
		}
	}
	if prev == "" {
		return "", fmt.Errorf("index: %s: no older generation to roll back to", dir)
	}
	if err := setCurrent(dir, prev, slog.Default()); err != nil {
		return "", err
	}
	if err := writeHistory(dir, hist); err != nil { // now ending with prev
		slog.Default().Warn("rolled back, but could not record the history; the next run repairs it", "err", err)
	}
	return prev, nil
}

// loadHistory returns the serving history: the complete generations
// CURRENT has named, oldest first, ending with the current one. It trusts
// CURRENT over the history file, which a killed publish or rollback may
// have left one step behind. An index written before the history was kept,
// or whose history names no generation left, has the complete generations
// older than CURRENT, by name.
func loadHistory(dir string) ([]string, error) {
	complete := make(map[string]bool)
	gens := completeGenerations(dir)
	for _, g := range gens {
		complete[g] = true
	}
	cur := ""
	if _, err := os.Stat(filepath.Join(dir, search.CurrentFile)); err == nil {
		p, err := search.ReadCurrent(dir)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		cur = filepath.Base(p)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("index: %w", err)
	}
	// The generation CURRENT names is in the history even when damaged (no
	// meta.json): it is what serves, a rollback steps back from it, and no
	// run may delete it while it is current.
	if info, err := os.Stat(filepath.Join(dir, cur)); cur != "" && err == nil && info.IsDir() {
		complete[cur] = true
	}
	var hist []string
	b, err := os.ReadFile(filepath.Join(dir, historyFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("index: read history: %w", err)
	}
	seen := make(map[string]bool)
	for _, line := range strings.Split(string(b), "\n") {
		if g := strings.TrimSpace(line); complete[g] && !seen[g] {
			seen[g] = true
			hist = append(hist, g)
		}
	}
	if len(hist) == 0 {
		// No history, or none of it left (emptied or garbled by hand): the
		// complete generations older than CURRENT, by name, as before the
		// history was kept.
		for _, g := range gens {
			if cur != "" && g < cur {
				hist = append(hist, g)
			}
		}
	}
	if complete[cur] {
		if i := slices.Index(hist, cur); i >= 0 {
			hist = hist[:i+1] // a rollback that stopped before recording
		} else {
			hist = append(hist, cur) // a publish that stopped before recording
		}
	}
	return hist, nil
}

// writeHistory replaces the history file atomically.
func writeHistory(dir string, hist []string) error {
	tmp := filepath.Join(dir, historyFile+".tmp")
	if err := search.WriteFileSync(tmp, []byte(strings.Join(hist, "\n")+"\n")); err != nil {
		return fmt.Errorf("index: history: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, historyFile)); err != nil {
		return fmt.Errorf("index: history: %w", err)
	}
	return syncDir(dir)
}

// isComplete reports whether generation g has its meta.json.
func isComplete(dir, g string) bool {
	_, err := os.Stat(filepath.Join(dir, g, search.MetaFile))
	return err == nil
}

// completeGenerations lists generation names with a meta.json, oldest first.
func completeGenerations(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), search.GenPrefix) && isComplete(dir, e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// prune removes every generation not in kept.
func prune(dir string, kept []string, log *slog.Logger) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if g := e.Name(); e.IsDir() && strings.HasPrefix(g, search.GenPrefix) && !slices.Contains(kept, g) {
			log.Info("pruning old generation", "generation", g)
			os.RemoveAll(filepath.Join(dir, g))
		}
	}
}

// removeUnpublished deletes what earlier runs left that is not in the
// serving history: generations without a meta.json (a killed or failed
// run), complete ones never published (a run killed before the CURRENT
// switch) or rolled back from, and a stray CURRENT.tmp. It runs under
// the directory lock, so no live run owns them.
func removeUnpublished(dir string, log *slog.Logger) error {
	hist, err := loadHistory(dir)
	if err != nil {
		return err
	}
	os.Remove(filepath.Join(dir, search.CurrentFile+".tmp"))
	os.Remove(filepath.Join(dir, historyFile+".tmp"))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, search.GenPrefix) || slices.Contains(hist, name) {
			continue
		}
		if isComplete(dir, name) {
			log.Info("removing generation that is not being served or kept (never published, or rolled back from)", "generation", name)
		} else {
			log.Info("removing partial generation left by an earlier run", "generation", name)
		}
		os.RemoveAll(filepath.Join(dir, name))
	}
	return nil
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
