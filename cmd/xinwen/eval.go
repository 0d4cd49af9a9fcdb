package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xinwen-search/xinwen/eval"
)

// Where the research corpus sits beside a checkout; never inside it.
const (
	defaultEvalCorpus = "../shared/corpus/xwlb.jsonl.gz"
	defaultSIGHAN     = "../shared/corpus/sighan2005"
	evalMissesShown   = 20
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c   common
		cfg eval.Config
		out string
	)
	fs := newFlagSet("eval", "eval [flags]\n\nBuilds xinwen, a Bleve cjk baseline, a jieba-words baseline and a cjk baseline\nwith every typed word contiguous over a corpus sample in temporary directories, then measures exact-substring recall and\nprecision, known-item ranking (MRR@10) and SIGHAN segmentation F1.\nPrints one table; phase timings go to stderr.", stderr)
	c.dictFlags(fs)
	fs.StringVar(&cfg.Corpus, "corpus", defaultEvalCorpus, "JSON Lines corpus (.jsonl or .jsonl.gz) to sample; read at run time, never copied")
	fs.IntVar(&cfg.Docs, "docs", 0, "articles read from the start of the corpus (0: all)")
	fs.IntVar(&cfg.Oracle, "oracle", eval.DefaultOracle, "exact-substring oracle strings, in four kinds of equal share")
	fs.IntVar(&cfg.Known, "known", eval.DefaultKnown, "known-item queries of each kind (title words, 快讯 sub-headline words, pasted titles, pasted sub-headlines)")
	fs.Uint64Var(&cfg.Seed, "seed", eval.DefaultSeed, "seed of every sample: the same seed and corpus give the same queries")
	fs.StringVar(&cfg.SIGHAN, "sighan", defaultSIGHAN, "SIGHAN 2005 directory for segmentation F1 (empty: skip; the default is skipped when absent)")
	fs.StringVar(&out, "out", "", "rewrite the generated table section of this Markdown file (e.g. docs/relevance.md)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("eval: unexpected argument %q: %w", fs.Arg(0), errUsage)
	}
	if cfg.SIGHAN == defaultSIGHAN && !exists(cfg.SIGHAN) {
		fmt.Fprintf(stderr, "eval: %s absent: segmentation F1 skipped\n", cfg.SIGHAN)
		cfg.SIGHAN = ""
	}
	seg, zone, err := c.setup()
	if err != nil {
		return err
	}
	defer seg.Close()
	cfg.Zone = zone
	cfg.Log = stderr
	rep, err := eval.Run(ctx, cfg)
	if err != nil {
		return err
	}
	printEval(stdout, stderr, rep)
	if out == "" {
		return nil
	}
	return eval.RewriteDoc(out, rep.Section(commandLine(args)))
}

// printEval prints the table, and xinwen's wrong answers if it had any.
func printEval(stdout, stderr io.Writer, rep *eval.Report) {
	fmt.Fprint(stdout, rep.Table())
	fmt.Fprintln(stdout, rep.Summary())
	if x := rep.Engine(eval.NameXinwen); x != nil && len(x.Misses) > 0 {
		fmt.Fprintln(stderr, "eval: xinwen's wrong answers:")
		eval.WriteMisses(stderr, x, evalMissesShown)
	}
}

// commandLine is the command as the document shows it.
func commandLine(args []string) string {
	return strings.TrimSpace("xinwen eval " + strings.Join(args, " "))
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}
