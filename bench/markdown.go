package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Markers of the hand-written reading that a rewrite keeps.
const (
	readingBegin = "<!-- BEGIN reading: written by hand, kept when xinwen bench rewrites this file -->"
	readingEnd   = "<!-- END reading -->"
)

const defaultReading = `(No reading yet: after a full run, write here where the time goes and
what would close each gap. xinwen bench keeps this block when it rewrites the file.)`

// WriteMarkdown writes the report to path, keeping the reading block of
// the file already there. command is how the run was invoked.
func (rep *Report) WriteMarkdown(path, command string) error {
	reading := defaultReading
	if old, err := os.ReadFile(path); err == nil {
		if r, ok := between(string(old), readingBegin, readingEnd); ok {
			reading = strings.TrimSpace(r)
		}
	}
	if err := os.WriteFile(path, []byte(rep.Markdown(command, reading)), 0o644); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}

func between(s, begin, end string) (string, bool) {
	_, rest, ok := strings.Cut(s, begin)
	if !ok {
		return "", false
	}
	inner, _, ok := strings.Cut(rest, end)
	return inner, ok
}

// Markdown renders the whole document.
func (rep *Report) Markdown(command, reading string) string {
	var b strings.Builder
	b.WriteString("# Benchmarks\n\nWritten by `xinwen bench` (package `bench`); everything but the Reading\n")
	b.WriteString("section is replaced on every run. The last run:\n\n")
	fmt.Fprintf(&b, "```\n%s\n```\n\n", command)
	rep.writeMachine(&b)
	b.WriteString("## Results\n\n")
	b.WriteString(rep.Table())
	b.WriteString("\nThe result column's percentage is the margin relative to the target; negative means short of it.\n")
	rep.writeZeroHits(&b)
	rep.writeProfiles(&b)
	fmt.Fprintf(&b, "\n## Reading\n\n%s\n\n%s\n\n%s\n", readingBegin, reading, readingEnd)
	rep.writeMethod(&b)
	rep.writeLuceneMethod(&b)
	return b.String()
}

func (rep *Report) writeMachine(b *strings.Builder) {
	m := rep.Machine
	rev := m.Revision
	if rev == "" {
		rev = "an unknown commit (built without VCS information)"
	}
	fmt.Fprintf(b, "## Machine\n\n%s.\nxinwen built from %s. Run started %s and took %s.\n\n",
		m, rev, rep.Started.Format(time.RFC3339), rep.Elapsed.Round(time.Second))
	b.WriteString("| when | load average (1, 5, 15 min) |\n|---|---|\n")
	for _, s := range m.Loads {
		fmt.Fprintf(b, "| %s | %s |\n", s.Phase, s.Raw)
	}
	if m.Busy() {
		fmt.Fprintf(b, "\n**The machine was shared**: the one-minute load reached %.2f (above %.1f) on %d cores,\n", m.MaxLoad(), busyLoad, m.Cores)
		b.WriteString("so other processes took CPU time from this run. Throughput figures are lower and\n")
		b.WriteString("latencies higher than on an idle machine; compare runs only at similar load.\n")
	}
	b.WriteString("\n")
}

func (rep *Report) writeZeroHits(b *strings.Builder) {
	if len(rep.Scales) == 0 {
		return
	}
	fmt.Fprintf(b, "\nQueries that found nothing at %s, of %d per class: %s.\n", rep.Scales[0].Name, rep.Queries, zeroHits(rep.Scales[0].Latency.ZeroHits))
	if l := rep.Scales[0].Lucene; l != nil {
		// Both engines answer the same sampled queries; a class one of
		// them leaves empty would time different work.
		fmt.Fprintf(b, "Lucene CJK found nothing for: %s.\n", zeroHits(l.Latency.ZeroHits))
	}
}

func zeroHits(z map[string]int) string {
	var parts []string
	for _, c := range Classes {
		parts = append(parts, fmt.Sprintf("%s %d", c, z[c]))
	}
	return strings.Join(parts, ", ")
}

func (rep *Report) writeProfiles(b *strings.Builder) {
	if len(rep.Profiles) == 0 {
		return
	}
	b.WriteString("\n## Where the time goes\n\n`go tool pprof -top` of the profiles written with `--profile`")
	b.WriteString(" (indexing: the `xinwen index` child at the first scale;\nqueries: one extra pass with and one without facets after the timed rounds).\n")
	b.WriteString("C++ time inside gojieba shows as `_cgo_*`/`runtime.cgocall` (Go's profiler does not see into C).\n")
	for _, p := range rep.Profiles {
		cmd := []string{"go tool pprof -top"}
		for _, a := range p.Args {
			cmd = append(cmd, filepath.Base(a)) // profile paths: the file name is enough
		}
		cmd = append(cmd, p.File)
		fmt.Fprintf(b, "\n### %s\n\n`%s`\n\n```\n%s\n```\n", p.Title, strings.Join(cmd, " "), p.Top)
	}
}

func (rep *Report) writeMethod(b *strings.Builder) {
	fmt.Fprintf(b, `
## How it is measured

- **Ceiling**: the titles and bodies of the corpus's first 12 MB segmented by gojieba's
  Tokenize in search mode (its own instance), and by xinwen's registered jieba tokenizer
  (normalization, search mode, positions, over the shared segmenter), on one and on two
  goroutines; MB/s of title+body bytes, the fastest of three runs.
- **Bleve floor**: every title and body analyzed beforehand by xinwen's index analyzer
  (normalization, jieba search mode, stop words), then indexed by Bleve's offline builder
  with xinwen's word-field options (no term vectors) and stored title and body, nothing
  else, on two shards in parallel with the indexer's batch of %d and merge width %d; the
  fastest of %d builds, timed from the first document to the merged shards. No reading,
  parsing, segmentation, n-gram fields, categories or dates: what Bleve's writer costs
  for the words alone.
- **Indexing**: each engine indexes the same JSON Lines file in a child process (the same
  binary), so its peak RSS (getrusage ru_maxrss) is its own; /proc/PID/status, sampled every
  100 ms, splits the highest sample into anonymous memory (Go heap, jieba) and the pages of
  memory-mapped segment files (which the kernel may drop and read again). xinwen is
  `+"`xinwen index --progress none --keep-duplicates`"+` with the default shards (one per core);
  its time is the one it reports (reading, parsing, analysis, indexing, final merge; not the
  process start or the dictionary load). Bleve default
  is `+"`bleve.NewIndexMapping()`"+` with DefaultAnalyzer `+"`cjk`"+` and nothing else changed (dynamic
  fields, stored, term vectors, _all), fed by `+"`bleve.New`"+` and batches of %d, timed the same way.
  MB/s counts title+body bytes; size is the index directory over those bytes.
- **Queries**: %d per class sampled at run time from the corpus with seed %d (common and rare
  words by title document frequency from jieba words, phrases as 2–6 Han characters of a body,
  sentences as 15–30 characters from a sentence start), in one fixed interleaved order; one
  warm-up pass, then %d rounds, each once with facets and once with Request.NoFacets (snippets
  are always built); each percentile is the median over rounds. Every request asks for 10 hits.
- **HTTP**: `+"`xinwen serve`"+` as a child on a free 127.0.0.1 port; a keep-alive Go client (loopback
  only) replays the same queries as /api/search URLs (facets on) after %d warm-up requests;
  each concurrency level stops after %d requests or %s, whichever comes first. The client
  shares the cores with the server.
  Server memory is read from /proc/PID/status (VmRSS sampled every 50 ms, VmHWM at the end;
  after the load, RssAnon and RssFile: the heap against the index files' touched pages).
- **Cold start**: from starting `+"`xinwen serve`"+` to its first 200 from /api/search
  (dictionary load, index open, first query).
- **Synthetic scales (×10, ×40, …)**: the corpus plus (factor − 1) times as many synthetic articles, each a real title
  (or its words reshuffled) over about as much body as that title's article had, in
  paragraphs drawn from several real articles (a quarter stitched from single sentences),
  with its title's categories and a date anywhere in the corpus's range (hence
  `+"`--keep-duplicates`"+`: recombined articles may repeat a title on one day). It repeats real
  paragraphs, so its vocabulary grows less than a real corpus that much larger would: size
  ratios and rare-word costs there are optimistic, phrase costs pessimistic.
- **CPU figures** (MB per CPU-second, CPU ms per query or request) count user+system time
  of the process doing the work (getrusage, /proc/PID/stat), GC and dictionary load included.
  Other processes on the machine change them far less than wall-clock figures.
`, floorBatch, floorMerge, floorRuns, bleveBatch, rep.Queries, rep.Seed, rep.Rounds, rep.Load.Warmup, rep.Load.MaxRequests, rep.Load.Duration)
}

// writeLuceneMethod adds how the Lucene baseline was measured, when it was.
func (rep *Report) writeLuceneMethod(b *strings.Builder) {
	if rep.Lucene == "" {
		return
	}
	fmt.Fprintf(b, `- **Lucene CJK** (%s, with `+"`--lucene`"+`): bench/lucene/LuceneBench.java,
  compiled at run time against Debian's jars, in child JVMs with the default heap. Indexing
  reads the same JSON Lines file on %d threads into one IndexWriter (CJKAnalyzer, default
  IndexWriterConfig): title and body as stored TextFields (positions, no term vectors),
  every category path prefix as a StringField and a SortedSetDocValues facet, the date as a
  LongPoint and NumericDocValues and its month as a facet; then forceMerge(1). Its time runs
  from opening the input to the merged commit (not JVM start). Queries: the same sampled
  queries, parsed by the classic MultiFieldQueryParser over title and body with AND as the
  default operator (a quoted phrase becomes a PhraseQuery; other text is escaped), with the
  category and date range as FILTER clauses and sort by date on the date doc values; the
  page's 10 hits get a UnifiedHighlighter snippet of title (1 passage) and body (2
  passages), and with facets the category (top %d) and month (all) counts over every hit
  (SortedSetDocValuesFacetCounts). One warm-up pass, then the same rounds with and without
  facets, timed in the JVM per query and summarized by the same percentile code.
`, rep.Lucene, luceneThreads, 20)
}
