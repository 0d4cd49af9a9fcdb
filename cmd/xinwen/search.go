package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search"
)

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c        common
		req      xinwen.SearchRequest
		cats     multiFlag
		from, to string
		asJSON   bool
	)
	fs := newFlagSet("search", "search --index DIR [flags] QUERY\n\nQUERY: words (all must match), \"quoted phrase\" (exact), -word (exclude).", stderr)
	c.dictFlags(fs)
	c.indexFlag(fs, "xinwen-index")
	c.synonymsFlag(fs)
	fs.Var(&cats, "category", "category prefix, e.g. 新闻联播 or 体育/足球 (repeatable: any matches)")
	fs.StringVar(&from, "from", "", "earliest date, YYYY-MM-DD or RFC 3339 (inclusive)")
	fs.StringVar(&to, "to", "", "latest date, YYYY-MM-DD or RFC 3339 (inclusive)")
	fs.StringVar(&req.Sort, "sort", "", "relevance or date (default: relevance, date when QUERY is empty)")
	fs.IntVar(&req.Size, "size", 10, "hits per page (1-100); 0: only the total and the facets, as size=0 on /api/search")
	fs.IntVar(&req.Page, "page", 1, "page number from 1")
	fs.BoolVar(&req.Recency, "recency", false, "boost fresh articles in relevance order")
	fs.BoolVar(&asJSON, "json", false, "print the API's JSON instead of a table")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	seg, zone, err := c.setup()
	if err != nil {
		return err
	}
	defer seg.Close()
	if req.From, err = parseDay(from, zone, false); err != nil {
		return err
	}
	if req.To, err = parseDay(to, zone, true); err != nil {
		return err
	}
	req.Query, req.Categories = strings.Join(fs.Args(), " "), cats
	req.CountOnly = req.Size == 0
	syn, err := c.loadSynonyms()
	if err != nil {
		return err
	}
	gen, err := generation.Current(c.index)
	if err != nil {
		return err
	}
	ix, err := search.Open(gen, search.Options{DictVersion: seg.Version(), Synonyms: syn})
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, req)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printTable(stdout, res)
	return nil
}

var markTags = regexp.MustCompile(`</?mark>`)

// plain turns highlighted HTML into terminal text, matches in 【】.
func plain(s string) string {
	s = strings.NewReplacer("<mark>", "【", "</mark>", "】").Replace(s)
	return html.UnescapeString(markTags.ReplaceAllString(s, ""))
}

func printTable(w io.Writer, res *xinwen.Result) {
	fmt.Fprintf(w, "%d hits in %.1f ms (page %d)\n\n", res.Total, res.TookMS, res.Page)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tCATEGORY\tID\tTITLE")
	for _, h := range res.Hits {
		fmt.Fprintf(tw, "%.10s\t%s\t%s\t%s\n", h.Date, strings.Join(h.Categories, ","), h.ID, plain(h.TitleHTML))
	}
	tw.Flush()
	for i, h := range res.Hits {
		if i == 3 {
			break
		}
		fmt.Fprintf(w, "\n%s\n  %s\n", plain(h.TitleHTML), plain(h.SnippetHTML))
	}
	if len(res.Facets.Categories) > 0 {
		fmt.Fprint(w, "\ncategories:")
		for _, f := range res.Facets.Categories[:min(10, len(res.Facets.Categories))] {
			fmt.Fprintf(w, " %s(%d)", f.Value, f.Count)
		}
		fmt.Fprintln(w)
	}
}
