package generation

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// ErrBusy means another run holds the index directory.
var ErrBusy = errors.New("another indexing run holds the index directory")

// Lock takes DIR/.lock, which keeps two runs from writing one index
// directory at once, and returns the function that lets it go. It fails
// at once with ErrBusy when another run holds it.
func Lock(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("generation: lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("generation: lock %s: %w", dir, ErrBusy)
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

// Create makes a fresh, uniquely named generation directory in dir and
// returns its path; names sort by creation time.
func Create(dir string) (string, error) {
	name := fmt.Sprintf("%s%s-%d", Prefix, time.Now().UTC().Format("20060102T150405.000000"), os.Getpid())
	gen := filepath.Join(dir, name)
	if err := os.Mkdir(gen, 0o755); err != nil {
		return "", fmt.Errorf("generation: create: %w", err)
	}
	return gen, nil
}

// Publish points CURRENT at gen with an atomic rename, records it in the
// history and prunes every generation but gen and the keep generations
// that served before it. An error means CURRENT was not switched; once it
// is, a failure to record or prune is logged and set right by the next run.
func Publish(dir, gen string, keep int, log *slog.Logger) error {
	if err := SyncDir(gen); err != nil {
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
	tmp := filepath.Join(dir, CurrentFile+".tmp")
	if err := writeFileSync(tmp, []byte(name+"\n")); err != nil {
		return fmt.Errorf("generation: publish: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, CurrentFile)); err != nil {
		return fmt.Errorf("generation: publish: %w", err)
	}
	if err := SyncDir(dir); err != nil {
		log.Warn("CURRENT switched, but the directory could not be synced", "err", err)
	}
	return nil
}

// Rollback points CURRENT back at the generation that served before the
// current one, and takes the current one off the history: the next run
// removes it.
func Rollback(dir string) (string, error) {
	unlock, err := Lock(dir)
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := Current(dir); err != nil {
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
		return "", fmt.Errorf("generation: rollback %s: no older generation to roll back to", dir)
	}
	if err := setCurrent(dir, prev, slog.Default()); err != nil {
		return "", err
	}
	if err := writeHistory(dir, hist); err != nil { // now ending with prev
		slog.Default().Warn("rolled back, but could not record the history; the next run repairs it", "err", err)
	}
	return prev, nil
}

// prune removes every generation not in kept.
func prune(dir string, kept []string, log *slog.Logger) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if g := e.Name(); e.IsDir() && strings.HasPrefix(g, Prefix) && !slices.Contains(kept, g) {
			log.Info("pruning old generation", "generation", g)
			os.RemoveAll(filepath.Join(dir, g))
		}
	}
}

// RemoveUnpublished deletes what earlier runs left that is not in the
// serving history: generations without a meta.json (a killed or failed
// run), complete ones never published (a run killed before the CURRENT
// switch) or rolled back from, and a stray CURRENT.tmp. It runs under
// the directory lock, so no live run owns them.
func RemoveUnpublished(dir string, log *slog.Logger) error {
	hist, err := loadHistory(dir)
	if err != nil {
		return err
	}
	os.Remove(filepath.Join(dir, CurrentFile+".tmp"))
	os.Remove(filepath.Join(dir, HistoryFile+".tmp"))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, Prefix) || slices.Contains(hist, name) {
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
