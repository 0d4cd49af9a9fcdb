package bench

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// Machine describes where a run happened.
type Machine struct {
	Cores     int
	MemBytes  int64 // MemTotal
	CPU       string
	GoVersion string
	OS        string
	Revision  string       // the commit the binary was built from, if it knows
	Loads     []LoadSample // load average over the run, first at start, last at end
}

// LoadSample is /proc/loadavg's one-minute average when a phase began.
type LoadSample struct {
	Phase string
	At    time.Time
	Load1 float64
	Raw   string // the 1, 5 and 15 minute averages as /proc/loadavg has them
}

// busyLoad is the one-minute load above which other processes were
// sharing the machine enough to slow a two-core run.
const busyLoad = 0.5

// ReadMachine reads the processor, memory and Go version.
func ReadMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	m.CPU = procField("/proc/cpuinfo", "model name")
	m.Revision = revision()
	if f := strings.Fields(procField("/proc/meminfo", "MemTotal")); len(f) > 0 { // "24684084 kB"
		kb, _ := strconv.ParseInt(f[0], 10, 64)
		m.MemBytes = kb << 10
	}
	if m.CPU == "" {
		m.CPU = "unknown"
	}
	return m
}

// revision is the VCS commit in the binary's build info ("+modified" when
// the tree had changes), or "" when it was built outside a checkout.
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(len(s.Value), 12)]
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+modified"
			}
		}
	}
	if rev == "" {
		return ""
	}
	return rev + modified
}

// procField returns the value of the first "key: value" line of a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// SampleLoad records the load average as phase begins.
func (m *Machine) SampleLoad(phase string) {
	s := LoadSample{Phase: phase, At: time.Now()}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		f := strings.Fields(string(b))
		if len(f) >= 3 {
			s.Raw = strings.Join(f[:3], " ")
			s.Load1, _ = strconv.ParseFloat(f[0], 64)
		}
	}
	m.Loads = append(m.Loads, s)
}

// MaxLoad is the highest one-minute load sampled.
func (m Machine) MaxLoad() float64 {
	var x float64
	for _, s := range m.Loads {
		x = max(x, s.Load1)
	}
	return x
}

// Busy reports whether other work shared the machine during the run.
func (m Machine) Busy() bool { return m.MaxLoad() > busyLoad }

// String is a one-line description.
func (m Machine) String() string {
	return fmt.Sprintf("%d cores (%s), %.1f GiB, %s, %s", m.Cores, m.CPU, float64(m.MemBytes)/(1<<30), m.GoVersion, m.OS)
}
