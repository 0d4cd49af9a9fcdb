package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"

	"github.com/xinwen-search/xinwen/indexer"
	"github.com/xinwen-search/xinwen/indexer/article"
	"github.com/xinwen-search/xinwen/search"
)

// Engines compared.
const (
	EngineXinwen = "xinwen"
	EngineBleve  = "Bleve default + cjk"
)

// BleveChildCommand is the hidden `xinwen bench` argument that makes the
// process a Bleve-default indexing child: `xinwen bench __bleve-default DIR FILE`.
const BleveChildCommand = "__bleve-default"

// bleveBatch is the batch size the issue prescribes for plain Bleve.
const bleveBatch = 1000

// IndexRun is one indexing of a corpus, done in a child process so that its
// peak RSS is its own.
type IndexRun struct {
	Engine    string
	Articles  int
	TextBytes int64
	// Seconds is the indexing as the child timed it: reading and parsing
	// the input, analysis, indexing and the final merge; not the process
	// start or the dictionary load.
	Seconds float64
	Wall    float64 // the whole child process
	CPU     float64 // user+system seconds of the whole child process
	PeakRSS int64   // bytes (getrusage ru_maxrss of the child)
	// Peak is the child's resident set sampled every 100 ms, the sample
	// with the highest RSS: what the peak was made of (heap or mapped
	// index files). Zero where /proc cannot be read.
	Peak      Resident
	SizeBytes int64 // the index directory on disk
}

// MBs is text megabytes (title+body) indexed per second.
func (r IndexRun) MBs() float64 { return float64(r.TextBytes) / 1e6 / r.Seconds }

// MBPerCPU is text megabytes per CPU-second of the child (all of it,
// dictionary load included): what a shared machine distorts least.
func (r IndexRun) MBPerCPU() float64 { return float64(r.TextBytes) / 1e6 / r.CPU }

// PerSec is articles indexed per second.
func (r IndexRun) PerSec() float64 { return float64(r.Articles) / r.Seconds }

// SizeRatio is index size over raw text size.
func (r IndexRun) SizeRatio() float64 { return float64(r.SizeBytes) / float64(r.TextBytes) }

// IndexXinwen runs `xinwen index` (default shards: one per core) on input
// into dir. cpuProfile, when set, receives the child's CPU profile. Every
// article of input must be indexed, as Bleve indexes them all: the
// synthetic corpus repeats real titles, some on the same day, which
// --keep-duplicates keeps (the real corpus has no such repeats).
func IndexXinwen(ctx context.Context, exe string, dictArgs []string, dir, input, cpuProfile string) (IndexRun, error) {
	args := append([]string{"index", "--index", dir, "--progress", "none", "--keep-duplicates", "--summary", "json"}, dictArgs...)
	if cpuProfile != "" {
		args = append(args, "--cpuprofile", cpuProfile)
	}
	out, run, err := runChild(ctx, exe, append(args, input)...)
	if err != nil {
		return run, fmt.Errorf("bench: xinwen index: %w", err)
	}
	rep, err := readSummary(out)
	if err != nil {
		return run, err
	}
	run.Engine, run.Articles, run.Seconds = EngineXinwen, rep.Indexed, rep.ElapsedSeconds
	run.SizeBytes = search.DirSize(dir)
	return run, nil
}

// readSummary decodes the JSON summary `xinwen index --summary json`
// prints, refusing a run that skipped articles: its MB/s would count text
// it did not index.
func readSummary(out string) (indexer.Report, error) {
	var rep indexer.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		return rep, fmt.Errorf("bench: xinwen index: reading its summary: %w\n%s", err, out)
	}
	if rep.Skipped.Total != 0 {
		return rep, fmt.Errorf("bench: xinwen index skipped %d articles, so its MB/s would count text it did not index:\n%s", rep.Skipped.Total, out)
	}
	return rep, nil
}

// IndexBleveDefault runs the Bleve-default child on input into dir.
func IndexBleveDefault(ctx context.Context, exe, dir, input string) (IndexRun, error) {
	out, run, err := runChild(ctx, exe, "bench", BleveChildCommand, dir, input)
	if err != nil {
		return run, fmt.Errorf("bench: bleve default: %w", err)
	}
	var res childResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		return run, fmt.Errorf("bench: bleve default: child said %q: %w", out, err)
	}
	run.Engine, run.Articles, run.Seconds = EngineBleve, res.Articles, res.Seconds
	run.SizeBytes = search.DirSize(dir)
	return run, nil
}

// runChild runs exe with args and returns its stdout, wall time and peak RSS.
func runChild(ctx context.Context, exe string, args ...string) (string, IndexRun, error) {
	var run IndexRun
	var stdout bytes.Buffer
	stderr := &capped{max: 16 << 10}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	start := time.Now()
	err := cmd.Start()
	if err == nil {
		stop := watchPeak(cmd.Process.Pid, 100*time.Millisecond)
		err = cmd.Wait()
		run.Peak = stop()
	}
	run.Wall = time.Since(start).Seconds()
	if cmd.ProcessState != nil {
		run.CPU = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			run.PeakRSS = ru.Maxrss << 10 // Linux reports KiB
		}
	}
	if err != nil {
		return stdout.String(), run, fmt.Errorf("%w; stderr:\n%s", err, stderr.buf.String())
	}
	return stdout.String(), run, nil
}

// capped keeps the first max bytes written to it.
type capped struct {
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// childResult is what the Bleve child prints.
type childResult struct {
	Articles int     `json:"articles"`
	Seconds  float64 `json:"seconds"`
}

// RunBleveChild is the Bleve-default child: `__bleve-default DIR FILE`.
// It indexes FILE into a new index at DIR with bleve.NewIndexMapping() and
// only the default analyzer set to "cjk" (every field dynamic, stored, with
// term vectors and _all), in batches of 1000, and prints a JSON result.
func RunBleveChild(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 2 {
		return fmt.Errorf("bench: %s DIR FILE", BleveChildCommand)
	}
	start := time.Now()
	n, err := indexBleve(ctx, args[0], args[1])
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(childResult{Articles: n, Seconds: time.Since(start).Seconds()})
}

func indexBleve(ctx context.Context, dir, input string) (int, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = cjk.AnalyzerName
	ix, err := bleve.New(dir, m)
	if err != nil {
		return 0, fmt.Errorf("bench: bleve new: %w", err)
	}
	n, err := feedBleve(ctx, ix, input)
	if cerr := ix.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("bench: bleve close: %w", cerr)
	}
	return n, err
}

func feedBleve(ctx context.Context, ix bleve.Index, input string) (int, error) {
	f, err := os.Open(input)
	if err != nil {
		return 0, fmt.Errorf("bench: bleve input: %w", err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return 0, fmt.Errorf("bench: bleve input: %w", err)
	}
	n, b := 0, ix.NewBatch()
	for rec, err := range article.ReadJSONL(gz, input, article.Options{}) {
		if err != nil {
			continue
		}
		a := rec.Article
		doc := map[string]any{"title": a.Title, "body": a.Body, "categories": a.Categories, "date": a.Date}
		if err := b.Index(a.ID, doc); err != nil {
			return n, fmt.Errorf("bench: bleve %s: %w", a.ID, err)
		}
		if n++; b.Size() == bleveBatch {
			if err := ix.Batch(b); err != nil {
				return n, fmt.Errorf("bench: bleve batch: %w", err)
			}
			b = ix.NewBatch() // not Reset: scorch may still read the old one

		}
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
	}
	if err := ix.Batch(b); err != nil {
		return n, fmt.Errorf("bench: bleve batch: %w", err)
	}
	return n, nil
}
