package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ProfileTop is the head of `go tool pprof -top` for one profile.
type ProfileTop struct {
	Title string
	File  string
	Args  []string // the pprof flags used
	Top   string   // the table, or why there is none
}

// topNodes is how many functions each summary lists.
const topNodes = 15

// profiles summarizes the profiles written under ProfileDir.
func (r *runner) profiles() error {
	dir := r.cfg.ProfileDir
	if dir == "" {
		return nil
	}
	r.phase("profiles")
	specs := []struct {
		title, file string
		args        []string
	}{
		{"indexing (xinwen index child), CPU, by own time", ProfileIndexCPU, nil},
		{"indexing (xinwen index child), CPU, cumulative", ProfileIndexCPU, []string{"-cum"}},
		{"queries (in-process, with and without facets), CPU, by own time", ProfileQueryCPU, nil},
		{"queries, CPU, cumulative", ProfileQueryCPU, []string{"-cum"}},
		{"queries, bytes allocated", ProfileQueryAllocs, []string{"-sample_index=alloc_space", "-base", filepath.Join(dir, ProfileQueryAllocsBase)}},
	}
	for _, s := range specs {
		path := filepath.Join(dir, s.file)
		r.rep.Profiles = append(r.rep.Profiles, ProfileTop{Title: s.title, File: s.file, Args: s.args, Top: pprofTop(r.cfg.Exe, path, s.args)})
	}
	return nil
}

// pprofTop runs `go tool pprof -top` and keeps the table's first rows. It
// needs the go command; without it, it says how to get the table.
func pprofTop(exe, profile string, args []string) string {
	if _, err := os.Stat(profile); err != nil {
		return fmt.Sprintf("(no profile: %v)", err)
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return fmt.Sprintf("(go command not found: run go tool pprof -top %s %s)", exe, profile)
	}
	full := append([]string{"tool", "pprof", "-top", fmt.Sprintf("-nodecount=%d", topNodes)}, args...)
	out, err := exec.Command(goCmd, append(full, exe, profile)...).CombinedOutput()
	if err != nil {
		return fmt.Sprintf("(go tool pprof failed: %v: %s)", err, out)
	}
	return keepTable(string(out))
}

// keepTable drops pprof's header lines (file, build id, type, time) but
// the totals line, keeping the column header and the rows.
func keepTable(out string) string {
	var keep []string
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "File:"), strings.HasPrefix(line, "Build ID:"),
			strings.HasPrefix(line, "Type:"), strings.HasPrefix(line, "Time:"),
			strings.HasPrefix(line, "Dropped"):
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}
