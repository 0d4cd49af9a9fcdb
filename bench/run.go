package bench

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search"
)

// Config is one benchmark run.
type Config struct {
	Exe         string   // the xinwen binary, re-executed for every child
	DictDir     string   // jieba dictionaries (for the gojieba-alone ceiling)
	DictArgs    []string // flags that make children load the same dictionaries
	DictVersion string   // the loaded segmenter's version (zh.Use is done)
	Segment     Segmenter
	Zone        *time.Location

	Corpus string // JSON Lines (.gz) of real articles
	Docs   int    // articles to use; 0: all
	// Scales are the synthesized corpora measured after the real one,
	// each Factor times its size (10: the ten-fold one), in order.
	Scales  []int
	Queries int // per class
	Rounds  int
	Seed    uint64
	HTTP    bool
	// Attack runs only the abuse scenario (index, then MeasureAttack) and
	// skips every other section.
	Attack     bool
	AttackLoad AttackConfig // Rate, durations, Attackers, bounds, ServeArgs
	Load       HTTPConfig   // Concurrency, Duration, MaxRequests, Warmup
	WorkDir    string       // parent of the temporary directory; "": os.TempDir()
	Keep       bool         // keep inputs and indexes
	ProfileDir string       // CPU/allocation profiles; "": none
	Log        io.Writer    // progress lines; nil: none

	// Lucene also measures the Lucene CJK baseline at every scale, with
	// the jars in LuceneJars (DefaultLuceneJars when empty).
	Lucene     bool
	LuceneJars string
}

// Report is everything one run measured.
type Report struct {
	Machine  Machine
	Ceiling  Ceiling
	Floor    Floor
	Scales   []Scale       // the corpus, then each synthesized one
	Attack   *AttackResult // with Config.Attack
	Bleve    IndexRun      // Bleve's default mapping on the first scale
	Lucene   string        // the Lucene jar and JVM measured, with --lucene
	Profiles []ProfileTop
	Queries  int // sampled per class
	Rounds   int
	Seed     uint64
	Load     HTTPConfig // the load bounds, with --http
	Started  time.Time
	Elapsed  time.Duration
}

// Scale is what one corpus size measured.
type Scale struct {
	Name    string // "24k"
	Factor  int    // 1: the real corpus; 10: ten times its size, synthesized
	Index   IndexRun
	Latency QueryLatency
	HTTP    *HTTPResult // nil without --http
	Lucene  *LuceneRun  // nil without --lucene
}

// Run measures everything cfg asks for.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	r := &runner{cfg: cfg, rep: &Report{Machine: ReadMachine(), Queries: cfg.Queries, Rounds: cfg.Rounds, Seed: cfg.Seed, Load: cfg.Load, Started: time.Now()}}
	if r.cfg.Log == nil {
		r.cfg.Log = io.Discard
	}
	r.rep.Machine.SampleLoad("start")
	work, err := os.MkdirTemp(cfg.WorkDir, "xinwen-bench-")
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	r.work = work
	if cfg.ProfileDir != "" {
		if err := os.MkdirAll(cfg.ProfileDir, 0o755); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	if !cfg.Keep {
		defer os.RemoveAll(work)
	}
	err = r.run(ctx)
	r.rep.Machine.SampleLoad("end")
	r.rep.Elapsed = time.Since(r.rep.Started)
	return r.rep, err
}

type runner struct {
	cfg  Config
	rep  *Report
	work string
	docs []Doc
	qs   []Query
	lu   *Lucene // with Config.Lucene
}

func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(r.cfg.Log, "bench: "+format+"\n", args...)
}

func (r *runner) run(ctx context.Context) error {
	var err error
	if r.cfg.Lucene && !r.cfg.Attack {
		// First, so that a machine without Java fails before the long phases.
		if r.lu, err = PrepareLucene(ctx, cmp.Or(r.cfg.LuceneJars, DefaultLuceneJars), r.work); err != nil {
			return err
		}
		r.rep.Lucene = r.lu.Version
	}
	if r.docs, err = ReadCorpus(r.cfg.Corpus, r.cfg.Docs); err != nil {
		return err
	}
	r.logf("%d articles, %.1f MB of text; sampling %d queries per class (seed %d)", len(r.docs), float64(TextBytes(r.docs))/1e6, r.cfg.Queries, r.cfg.Seed)
	r.qs, err = SampleQueries(r.docs, SampleConfig{PerClass: r.cfg.Queries, Seed: r.cfg.Seed, Segment: r.cfg.Segment, Zone: r.cfg.Zone})
	if err != nil {
		return err
	}
	if r.cfg.Attack {
		return r.attack(ctx)
	}
	r.phase("ceiling")
	if r.rep.Ceiling, err = MeasureCeiling(r.docs, r.cfg.DictDir); err != nil {
		return err
	}
	r.phase("bleve floor")
	if r.rep.Floor, err = MeasureFloor(r.docs, r.work); err != nil {
		return err
	}
	r.logf("bleve alone indexed pre-segmented words at %.2f MB/s", r.rep.Floor.MBs())
	input := filepath.Join(r.work, "corpus.jsonl.gz")
	if err := WriteCorpus(input, r.docs); err != nil {
		return err
	}
	if err := r.scale(ctx, scaleName(len(r.docs)), 1, input, TextBytes(r.docs), true); err != nil {
		return err
	}
	if err := r.bleve(ctx, input); err != nil {
		return err
	}
	for _, f := range r.cfg.Scales {
		if err := r.synthetic(ctx, f); err != nil {
			return err
		}
	}
	return r.profiles()
}

func (r *runner) phase(name string) {
	r.logf("%s (load average %s)", name, loadNow())
	r.rep.Machine.SampleLoad(name)
}

func loadNow() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	return strings.Join(f[:min(len(f), 3)], " ")
}

// scaleName is "24k" for 24,102 articles, "500" for 500.
func scaleName(n int) string {
	if n >= 1000 {
		return fmt.Sprintf("%dk", (n+500)/1000)
	}
	return fmt.Sprint(n)
}

// scale indexes input with xinwen, then measures queries in-process and,
// with --http, over HTTP.
func (r *runner) scale(ctx context.Context, name string, factor int, input string, text int64, profile bool) error {
	sc := Scale{Name: name, Factor: factor}
	dir := filepath.Join(r.work, "xinwen-"+name)
	cpu := ""
	if profile && r.cfg.ProfileDir != "" {
		cpu = filepath.Join(r.cfg.ProfileDir, ProfileIndexCPU)
	}
	r.phase("index xinwen " + name)
	run, err := IndexXinwen(ctx, r.cfg.Exe, r.cfg.DictArgs, dir, input, cpu)
	if err != nil {
		return err
	}
	run.TextBytes = text
	sc.Index = run
	r.logf("xinwen indexed %d articles in %.1fs (%.2f MB/s)", run.Articles, run.Seconds, run.MBs())
	if sc.Latency, err = r.queries(ctx, dir, profile); err != nil {
		return err
	}
	if r.cfg.HTTP {
		r.phase("http " + name)
		hc := r.cfg.Load
		hc.Exe, hc.DictArgs, hc.Index = r.cfg.Exe, r.cfg.DictArgs, dir
		h, err := MeasureHTTP(ctx, hc, r.qs)
		if err != nil {
			return err
		}
		sc.HTTP = &h
	}
	if r.lu != nil {
		if sc.Lucene, err = r.lucene(ctx, name, input, text); err != nil {
			return err
		}
	}
	r.rep.Scales = append(r.rep.Scales, sc)
	return nil
}

// queries opens the index in this process and times the sampled queries.
func (r *runner) queries(ctx context.Context, dir string, profile bool) (QueryLatency, error) {
	r.phase("queries in-process")
	gen, err := generation.Current(dir)
	if err != nil {
		return QueryLatency{}, err
	}
	ix, err := search.Open(gen, search.Options{DictVersion: r.cfg.DictVersion, Zone: r.cfg.Zone})
	if err != nil {
		return QueryLatency{}, err
	}
	defer ix.Close()
	pdir := ""
	if profile {
		pdir = r.cfg.ProfileDir
	}
	return MeasureQueries(ctx, ix, r.qs, r.cfg.Zone, r.cfg.Rounds, pdir)
}

// lucene indexes input with the Lucene baseline and times the same
// queries against it, then drops its index unless kept.
func (r *runner) lucene(ctx context.Context, name, input string, text int64) (*LuceneRun, error) {
	r.phase("index lucene " + name)
	dir := filepath.Join(r.work, "lucene-"+name)
	run, err := r.lu.Index(ctx, dir, input, r.cfg.Zone)
	if err != nil {
		return nil, err
	}
	run.TextBytes = text
	r.logf("lucene indexed %d articles in %.1fs (%.2f MB/s)", run.Articles, run.Seconds, run.MBs())
	r.phase("queries lucene " + name)
	lat, err := r.lu.Queries(ctx, dir, r.qs, r.cfg.Zone, r.cfg.Rounds, r.work)
	if err != nil {
		return nil, err
	}
	if !r.cfg.Keep {
		os.RemoveAll(dir)
	}
	return &LuceneRun{Index: run, Latency: lat}, nil
}

// bleve indexes the same input with Bleve's default mapping, then drops
// that index (it is large and used for nothing else).
func (r *runner) bleve(ctx context.Context, input string) error {
	r.phase("index bleve default")
	dir := filepath.Join(r.work, "bleve-default")
	run, err := IndexBleveDefault(ctx, r.cfg.Exe, dir, input)
	if err != nil {
		return err
	}
	run.TextBytes = TextBytes(r.docs)
	r.rep.Bleve = run
	r.logf("bleve default indexed %d articles in %.1fs (%.2f MB/s)", run.Articles, run.Seconds, run.MBs())
	if !r.cfg.Keep {
		os.RemoveAll(dir)
	}
	return nil
}

// synthetic synthesizes a corpus factor times the real one, then
// measures it like the first. Each factor's corpus is written afresh from
// the seed, so a ×40 run's first 241k articles are the ×10 run's.
func (r *runner) synthetic(ctx context.Context, factor int) error {
	r.phase(fmt.Sprintf("synthesize x%d", factor))
	input := filepath.Join(r.work, fmt.Sprintf("corpus-x%d.jsonl.gz", factor))
	n, text, err := WriteScaled(input, r.docs, factor, r.cfg.Seed, r.cfg.Segment)
	if err != nil {
		return err
	}
	r.logf("synthesized %d articles, %.1f MB of text", n, float64(text)/1e6)
	if err := r.scale(ctx, scaleName(n), factor, input, text, false); err != nil {
		return err
	}
	if !r.cfg.Keep {
		os.RemoveAll(input)
	}
	return nil
}

// attack indexes the corpus with xinwen, then runs the abuse scenario on
// it; nothing else is measured.
func (r *runner) attack(ctx context.Context) error {
	input := filepath.Join(r.work, "corpus.jsonl.gz")
	if err := WriteCorpus(input, r.docs); err != nil {
		return err
	}
	name := scaleName(len(r.docs))
	dir := filepath.Join(r.work, "xinwen-"+name)
	r.phase("index xinwen " + name)
	if _, err := IndexXinwen(ctx, r.cfg.Exe, r.cfg.DictArgs, dir, input, ""); err != nil {
		return err
	}
	ac := r.cfg.AttackLoad
	ac.Exe, ac.DictArgs, ac.Index = r.cfg.Exe, r.cfg.DictArgs, dir
	bad, err := AttackQueries(r.docs, ac.MaxAttack, r.cfg.Seed)
	if err != nil {
		return err
	}
	r.phase("attack " + name)
	res, err := MeasureAttack(ctx, ac, Ordinary(r.qs), bad)
	r.rep.Attack = &res
	return err
}
