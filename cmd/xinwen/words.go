package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/web"
)

// runWords lists candidate new words in an index's articles. The output is
// a user dictionary: one `word freq` line each (freq: the article count),
// after a comment line with its statistics and an example, so it can be
// appended to --user-dict or posted to /api/admin/dictionary once the
// editor has deleted the lines that are not words.
func runWords(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c        common
		from, to string
		size     int
		asJSON   bool
	)
	fs := newFlagSet("words", "words --index DIR [--size N] [--from DATE] [--to DATE] [--json]", stderr)
	c.dictFlags(fs)
	c.indexFlag(fs, "xinwen-index")
	fs.IntVar(&size, "size", 100, "candidates to list, most frequent first")
	fs.StringVar(&from, "from", "", "earliest date, YYYY-MM-DD or RFC 3339 (inclusive)")
	fs.StringVar(&to, "to", "", "latest date, YYYY-MM-DD or RFC 3339 (inclusive)")
	fs.BoolVar(&asJSON, "json", false, "print the API's JSON instead of dictionary lines")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	seg, zone, err := c.setup()
	if err != nil {
		return err
	}
	defer seg.Close()
	start, err := parseDay(from, zone, false)
	if err != nil {
		return err
	}
	end, err := parseDay(to, zone, true)
	if err != nil {
		return err
	}
	gen, err := generation.Current(c.index)
	if err != nil {
		return err
	}
	ix, err := search.Open(gen, search.Options{DictVersion: seg.Version()})
	if err != nil {
		return err
	}
	defer ix.Close()
	t0 := time.Now()
	cs, err := ix.Words(ctx, start, end, size)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "words: %d candidates in %s\n", len(cs), time.Since(t0).Round(time.Millisecond))
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"words": cs})
	}
	for _, w := range cs {
		ex := ""
		if len(w.Examples) > 0 {
			ex = strings.ReplaceAll(w.Examples[0], "\n", " ")
		}
		fmt.Fprintf(stdout, "# articles=%d first_seen=%s cohesion=%.2f entropy=%.2f …%s…\n%s %d\n",
			w.Count, w.FirstSeen.In(zone).Format(time.DateOnly), w.Cohesion, w.Entropy, ex, w.Word, w.Count)
	}
	return nil
}

// wordFinder is the web.WordFinder of xinwen serve: the served index's
// candidates, first-seen dates as days in the zone.
type wordFinder struct {
	live *search.Live
	zone *time.Location
}

func (f wordFinder) Words(ctx context.Context, from, to time.Time, size int) ([]web.Word, error) {
	cs, err := f.live.Words(ctx, from, to, size)
	if err != nil {
		return nil, err
	}
	out := make([]web.Word, len(cs))
	for i, c := range cs {
		out[i] = web.Word{Word: c.Word, Count: c.Count, FirstSeen: c.FirstSeen.In(f.zone).Format(time.DateOnly),
			Cohesion: c.Cohesion, Entropy: c.Entropy, Examples: c.Examples}
	}
	return out, nil
}
