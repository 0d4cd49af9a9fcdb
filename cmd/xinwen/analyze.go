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
		c       common
		mode    string
		asJSON  bool
		explain bool
	)
	fs := newFlagSet("analyze [--mode index|query|bigram] [--json] TEXT", "analyze [flags] TEXT", stderr)
	c.dictFlags(fs)
	c.indexFlag(fs, "")
	c.synonymsFlag(fs)
	fs.StringVar(&mode, "mode", "index", "analyzer: index (jieba search mode, sub-words share their word's position), query (precise mode), bigram (exact-substring field)")
	fs.BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	fs.BoolVar(&explain, "explain", false, "say what produced each token (dict, user, api, hmm, subword, fold, stop, synonym), as GET /api/analyze; index or query mode; with --index, the words added to that index through the API count")
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
		syn, err := c.loadSynonyms()
		if err != nil {
			return err
		}
		return printExplained(stdout, explainer{syn}, text, mode, asJSON)
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
// included, as GET /api/analyze answers. The table's DETAIL says, by
// source: the file of a user word, when an api word was added, the typed
// word a synonym widens.
func printExplained(stdout io.Writer, x explainer, text, mode string, asJSON bool) error {
	if mode == "bigram" {
		return fmt.Errorf("analyze: --explain takes --mode index or query: %w", errUsage)
	}
	toks, err := x.Explain(text, mode == "query")
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"tokens": toks})
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "POS\tSTART\tEND\tTERM\tSOURCE\tDETAIL")
	for _, t := range toks {
		detail := t.Detail
		switch {
		case t.Added != "":
			detail = "added " + t.Added
		case t.Expands != "":
			detail = "of " + t.Expands
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\t%s\n", t.Position, t.Start, t.End, t.Term, t.Source, detail)
	}
	return tw.Flush()
}
