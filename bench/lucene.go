package bench

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen/search"
)

// EngineLucene is the baseline of issue 17: Lucene's CJKAnalyzer (character
// bigrams), 2 indexing threads, highlighted snippets and facets.
const EngineLucene = "Lucene CJK"

// DefaultLuceneJars is where Debian's liblucene8-java puts its jars.
const DefaultLuceneJars = "/usr/share/java"

// luceneThreads is the comparison issue 17 prescribes: Lucene indexing on
// two threads, as xinwen indexes on one shard per core of this 2-core machine.
const luceneThreads = 2

// luceneModules are the jars LuceneBench needs (memory: the highlighter's
// MemoryIndex for phrase queries; queries: the query parser's helpers).
var luceneModules = []string{"lucene-core", "lucene-analyzers-common", "lucene-queryparser",
	"lucene-queries", "lucene-highlighter", "lucene-memory", "lucene-facet"}

// ErrNoLucene means java, javac or the Lucene jars are missing.
var ErrNoLucene = errors.New("bench: --lucene needs java, javac and Lucene's jars (Debian: apt-get install default-jdk-headless liblucene8-java)")

//go:embed lucene/LuceneBench.java
var luceneSource []byte

// Lucene is LuceneBench compiled and ready to run as a child process.
type Lucene struct {
	java      string
	classpath string
	Version   string // "lucene-core-8.7.0.jar, openjdk 17.0.15"
}

// LuceneRun is what the Lucene baseline measured at one scale.
type LuceneRun struct {
	Index   IndexRun
	Latency QueryLatency
}

// PrepareLucene finds java, javac and the jars in jarDir, and compiles the
// embedded LuceneBench.java into work/lucene. Anything missing is an error
// wrapping ErrNoLucene.
func PrepareLucene(ctx context.Context, jarDir, work string) (*Lucene, error) {
	java, err := exec.LookPath("java")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoLucene, err)
	}
	javac, err := exec.LookPath("javac")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoLucene, err)
	}
	jars, err := findJars(jarDir)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(work, "lucene")
	src, classes := filepath.Join(dir, "LuceneBench.java"), filepath.Join(dir, "classes")
	if err := os.MkdirAll(classes, 0o755); err != nil {
		return nil, fmt.Errorf("bench: lucene: %w", err)
	}
	if err := os.WriteFile(src, luceneSource, 0o644); err != nil {
		return nil, fmt.Errorf("bench: lucene: %w", err)
	}
	cp := strings.Join(jars, string(os.PathListSeparator))
	if out, err := exec.CommandContext(ctx, javac, "-nowarn", "-cp", cp, "-d", classes, src).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("bench: lucene: javac: %w\n%s", err, out)
	}
	return &Lucene{java: java, classpath: classes + string(os.PathListSeparator) + cp,
		Version: filepath.Base(jars[0]) + ", " + javaVersion(ctx, java)}, nil
}

// findJars picks, for each module, the newest versioned jar in dir
// (Debian's are named lucene-core-8.7.0.jar).
func findJars(dir string) ([]string, error) {
	var out []string
	for _, m := range luceneModules {
		found, _ := filepath.Glob(filepath.Join(dir, m+"-[0-9]*.jar")) // the pattern is valid
		if len(found) == 0 {
			return nil, fmt.Errorf("%w: no %s-*.jar in %s", ErrNoLucene, m, dir)
		}
		slices.Sort(found)
		out = append(out, found[len(found)-1])
	}
	return out, nil
}

// javaVersion is the first line of `java -version`, which goes to stderr.
func javaVersion(ctx context.Context, java string) string {
	out, _ := exec.CommandContext(ctx, java, "-version").CombinedOutput()
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line)
}

// luceneZone names zone for java.time.ZoneId: its IANA name when it has
// one, else its current offset (a time.FixedZone's name, such as "CST",
// means nothing to Java; Go's "Local" is a file, not a name).
func luceneZone(zone *time.Location) string {
	if zone == nil {
		zone = time.UTC
	}
	if name := zone.String(); name != "Local" {
		if _, err := time.LoadLocation(name); err == nil {
			return name
		}
	}
	return time.Now().In(zone).Format("-07:00")
}

// Index indexes input (the JSON Lines file xinwen indexes) into a new
// index at dir in a child JVM with the default heap, and measures it as
// runChild measures xinwen's child.
func (l *Lucene) Index(ctx context.Context, dir, input string, zone *time.Location) (IndexRun, error) {
	out, run, err := runChild(ctx, l.java, "-cp", l.classpath, "LuceneBench", "index", dir, input, luceneZone(zone), strconv.Itoa(luceneThreads))
	if err != nil {
		return run, fmt.Errorf("bench: lucene index: %w", err)
	}
	var res childResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		return run, fmt.Errorf("bench: lucene index: child said %q: %w", out, err)
	}
	run.Engine, run.Articles, run.Seconds = EngineLucene, res.Articles, res.Seconds
	run.SizeBytes = search.DirSize(dir)
	return run, nil
}

// luceneTimings is what `LuceneBench query` prints: each query's total
// hits (warm-up pass), the nanoseconds of every query in every round with
// facets (mode 0) and without (mode 1), and the JVM's CPU time per mode.
type luceneTimings struct {
	Totals   []int64     `json:"totals"`
	Nanos    [][][]int64 `json:"nanos"`
	CPUNanos [2]int64    `json:"cpuNanos"`
}

// Queries runs qs against the index at dir in a child JVM: one warm-up
// pass, then rounds, each with and without facets, summarized with the
// same percentiles and medians as xinwen's. scratch holds the query file.
func (l *Lucene) Queries(ctx context.Context, dir string, qs []Query, zone *time.Location, rounds int, scratch string) (QueryLatency, error) {
	out := QueryLatency{ZeroHits: map[string]int{}, Rounds: rounds}
	file := filepath.Join(scratch, "lucene-queries.tsv")
	if err := writeLuceneQueries(file, qs, zone); err != nil {
		return out, err
	}
	stdout, _, err := runChild(ctx, l.java, "-cp", l.classpath, "LuceneBench", "query", dir, file, luceneZone(zone), strconv.Itoa(rounds))
	if err != nil {
		return out, fmt.Errorf("bench: lucene queries: %w", err)
	}
	var t luceneTimings
	if err := json.Unmarshal([]byte(stdout), &t); err != nil {
		return out, fmt.Errorf("bench: lucene queries: child said %.200q: %w", stdout, err)
	}
	if len(t.Totals) != len(qs) || len(t.Nanos) != 2 {
		return out, fmt.Errorf("bench: lucene queries: %d totals and %d modes for %d queries", len(t.Totals), len(t.Nanos), len(qs))
	}
	for i, n := range t.Totals {
		if n == 0 {
			out.ZeroHits[qs[i].Class]++
		}
	}
	byMode := [2]*map[string]Latency{&out.Facets, &out.NoFacets}
	for mode, rs := range t.Nanos {
		perClass, err := summarizeRounds(qs, rs)
		if err != nil {
			return out, err
		}
		*byMode[mode] = medians(perClass)
		out.CPUms[mode] = float64(t.CPUNanos[mode]) / 1e6 / float64(rounds*len(qs))
	}
	return out, nil
}

// summarizeRounds groups each round's timings by class (and ClassAll).
func summarizeRounds(qs []Query, rounds [][]int64) (map[string][]Latency, error) {
	out := map[string][]Latency{}
	for _, ns := range rounds {
		if len(ns) != len(qs) {
			return nil, fmt.Errorf("bench: lucene queries: %d timings for %d queries", len(ns), len(qs))
		}
		times := map[string][]time.Duration{}
		for i, n := range ns {
			times[qs[i].Class] = append(times[qs[i].Class], time.Duration(n))
			times[ClassAll] = append(times[ClassAll], time.Duration(n))
		}
		for class, ds := range times {
			out[class] = append(out[class], Summarize(ds))
		}
	}
	return out, nil
}

// writeLuceneQueries writes one query a line: class, text, category path,
// from and to as epoch milliseconds (0: open), sort, page; tab-separated.
// Dates go through Query.Request so that both engines filter the same days.
func writeLuceneQueries(path string, qs []Query, zone *time.Location) error {
	var b bytes.Buffer
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for _, q := range qs {
		req, err := q.Request(zone)
		if err != nil {
			return err
		}
		var from, to int64
		if !req.From.IsZero() {
			from = req.From.UnixMilli()
		}
		if !req.To.IsZero() {
			to = req.To.UnixMilli()
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%d\t%s\t%d\n", q.Class, clean.Replace(q.Text), clean.Replace(q.Category), from, to, q.Sort, q.Page)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("bench: lucene queries: %w", err)
	}
	return nil
}
