package eval

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/xinwen-search/xinwen/search/zh"
)

// Defaults of a run.
const (
	DefaultOracle = 500
	DefaultKnown  = 300
	DefaultSeed   = 1
	rankCutoff    = 10
)

// Config is one evaluation run.
type Config struct {
	Corpus  string         // JSON Lines file, optionally .gz
	Docs    int            // articles read from the start of Corpus; <= 0: all
	Oracle  int            // exact-substring oracle strings; default DefaultOracle
	Known   int            // known-item queries of each kind; default DefaultKnown
	Seed    uint64         // every sample derives from it
	SIGHAN  string         // the sighan2005 directory; "" skips segmentation
	TempDir string         // where the indexes are built; "" means os.TempDir
	Zone    *time.Location // dates without a zone; nil: Asia/Shanghai
	Workers int            // queries run in parallel; default GOMAXPROCS
	Log     io.Writer
}

func (c *Config) defaults() {
	if c.Oracle <= 0 {
		c.Oracle = DefaultOracle
	}
	if c.Known <= 0 {
		c.Known = DefaultKnown
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
}

// Streams of the seeded generator: each sample has its own, so that asking
// for more oracle strings does not change the known-item queries.
const (
	streamOracle = iota + 1
	streamTitles
	streamSubheads
	streamPastedTitles
	streamPastedSubheads
	streamClusters
)

func (c Config) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(c.Seed, stream))
}

// Run builds the four indexes over the sample, runs every measurement and
// removes the indexes. Jieba must be installed (zh.Use) first. Phase
// timings go to cfg.Log.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	cfg.defaults()
	tmp, err := os.MkdirTemp(cfg.TempDir, "xinwen-eval-*")
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer os.RemoveAll(tmp)
	clock := newPhases(cfg.Log)

	docs, err := prepareCorpus(cfg.Corpus, filepath.Join(tmp, "sample.jsonl"), cfg.Docs, cfg.Zone)
	if err != nil {
		return nil, err
	}
	clock.done("load and write %d articles", len(docs))
	engines, err := buildEngines(ctx, tmp, docs, cfg.Zone, clock)
	defer closeAll(engines)
	if err != nil {
		return nil, err
	}
	rep, truth := sample(cfg, docs, clock)
	if rep.Traditional, rep.TraditionalDiffer, err = TraditionalForms(rep.Probes); err != nil {
		return nil, err
	}
	for _, e := range engines {
		res, err := measure(ctx, e, rep, truth, cfg.Workers, clock)
		if err != nil {
			return nil, err
		}
		rep.Engines = append(rep.Engines, res)
	}
	if rep.Pinyin, err = MeasurePinyin(ctx, engines[0].(*xinwenEngine).ix, docs); err != nil {
		return nil, err
	}
	clock.done("pinyin suggestions for frequent title words")
	if rep.Clusters, err = MeasureClusters(docs, cfg.Known, twinsPath(cfg.Corpus), cfg.Zone, cfg.rng(streamClusters)); err != nil {
		return nil, err
	}
	clock.done("near-duplicate clustering")
	if cfg.SIGHAN != "" {
		if rep.Seg, err = EvalPKU(cfg.SIGHAN); err != nil {
			return nil, err
		}
		clock.done("segmentation F1 on SIGHAN 2005 PKU")
	}
	return rep, nil
}

// sample draws the oracle strings, computes their truth and draws the
// known-item queries, each from its own stream of the seed.
func sample(cfg Config, docs []Doc, clock *phases) (*Report, []map[string]bool) {
	rep := &Report{Config: cfg, Docs: len(docs)}
	if seg, err := zh.Default(); err == nil {
		rep.DictVersion = seg.Version()
	}
	rep.Probes = SampleProbes(docs, cfg.Oracle, cfg.rng(streamOracle))
	truth := Truth(docs, rep.Probes, cfg.Workers)
	clock.done("sample %d oracle strings and their truth", len(rep.Probes))
	rep.Titles = TitleQueries(docs, cfg.Known, cfg.rng(streamTitles))
	rep.Subheads = SubheadlineQueries(docs, cfg.Known, cfg.rng(streamSubheads))
	rep.PastedTitles = PastedTitleQueries(docs, cfg.Known, cfg.rng(streamPastedTitles))
	rep.PastedSubheads = PastedSubheadlineQueries(docs, cfg.Known, cfg.rng(streamPastedSubheads))
	clock.done("sample %d known-item queries", rep.knownItems())
	return rep, truth
}

// buildEngines indexes docs with xinwen and the baselines, each in its
// own directory under tmp.
func buildEngines(ctx context.Context, tmp string, docs []Doc, zone *time.Location, clock *phases) ([]Engine, error) {
	log := slog.New(slog.NewTextHandler(clock.w, &slog.HandlerOptions{Level: slog.LevelWarn}))
	x, err := buildXinwen(ctx, filepath.Join(tmp, "xinwen"), filepath.Join(tmp, "sample.jsonl"), len(docs), zone, log)
	if err != nil {
		return nil, err
	}
	engines := []Engine{x}
	clock.done("index %s", x.Name())
	for _, spec := range []baselineSpec{specCJK, specJieba, specPhrase} {
		b, err := buildBaseline(ctx, spec, filepath.Join(tmp, spec.name), docs)
		if err != nil {
			return engines, err
		}
		engines = append(engines, b)
		clock.done("index %s", b.Name())
	}
	return engines, nil
}

func closeAll(engines []Engine) {
	for _, e := range engines {
		e.Close()
	}
}

// Truth is the brute-force answer for each probe: the ids of the docs
// whose normalized title or body contains it.
func Truth(docs []Doc, probes []Probe, workers int) []map[string]bool {
	out := make([]map[string]bool, len(probes))
	parallel(context.Background(), len(probes), workers, func(i int) error {
		set := map[string]bool{}
		for j := range docs {
			if docs[j].Contains(probes[i].Text) {
				set[docs[j].ID] = true
			}
		}
		out[i] = set
		return nil
	})
	return out
}

// parallel calls f(0..n-1) on workers goroutines and returns the first
// error; it stops handing out work after an error or when ctx ends.
func parallel(ctx context.Context, n, workers int, f func(i int) error) error {
	var (
		mu    sync.Mutex // guards next and first
		next  int
		first error
		wg    sync.WaitGroup
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil && ctx.Err() != nil {
			first = ctx.Err()
		}
		if first != nil || next == n {
			return 0, false
		}
		next++
		return next - 1, true
	}
	for range min(workers, n) {
		wg.Go(func() {
			for i, ok := take(); ok; i, ok = take() {
				if err := f(i); err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return first
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// phases prints how long each phase of a run took.
type phases struct {
	w     io.Writer
	start time.Time
}

func newPhases(w io.Writer) *phases { return &phases{w: w, start: time.Now()} }

func (p *phases) done(format string, args ...any) {
	fmt.Fprintf(p.w, "eval: %-52s %7.1fs\n", fmt.Sprintf(format, args...), time.Since(p.start).Seconds())
	p.start = time.Now()
}
