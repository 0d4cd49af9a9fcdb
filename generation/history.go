package generation

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

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
	if _, err := os.Stat(filepath.Join(dir, CurrentFile)); err == nil {
		p, err := Current(dir)
		if err != nil {
			return nil, err
		}
		cur = filepath.Base(p)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("generation: read current: %w", err)
	}
	// The generation CURRENT names is in the history even when damaged (no
	// meta.json): it is what serves, a rollback steps back from it, and no
	// run may delete it while it is current.
	if info, err := os.Stat(filepath.Join(dir, cur)); cur != "" && err == nil && info.IsDir() {
		complete[cur] = true
	}
	var hist []string
	b, err := os.ReadFile(filepath.Join(dir, HistoryFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("generation: read history: %w", err)
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
	tmp := filepath.Join(dir, HistoryFile+".tmp")
	if err := writeFileSync(tmp, []byte(strings.Join(hist, "\n")+"\n")); err != nil {
		return fmt.Errorf("generation: write history: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, HistoryFile)); err != nil {
		return fmt.Errorf("generation: write history: %w", err)
	}
	return SyncDir(dir)
}

// isComplete reports whether generation g has its meta.json.
func isComplete(dir, g string) bool {
	_, err := os.Stat(filepath.Join(dir, g, MetaFile))
	return err == nil
}

// completeGenerations lists generation names with a meta.json, oldest first.
func completeGenerations(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), Prefix) && isComplete(dir, e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}
