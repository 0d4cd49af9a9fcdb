package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"

	"golang.org/x/term"

	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/indexer"
)

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c        common
		cfg      indexer.Config
		deletes  multiFlag
		progress string
		summary  string
		rollback bool
		verbose  bool
		cpuProf  string
	)
	fs := newFlagSet("index", "index --index DIR [flags] SOURCE...\n\nSOURCE is a directory of Hexo posts (.md) and JSON Lines files, a file\n(.md, .jsonl, .ndjson, Sogou <doc> .dat, optionally .gz), or - for JSON Lines\non stdin. GBK/GB18030 input is detected and decoded.\nA new generation is built beside the current one and published only when\ncomplete; the previous one is kept for --rollback.", stderr)
	c.dictFlags(fs)
	c.indexFlag(fs, "xinwen-index")
	fs.IntVar(&cfg.Shards, "shards", 0, "Bleve shards built in parallel; 0: one per CPU core")
	fs.IntVar(&cfg.BatchSize, "batch", 500, "documents per batch (segment); larger batches use more memory")
	fs.IntVar(&cfg.Keep, "keep", 1, "generations that served before the current one, kept for --rollback")
	fs.BoolVar(&cfg.Incremental, "incremental", false, "add/update SOURCE's articles in (a copy of) the current generation instead of rebuilding")
	fs.Var(&deletes, "delete", "with --incremental: remove the article with this id (repeatable)")
	fs.BoolVar(&cfg.KeepDuplicates, "keep-duplicates", false, "turn near-duplicate clustering off: every article is its own story (default: copies of one story, e.g. one programme from two scrapers or one wire story retitled, share a cluster; none is skipped)")
	fs.BoolVar(&rollback, "rollback", false, "point the index back at the previous generation and exit")
	fs.StringVar(&progress, "progress", "auto", "progress display: auto (a bar on a terminal, log lines otherwise), bar, log, none")
	fs.StringVar(&summary, "summary", "text", "the run's summary on stdout: text (for people) or json (one document, for programs)")
	fs.BoolVar(&verbose, "v", false, "log every skipped article and warning")
	fs.StringVar(&cpuProf, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkIndexFlags(progress, summary, cfg); err != nil {
		return err
	}
	if rollback {
		if fs.NArg() > 0 || cfg.Incremental || len(deletes) > 0 {
			return fmt.Errorf("index: --rollback takes no SOURCE, --incremental or --delete: %w", errUsage)
		}
		gen, err := generation.Rollback(c.index)
		if err == nil {
			fmt.Fprintf(stdout, "%s now serves %s\n", c.index, gen)
		}
		return err
	}
	cfg.Sources, cfg.Delete = fs.Args(), deletes
	if len(cfg.Sources) == 0 && len(cfg.Delete) == 0 {
		fs.Usage()
		return fmt.Errorf("index: no SOURCE given: %w", errUsage)
	}
	if len(cfg.Delete) > 0 && !cfg.Incremental {
		return fmt.Errorf("index: --delete needs --incremental: %w", errUsage)
	}
	for _, src := range cfg.Sources {
		if strings.HasPrefix(src, "-") && src != indexer.Stdin {
			return fmt.Errorf("index: %s after a SOURCE: flags go before the sources: %w", src, errUsage)
		}
	}
	seg, zone, err := c.setup()
	if err != nil {
		return err
	}
	defer seg.Close()
	cfg.Zone = zone
	level := slog.LevelInfo
	if verbose {
		level = slog.LevelDebug
	}
	cfg.Log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	cfg.Dir, cfg.DictVersion, cfg.LiveDict = c.index, seg.Version(), seg.LiveVersion()
	cfg.Progress = progressFor(progress, stderr, cfg.Log)
	if cpuProf != "" {
		stop, err := startCPUProfile(cpuProf)
		if err != nil {
			return err
		}
		defer stop()
	}
	sum, err := indexer.Build(ctx, cfg)
	return reportRun(stdout, summary, c.index, sum, err)
}

// reportRun prints the run's summary in format (text or json) and returns
// the run's error, saying which generation still serves the index.
func reportRun(w io.Writer, format, dir string, sum *indexer.Summary, err error) error {
	var serving string
	if err == nil {
		serving = sum.Generation
	} else {
		serving, err = nothingPublished(dir, err)
	}
	if format == "json" {
		return writeReport(w, sum, serving, err)
	}
	if sum != nil {
		fmt.Fprint(w, sum.String())
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "published %s as the current index of %s\n", sum.Generation, dir)
	return nil
}

// nothingPublished returns the generation still serving dir ("" for none)
// and err saying so.
func nothingPublished(dir string, err error) (string, error) {
	cur, cerr := generation.Current(dir)
	if cerr != nil {
		return "", fmt.Errorf("index: nothing published, %s has no published index: %w", dir, err)
	}
	serving := filepath.Base(cur)
	return serving, fmt.Errorf("index: nothing published, %s still serves %s: %w", dir, serving, err)
}

// writeReport prints the run's summary as one JSON document, also when the
// run failed before it had one, and returns the run's error.
func writeReport(w io.Writer, sum *indexer.Summary, serving string, runErr error) error {
	if sum == nil {
		sum = &indexer.Summary{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep "<doc>" in a reason readable
	if err := enc.Encode(sum.Report(serving, runErr)); err != nil && runErr == nil {
		return fmt.Errorf("index: summary: %w", err)
	}
	return runErr
}

// checkIndexFlags refuses values the flags do not document, rather than
// quietly running with a default in their place.
func checkIndexFlags(progress, summary string, cfg indexer.Config) error {
	switch {
	case !slices.Contains([]string{"auto", "bar", "log", "none"}, progress):
		return fmt.Errorf("index: --progress %q: want auto, bar, log or none: %w", progress, errUsage)
	case summary != "text" && summary != "json":
		return fmt.Errorf("index: --summary %q: want text or json: %w", summary, errUsage)
	case cfg.Keep < 1:
		return fmt.Errorf("index: --keep %d: want 1 or more: %w", cfg.Keep, errUsage)
	case cfg.BatchSize < 1:
		return fmt.Errorf("index: --batch %d: want 1 or more: %w", cfg.BatchSize, errUsage)
	case cfg.Shards < 0:
		return fmt.Errorf("index: --shards %d: want 1 or more, or 0 for one per CPU core: %w", cfg.Shards, errUsage)
	}
	return nil
}

func progressFor(mode string, w io.Writer, log *slog.Logger) indexer.Progress {
	isTerm := false
	if f, ok := w.(*os.File); ok {
		isTerm = term.IsTerminal(int(f.Fd()))
	}
	switch {
	case mode == "none":
		return nil
	case mode == "bar" || (mode == "auto" && isTerm):
		return &indexer.Bar{W: w}
	}
	return &indexer.LogProgress{Log: log}
}

func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
