package bench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Resident is a process's resident set split by what backs it, from
// /proc/PID/status. The split matters because an index is memory-mapped:
// File counts the pages of index files the process has touched, which the
// kernel can drop and read again, while Anon (Go heap, jieba's
// dictionaries, stacks) it cannot.
type Resident struct {
	RSS  int64 // VmRSS, bytes
	Anon int64 // RssAnon
	File int64 // RssFile + RssShmem
	HWM  int64 // VmHWM: the peak RSS so far
}

// readResident reads pid's resident set; zero when it cannot (the process
// ended, or no /proc).
func readResident(pid int) Resident {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Resident{}
	}
	return parseResident(string(b))
}

func parseResident(status string) Resident {
	var r Resident
	for _, line := range strings.Split(status, "\n") {
		k, v, _ := strings.Cut(line, ":")
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "VmRSS":
			r.RSS = kb << 10
		case "RssAnon":
			r.Anon = kb << 10
		case "RssFile", "RssShmem":
			r.File += kb << 10
		case "VmHWM":
			r.HWM = kb << 10
		}
	}
	return r
}

// String is "1972 MB (anon 750, files 1222)".
func (r Resident) String() string {
	return fmt.Sprintf("%.0f (anon %.0f, files %.0f)", float64(r.RSS)/mb, float64(r.Anon)/mb, float64(r.File)/mb)
}

// watchPeak samples pid every interval until stopped and keeps the
// sample with the highest RSS: getrusage gives a child's peak but not
// what it was made of.
func watchPeak(pid int, interval time.Duration) (stop func() Resident) {
	var peak Resident
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			if r := readResident(pid); r.RSS > peak.RSS {
				peak = r
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() Resident { close(done); wg.Wait(); return peak }
}
