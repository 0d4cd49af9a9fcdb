package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/xinwen-search/xinwen/search/zh"
)

var analyzerByMode = map[string]string{
	"index":  zh.IndexAnalyzerName,
	"query":  zh.QueryAnalyzerName,
	"bigram": zh.BigramAnalyzerName,
}

func runAnalyze(_ context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c      common
		mode   string
		asJSON bool
	)
	fs := newFlagSet("analyze [--mode index|query|bigram] [--json] TEXT", "analyze [flags] TEXT", stderr)
	c.dictFlags(fs)
	fs.StringVar(&mode, "mode", "index", "analyzer: index (jieba search mode, sub-words share their word's position), query (precise mode), bigram (exact-substring field)")
	fs.BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	name, ok := analyzerByMode[mode]
	if !ok || fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("analyze: need TEXT and --mode index|query|bigram: %w", errUsage)
	}
	seg, err := c.loadSegmenter()
	if err != nil {
		return err
	}
	defer seg.Close()
	toks, err := zh.Analyze(name, strings.Join(fs.Args(), " "))
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(toks)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "POS\tSTART\tEND\tTERM")
	for _, t := range toks {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\n", t.Position, t.Start, t.End, t.Term)
	}
	return tw.Flush()
}
