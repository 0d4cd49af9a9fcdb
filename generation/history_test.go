package generation

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRollbackThenRebuildKeepsServingHistory: after a rollback, the next
// build keeps the generation that was serving before it, not the one
// rolled back from, and a further rollback never brings that one back.
func TestRollbackThenRebuildKeepsServingHistory(t *testing.T) {
	dir := t.TempDir()
	publishOne(t, dir, 1) // A, pruned by C
	b := publishOne(t, dir, 1)
	c := publishOne(t, dir, 1)
	if gen, err := Rollback(dir); err != nil || gen != b {
		t.Fatalf("Rollback = %s, %v; want %s", gen, err, b)
	}
	d := publishOne(t, dir, 1)
	if got, want := generations(t, dir), []string{b, d}; !slices.Equal(got, want) {
		t.Errorf("after rollback and rebuild the generations are %v, want %v (rolled back from: %s)", got, want, c)
	}
	if gen, err := Rollback(dir); err != nil || gen != b {
		t.Fatalf("second Rollback = %s, %v; want %s", gen, err, b)
	}
	if gen, err := Rollback(dir); err == nil {
		t.Errorf("third Rollback went to %s; want no older generation", gen)
	}
	if cur, _ := Current(dir); filepath.Base(cur) != b {
		t.Errorf("CURRENT = %s, want %s", cur, b)
	}
}

// TestKeepFollowsServingHistory: --keep 2 keeps the two generations that
// served last, skipping one rolled back from.
func TestKeepFollowsServingHistory(t *testing.T) {
	dir := t.TempDir()
	a := publishOne(t, dir, 2)
	b := publishOne(t, dir, 2)
	publishOne(t, dir, 2) // C, rolled back from
	if _, err := Rollback(dir); err != nil {
		t.Fatal(err)
	}
	d := publishOne(t, dir, 2)
	if got, want := generations(t, dir), []string{a, b, d}; !slices.Equal(got, want) {
		t.Errorf("generations = %v, want %v", got, want)
	}
	for _, want := range []string{b, a} {
		if gen, err := Rollback(dir); err != nil || gen != want {
			t.Errorf("Rollback = %s, %v; want %s", gen, err, want)
		}
	}
}

// TestDamagedCurrentGeneration: operations.md's answer to a published
// generation that lost its meta.json is --rollback. It must step back to
// the generation before it (not two back), no run may delete the damaged
// one while it is current, and a damaged generation is never kept as a
// rollback target.
func TestDamagedCurrentGeneration(t *testing.T) {
	dir := t.TempDir()
	publishOne(t, dir, 2)
	b := publishOne(t, dir, 2)
	c := publishOne(t, dir, 2)
	damage := func(g string) {
		if err := os.Remove(filepath.Join(dir, g, MetaFile)); err != nil {
			t.Fatal(err)
		}
	}
	damage(c)
	if gen, err := Rollback(dir); err != nil || gen != b {
		t.Fatalf("Rollback from damaged %s = %s, %v; want %s", c, gen, err, b)
	}
	d := publishOne(t, dir, 2)
	if !slices.Contains(generations(t, dir), b) {
		t.Errorf("the build after the rollback removed %s: %v", b, generations(t, dir))
	}
	// Damaged while current: the next run keeps it until it publishes, then
	// drops it rather than keep it for rollback.
	damage(d)
	failedRun(t, dir)
	if !slices.Contains(generations(t, dir), d) {
		t.Errorf("a failed run removed %s, which CURRENT names", d)
	}
	e := publishOne(t, dir, 2)
	if gen, err := Rollback(dir); err != nil || gen != b {
		t.Errorf("Rollback from %s = %s, %v; want %s, skipping damaged %s", e, gen, err, b, d)
	}
}

// TestUnpublishedGenerationRemoved: a run killed after writing meta.json
// but before switching CURRENT leaves a complete generation that never
// served, and CURRENT.tmp. The next run removes both and keeps the
// generation that was serving.
func TestUnpublishedGenerationRemoved(t *testing.T) {
	dir := t.TempDir()
	publishOne(t, dir, 1)
	serving := publishOne(t, dir, 1)

	orphan := whole(t, dir)
	if err := os.WriteFile(filepath.Join(dir, CurrentFile+".tmp"), []byte(filepath.Base(orphan)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	next := publishOne(t, dir, 1)
	if got, want := generations(t, dir), []string{serving, next}; !slices.Equal(got, want) {
		t.Errorf("generations = %v, want %v (never published: %s)", got, want, filepath.Base(orphan))
	}
	if _, err := os.Stat(filepath.Join(dir, CurrentFile+".tmp")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("CURRENT.tmp left behind: %v", err)
	}
	if gen, err := Rollback(dir); err != nil || gen != serving {
		t.Errorf("Rollback = %s, %v; want %s", gen, err, serving)
	}
}

// TestPartialGenerationRemoved: a run killed midway leaves a generation
// without meta.json; the next run removes it.
func TestPartialGenerationRemoved(t *testing.T) {
	dir := t.TempDir()
	partial := filepath.Join(dir, Prefix+"00000000T000000.000000-1")
	if err := os.MkdirAll(ShardDir(partial, 0), 0o755); err != nil {
		t.Fatal(err)
	}
	publishOne(t, dir, 1)
	if _, err := os.Stat(partial); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("partial generation still there: %v", err)
	}
}

// TestHistoryRepairedAfterInterruptedSwitch: CURRENT is the truth when
// the history file is a step behind (a run killed between the two).
func TestHistoryRepairedAfterInterruptedSwitch(t *testing.T) {
	dir := t.TempDir()
	a := publishOne(t, dir, 1)
	b := publishOne(t, dir, 1)
	// A publish of c killed after CURRENT, before the history: the
	// history still ends in b.
	c := publishOne(t, dir, 1)
	if err := writeHistory(dir, []string{b}); err != nil {
		t.Fatal(err)
	}
	if hist, err := loadHistory(dir); err != nil || !slices.Equal(hist, []string{b, c}) {
		t.Errorf("history = %v, %v; want [%s %s]", hist, err, b, c)
	}
	// A rollback killed after CURRENT, before the history.
	if err := setCurrent(dir, b, slog.Default()); err != nil {
		t.Fatal(err)
	}
	if err := writeHistory(dir, []string{b, c}); err != nil {
		t.Fatal(err)
	}
	if hist, err := loadHistory(dir); err != nil || !slices.Equal(hist, []string{b}) {
		t.Errorf("history = %v, %v; want [%s]", hist, err, b)
	}
	// An index from before the history was kept: by name, up to CURRENT.
	os.Remove(filepath.Join(dir, HistoryFile))
	if hist, err := loadHistory(dir); err != nil || !slices.Equal(hist, []string{b}) {
		t.Errorf("history without a file = %v, %v; want [%s] (%s was pruned)", hist, err, b, a)
	}
}

// TestHistoryWithNoValidEntry: a history emptied or garbled by hand names
// no generation left, so the complete ones older than CURRENT, by name,
// stand in for it, and CURRENT ends it.
func TestHistoryWithNoValidEntry(t *testing.T) {
	dir := t.TempDir()
	a := publishOne(t, dir, 2)
	b := publishOne(t, dir, 2)
	c := publishOne(t, dir, 2)
	for _, garbled := range []string{"", "\n\n", "gen-gone\nnot a name\n"} {
		if err := os.WriteFile(filepath.Join(dir, HistoryFile), []byte(garbled), 0o644); err != nil {
			t.Fatal(err)
		}
		if hist, err := loadHistory(dir); err != nil || !slices.Equal(hist, []string{a, b, c}) {
			t.Errorf("history from %q = %v, %v; want [%s %s %s]", garbled, hist, err, a, b, c)
		}
	}
	if gen, err := Rollback(dir); err != nil || gen != b {
		t.Errorf("Rollback = %s, %v; want %s", gen, err, b)
	}
}
