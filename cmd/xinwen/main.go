// Command xinwen indexes Chinese news into a Bleve index segmented by jieba
// and serves keyword, category and date-range search over HTTP.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"demo", "index the embedded sample articles and serve them on 127.0.0.1:8080", runDemo},
	{"index", "build (or update) an index from Hexo posts and JSON Lines, publish it atomically", runIndex},
	{"serve", "serve the search page and JSON API over an index", runServe},
	{"search", "query an index from the command line (table or --json)", runSearch},
	{"analyze", "show how xinwen segments a text (terms, positions, offsets)", runAnalyze},
	{"words", "list candidate new words in an index's articles, as user-dictionary lines", runWords},
	{"eval", "measure recall and ranking on a corpus against baselines", runEval},
	{"bench", "measure indexing, query latency and HTTP load; write docs/benchmarks.md", runBench},
	{"help", "list the commands, or explain one: xinwen help COMMAND", nil},
}

// errUsage marks bad command-line use. Bare, the flag package has
// printed why; wrapped, the message says why.
var errUsage = errors.New("usage")

// parseFlags parses args, passing -h through as flag.ErrHelp (a clean exit)
// and any other error as errUsage (the flag package has printed it).
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return errUsage
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal asks for a clean stop; from then on a signal has its
	// default effect, so a second Ctrl-C ends a slow cleanup at once (an
	// interrupted index run leaves a partial generation, which the next run
	// removes).
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		if err != errUsage { // the flag package has said nothing about it
			fmt.Fprintln(os.Stderr, "xinwen:", strings.TrimSuffix(err.Error(), ": "+errUsage.Error()))
		}
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "xinwen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] && c.run != nil {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q: %w", args[0], errUsage)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "xinwen: full-text search for Chinese news\n\nUsage: xinwen COMMAND [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'xinwen COMMAND -h' for a command's flags. Every flag can also be set")
	fmt.Fprintln(w, "through the environment variable named in its help (e.g. XINWEN_DICT).")
}
