package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/web"
)

var analyzerByMode = map[string]string{
	"index":  zh.IndexAnalyzerName,
	"query":  zh.QueryAnalyzerName,
	"bigram": zh.BigramAnalyzerName,
}

func runAnalyze(_ context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c       common
		mode    string
		asJSON  bool
		explain bool
	)
	fs := newFlagSet("analyze [--mode index|query|bigram] [--json] TEXT", "analyze [flags] TEXT", stderr)
	c.dictFlags(fs)
	fs.StringVar(&mode, "mode", "index", "analyzer: index (jieba search mode, sub-words share their word's position), query (precise mode), bigram (exact-substring field)")
	fs.BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	fs.BoolVar(&explain, "explain", false, "say what produced each token (dict, user, api, hmm, subword, fold, stop), as GET /api/analyze; index or query mode")
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
	text := strings.Join(fs.Args(), " ")
	if explain {
		return printExplained(stdout, text, mode, asJSON)
	}
	toks, err := zh.Analyze(name, text)
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

// printExplained prints every token of text with its source, stop words
// included, as GET /api/analyze answers.
func printExplained(stdout io.Writer, text, mode string, asJSON bool) error {
	if mode == "bigram" {
		return fmt.Errorf("analyze: --explain takes --mode index or query: %w", errUsage)
	}
	toks, err := zh.Explain(text, mode == "query")
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		out := make([]web.AnalyzedToken, len(toks))
		for i, t := range toks {
			out[i] = web.AnalyzedToken{Term: t.Term, Start: t.Start, End: t.End, Position: t.Position, Source: t.Source, Detail: t.Detail}
		}
		return enc.Encode(map[string]any{"tokens": out})
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "POS\tSTART\tEND\tTERM\tSOURCE\tDETAIL")
	for _, t := range toks {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\t%s\n", t.Position, t.Start, t.End, t.Term, t.Source, t.Detail)
	}
	return tw.Flush()
}
