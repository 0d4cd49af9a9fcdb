package indexer

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xinwen-search/xinwen/indexer/article"
	"github.com/xinwen-search/xinwen/journal"
)

// maxProblems bounds the skipped items a summary lists one by one.
const maxProblems = 50

// Summary reports one run.
type Summary struct {
	Generation   string
	Indexed      int            // articles written this run
	Deleted      int            // ids removed (incremental)
	NotFound     []string       // ids to delete that the current generation does not hold
	Docs         uint64         // documents in the new generation
	Skipped      map[string]int // by reason
	Problems     []Problem      // the first maxProblems skips
	Warnings     int            // items indexed with a part lost (e.g. a bad date)
	WarningList  []Problem      // the first maxProblems warnings
	TextBytes    int64          // title+body bytes indexed
	Bytes        int64          // input bytes read
	IgnoredFiles int            // files in walked directories that are not inputs
	Written      int            // articles folded in from the write journal
	Superseded   int            // source articles whose id the journal writes or deletes
	Duration     time.Duration

	mu        sync.Mutex // guards Skipped, Problems, Warnings, WarningList, warnItems
	warnItems int        // warnings, several for one article at times
	indexed   atomic.Int64
}

// Problem is one skipped item or warning: where it is (file, or stream
// and line) and why.
type Problem struct {
	Where  string `json:"where"`
	Reason string `json:"reason"`
}

func newSummary() *Summary { return &Summary{Skipped: map[string]int{}} }

func (s *Summary) skip(reason, where string, err error, log *slog.Logger) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Skipped[reason]++
	if len(s.Problems) < maxProblems {
		s.Problems = append(s.Problems, Problem{Where: where, Reason: err.Error()})
	}
	log.Debug("skipped", "where", where, "reason", reason, "err", err)
}

func (s *Summary) warn(ws []article.Warning, log *slog.Logger) {
	if len(ws) == 0 {
		return
	}
	s.mu.Lock()
	s.Warnings++
	s.warnItems += len(ws)
	for _, w := range ws {
		if len(s.WarningList) < maxProblems {
			s.WarningList = append(s.WarningList, Problem{Where: w.Where, Reason: w.Reason})
		}
	}
	s.mu.Unlock()
	for _, w := range ws {
		log.Debug("warning", "where", w.Where, "reason", w.Reason)
	}
}

func (s *Summary) addIndexed(textBytes int) {
	s.indexed.Add(1)
	s.mu.Lock()
	s.TextBytes += int64(textBytes)
	s.mu.Unlock()
}

// SkippedTotal counts every skipped item.
func (s *Summary) SkippedTotal() int {
	n := 0
	for _, c := range s.Skipped {
		n += c
	}
	return n
}

// String is the final report an operator reads. A run that published
// nothing (Generation is empty) says so instead of what it indexed.
func (s *Summary) String() string {
	var b strings.Builder
	secs := s.Duration.Seconds()
	published := s.Generation != ""
	if published {
		fmt.Fprintf(&b, "indexed %d articles (%d documents in %s) in %.1fs: %.0f articles/s, %.2f MB/s of text\n",
			s.Indexed, s.Docs, s.Generation, secs, float64(s.Indexed)/secs, float64(s.TextBytes)/1e6/secs)
	} else {
		fmt.Fprintf(&b, "nothing published: the run stopped after %.1fs, with %d articles read\n", secs, s.Indexed)
	}
	if s.Written > 0 || s.Superseded > 0 {
		fmt.Fprintf(&b, "folded in %d articles written over HTTP (%s); %d source articles gave way to a write or delete over HTTP\n",
			s.Written, journal.FileName, s.Superseded)
	}
	switch {
	case s.Deleted > 0 && published:
		fmt.Fprintf(&b, "deleted %d ids\n", s.Deleted)
	case s.Deleted > 0:
		fmt.Fprintf(&b, "%d ids to delete were found; none deleted\n", s.Deleted)
	}
	if n := len(s.NotFound); n > 0 {
		shown := s.NotFound[:min(n, maxProblems)]
		fmt.Fprintf(&b, "not deleted, %d ids not found: %s", n, strings.Join(shown, ", "))
		if n > len(shown) {
			fmt.Fprintf(&b, " and %d more", n-len(shown))
		}
		b.WriteString("\n")
	}
	if s.Warnings > 0 {
		fmt.Fprintf(&b, "%d articles indexed with a warning (e.g. unparseable date left empty)\n", s.Warnings)
		listProblems(&b, "warning", s.WarningList, max(s.warnItems, len(s.WarningList)))
	}
	fmt.Fprintf(&b, "skipped %d", s.SkippedTotal())
	reasons := make([]string, 0, len(s.Skipped))
	for r := range s.Skipped {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(&b, "; %s: %d", r, s.Skipped[r])
	}
	b.WriteString("\n")
	listProblems(&b, "skipped", s.Problems, s.SkippedTotal())
	if s.IgnoredFiles > 0 {
		fmt.Fprintf(&b, "ignored %d files that are not .md/.jsonl/.ndjson inputs\n", s.IgnoredFiles)
	}
	return b.String()
}

// listProblems writes the problems kept, one a line, and how many more
// there were of total.
func listProblems(b *strings.Builder, what string, kept []Problem, total int) {
	for _, p := range kept {
		fmt.Fprintf(b, "  %s %s: %s\n", what, p.Where, p.Reason)
	}
	if more := total - len(kept); more > 0 && len(kept) > 0 {
		fmt.Fprintf(b, "  … and %d more (-v logs every one)\n", more)
	}
}
