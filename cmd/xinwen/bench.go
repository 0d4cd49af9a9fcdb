package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen/bench"
	"github.com/xinwen-search/xinwen/search/zh"
)

// benchFlags are `xinwen bench`'s settings besides the dictionaries.
type benchFlags struct {
	common
	cfg         bench.Config
	concurrency string
	scales      string
	scale10     bool
	attackServe string
	out         string
}

func (bf *benchFlags) flags(stderr io.Writer) *flag.FlagSet {
	fs := newFlagSet("bench", "bench [--corpus FILE] [--docs N] [--scales 10,40] [--queries N] [--lucene] [--http] [--attack] [--profile DIR] [--out FILE]\n\n"+
		"Measures the segmentation ceiling, indexing (xinwen and Bleve's default mapping, each in a\n"+
		"child process; with --lucene also Lucene CJK), in-process query latency per query class, HTTP load on `xinwen serve` and\n"+
		"its cold start, prints one table and writes it with the machine and load to --out.", stderr)
	bf.dictFlags(fs)
	c := &bf.cfg
	fs.StringVar(&c.Corpus, "corpus", defaultCorpus(), "JSON Lines (.gz) corpus of real articles; never copied anywhere (env XINWEN_CORPUS names its directory)")
	fs.IntVar(&c.Docs, "docs", 0, "use only the first N articles (0: all)")
	fs.StringVar(&bf.scales, "scales", "", "comma-separated factors: also measure corpora synthesized from the real one at each factor times its size (10: 241k articles from xwlb, 40: about a million)")
	fs.BoolVar(&bf.scale10, "scale10", false, "also measure a ten-fold corpus synthesized from the real one (the same as --scales 10)")
	fs.IntVar(&c.Queries, "queries", 400, "queries sampled per query class")
	fs.IntVar(&c.Rounds, "rounds", 3, "timed rounds of the queries; each percentile is the median over rounds")
	fs.Uint64Var(&c.Seed, "seed", 1, "seed for query sampling and corpus synthesis")
	fs.BoolVar(&c.Lucene, "lucene", false, "also index and query with Lucene's CJKAnalyzer (a JVM child) at every scale, as issue 17's baseline; needs java, javac and Debian's liblucene8-java")
	fs.StringVar(&c.LuceneJars, "lucene-jars", bench.DefaultLuceneJars, "with --lucene: directory holding lucene-core-*.jar and the other Lucene jars")
	fs.BoolVar(&c.HTTP, "http", false, "also start `xinwen serve` and load it over HTTP (and time its cold start)")
	fs.StringVar(&bf.concurrency, "concurrency", "1,4,8,16", "with --http: comma-separated client concurrency levels")
	fs.DurationVar(&c.Load.Duration, "http-duration", 10*time.Second, "with --http: time limit per concurrency level")
	fs.IntVar(&c.Load.MaxRequests, "http-requests", 20000, "with --http: request limit per concurrency level")
	fs.IntVar(&c.Load.Warmup, "http-warmup", 1000, "with --http: uncounted requests before the first level")
	fs.BoolVar(&c.Attack, "attack", false, "run only the abuse scenario: index the corpus, then one client sends ordinary queries 10 times a second, alone for 10 s, then for 25 s while 6 clients send expensive ones; prints the report, writes nothing")
	fs.StringVar(&bf.attackServe, "attack-serve", "", "with --attack: more `xinwen serve` flags, space-separated (e.g. \"--expensive-slots 1\")")
	fs.StringVar(&c.ProfileDir, "profile", "", "write CPU profiles of indexing and queries and an allocation profile of queries to this directory")
	fs.StringVar(&c.WorkDir, "work", "", "directory for the temporary inputs and indexes (default: the system temp directory)")
	fs.BoolVar(&c.Keep, "keep", false, "keep the temporary inputs and indexes")
	fs.StringVar(&bf.out, "out", filepath.Join("docs", "benchmarks.md"), "Markdown report to write (its Reading section is kept); empty: none")
	return fs
}

// defaultCorpus is the research corpus beside the repository.
func defaultCorpus() string {
	return filepath.Join(envOr("XINWEN_CORPUS", filepath.Join("..", "shared", "corpus")), "xwlb.jsonl.gz")
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == bench.BleveChildCommand {
		return bench.RunBleveChild(ctx, args[1:], stdout)
	}
	var bf benchFlags
	fs := bf.flags(stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("bench: unexpected argument %q: %w", fs.Arg(0), errUsage)
	}
	seg, err := bf.wire(stderr)
	if err != nil {
		return err
	}
	defer seg.Close()
	rep, err := bench.Run(ctx, bf.cfg)
	if err != nil {
		if rep != nil && rep.Attack != nil {
			fmt.Fprintf(stdout, "incomplete attack run:\n%s", rep.Attack.Table())
		}
		if rep != nil && len(rep.Scales) > 0 {
			fmt.Fprintf(stdout, "incomplete run, nothing written:\n%s", rep.Table())
		}
		return err
	}
	if bf.cfg.Attack {
		fmt.Fprint(stdout, rep.Attack.Table())
		return nil
	}
	fmt.Fprint(stdout, rep.Table())
	if bf.out == "" {
		return nil
	}
	if err := rep.WriteMarkdown(bf.out, "xinwen bench "+strings.Join(args, " ")); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote %s (load average at start %s, at end %s)\n", bf.out, rep.Machine.Loads[0].Raw, rep.Machine.Loads[len(rep.Machine.Loads)-1].Raw)
	return nil
}

// wire resolves the dictionaries, loads and installs the shared segmenter
// (the caller closes it), and fills what the children and the sampler need.
func (bf *benchFlags) wire(stderr io.Writer) (*zh.Segmenter, error) {
	c := &bf.cfg
	if c.Docs < 0 || c.Queries < 1 || c.Rounds < 1 {
		return nil, fmt.Errorf("bench: --docs must be 0 or more, --queries and --rounds 1 or more: %w", errUsage)
	}
	levels, err := parseLevels(bf.concurrency)
	if err != nil {
		return nil, err
	}
	c.Load.Concurrency = levels
	if c.Scales, err = parseScales(bf.scales, bf.scale10); err != nil {
		return nil, err
	}
	c.AttackLoad = bench.DefaultAttack
	c.AttackLoad.ServeArgs = strings.Fields(bf.attackServe)
	if c.Zone, err = bf.location(); err != nil {
		return nil, err
	}
	if c.Exe, err = os.Executable(); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if c.DictDir, err = zh.FindDictDir(bf.dictCandidates()...); err != nil {
		return nil, fmt.Errorf("%w (set --dict or XINWEN_DICT)", err)
	}
	bf.dictDir = c.DictDir
	seg, err := bf.loadSegmenter()
	if err != nil {
		return nil, err
	}
	c.DictVersion, c.Log, c.Segment = seg.Version(), stderr, segmentWords
	c.DictArgs = []string{"--dict", c.DictDir, "--zone", bf.zone}
	if bf.userDict != "" {
		c.DictArgs = append(c.DictArgs, "--user-dict", bf.userDict)
	}
	return seg, nil
}

// segmentWords is jieba's precise cut as queries are analyzed.
func segmentWords(text string) []string {
	toks, _ := zh.Analyze(zh.QueryAnalyzerName, text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Term
	}
	return out
}

func parseLevels(s string) ([]int, error) {
	var out []int
	for _, f := range splitList(s) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bench: --concurrency %q: want positive integers: %w", s, errUsage)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("bench: --concurrency is empty: %w", errUsage)
	}
	return out, nil
}

// parseScales reads --scales, with --scale10 adding 10, into the factors
// to synthesize, smallest first: each run after the real corpus takes
// longer than the one before, so the cheap points are measured before a
// long one can fail.
func parseScales(s string, scale10 bool) ([]int, error) {
	var out []int
	for _, f := range splitList(s) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 2 {
			return nil, fmt.Errorf("bench: --scales %q: want integers of 2 or more: %w", s, errUsage)
		}
		out = append(out, n)
	}
	if scale10 {
		out = append(out, 10)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
