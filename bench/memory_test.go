package bench

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseResident(t *testing.T) {
	status := "Name:\txinwen\nVmHWM:\t 1972572 kB\nVmRSS:\t  799900 kB\nRssAnon:\t  751416 kB\nRssFile:\t   48000 kB\nRssShmem:\t     484 kB\nThreads:\t12\n"
	got := parseResident(status)
	want := Resident{RSS: 799900 << 10, Anon: 751416 << 10, File: 48484 << 10, HWM: 1972572 << 10}
	if got != want {
		t.Errorf("parseResident = %+v, want %+v", got, want)
	}
	if s := got.String(); s != "819 (anon 769, files 50)" {
		t.Errorf("String = %q", s)
	}
	if (parseResident("garbage\nVmRSS: x kB\n") != Resident{}) {
		t.Error("a status without numbers gave a resident set")
	}
}

// TestWatchPeakReadsThisProcess samples this process: its peak is a real
// resident set whose parts add up.
func TestWatchPeakReadsThisProcess(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	stop := watchPeak(os.Getpid(), time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	p := stop()
	if p.RSS <= 0 || p.Anon <= 0 || p.Anon+p.File > p.RSS+p.RSS/10 || p.Anon+p.File < p.RSS-p.RSS/10 {
		t.Errorf("peak %+v: parts do not add up to the RSS", p)
	}
}

func TestPeakCellSplitsWhenSampled(t *testing.T) {
	r := IndexRun{PeakRSS: 1972e6}
	if c := peakCell(r); c != "1972" {
		t.Errorf("unsampled: %q", c)
	}
	r.Peak = Resident{RSS: 1970e6, Anon: 750e6, File: 1220e6}
	if c := peakCell(r); !strings.HasPrefix(c, "1972 (750, 1220)") {
		t.Errorf("sampled: %q", c)
	}
}
