package bench

import (
	"fmt"
	"strings"
)

// Targets from issue 6.
const (
	TargetIndexMBs  = 6.0   // MB/s of text, at least
	TargetVsBleve   = 5.0   // times Bleve default+cjk, at least
	TargetSizeRatio = 2.5   // index size / raw text, at most
	TargetP99Base   = 15.0  // ms, in-process with snippets and facets, at 24k
	TargetP99Scaled = 50.0  // ms, the same at 240k
	TargetRPS       = 1000  // req/s at concurrency 8, at least
	TargetHTTPP99   = 30.0  // ms at concurrency 8, at most
	TargetRSSBytes  = 400e6 // server peak RSS at 24k, at most

	targetConcurrency = 8
)

// Targets from issue 17, against Lucene CJK measured in the same run.
const (
	TargetVsLucene        = 0.5 // xinwen's indexing MB/s over Lucene's, at least
	TargetLuceneP99Base   = 1.0 // xinwen's p99 over Lucene's per class at 24k, at most
	TargetLuceneP99Scaled = 1.5 // the same at 240k
)

// Table wording.
const (
	mb                  = 1e6
	notMeasured         = "–"
	higher, lower       = true, false
	percentileTriplet   = "p50 / p95 / p99 ms"
	sectionCeiling      = "ceiling"
	sectionIndex        = "indexing, xinwen"
	sectionBleve        = "indexing, Bleve default"
	sectionFacets       = "query, snippets + facets"
	sectionNoFacets     = "query, snippets, no facets"
	sectionHTTP         = "HTTP"
	sectionServer       = "server"
	sectionLucene       = "indexing, Lucene CJK"
	sectionLuceneFacets = "query, Lucene CJK, highlighted + facets"
	sectionLuceneNoFac  = "query, Lucene CJK, highlighted, no facets"
	classAllTargetLabel = "p99 ≤ 15 ms (24k) / ≤ 50 ms (240k)"
)

// Row is one line of the report's table: a measure at each scale, and the
// issue's target for it when there is one.
type Row struct {
	Section, Measure string
	Cells            []string // one per scale
	Target, Result   string
}

// verdict compares value with target: "pass (+27%)" or "MISS (-40%)", the
// percentage being the margin relative to the target (negative: short of it).
func verdict(value, target float64, higherIsBetter bool) string {
	if value == 0 {
		return "not measured"
	}
	margin := (value - target) / target
	if !higherIsBetter {
		margin = (target - value) / target
	}
	word := "pass"
	if margin < 0 {
		word = "MISS"
	}
	return fmt.Sprintf("%s (%+.0f%%)", word, 100*margin)
}

// Rows builds the report's table.
func (rep *Report) Rows() []Row {
	var rows []Row
	rows = append(rows, rep.ceilingRows()...)
	rows = append(rows, rep.indexRows()...)
	rows = append(rows, rep.bleveRows()...)
	rows = append(rows, rep.queryRows(sectionFacets, func(q QueryLatency) map[string]Latency { return q.Facets })...)
	rows = append(rows, rep.queryRows(sectionNoFacets, func(q QueryLatency) map[string]Latency { return q.NoFacets })...)
	rows = append(rows, rep.httpRows()...)
	rows = append(rows, rep.luceneIndexRows()...)
	rows = append(rows, rep.luceneQueryRows(sectionLuceneFacets, func(q QueryLatency) map[string]Latency { return q.Facets })...)
	return append(rows, rep.luceneQueryRows(sectionLuceneNoFac, func(q QueryLatency) map[string]Latency { return q.NoFacets })...)
}

// cells formats f at every scale.
func (rep *Report) cells(f func(Scale) string) []string {
	out := make([]string, len(rep.Scales))
	for i, s := range rep.Scales {
		out[i] = f(s)
	}
	return out
}

// first puts s in the first scale's column only.
func (rep *Report) first(s string) []string {
	out := make([]string, max(len(rep.Scales), 1))
	out[0] = s
	for i := 1; i < len(out); i++ {
		out[i] = notMeasured
	}
	return out
}

func (rep *Report) ceilingRows() []Row {
	c, f := rep.Ceiling, rep.Floor
	return []Row{
		{Section: sectionCeiling, Measure: "gojieba Tokenize(search) alone, MB/s, 1 / 2 goroutines (MB per CPU-s)",
			Cells: rep.first(fmt.Sprintf("%.1f / %.1f (%.1f / %.1f)", c.Jieba[0], c.Jieba[1], c.JiebaCPU[0], c.JiebaCPU[1]))},
		{Section: sectionCeiling, Measure: "xinwen jieba tokenizer (normalize + search mode), MB/s, 1 / 2 goroutines (MB per CPU-s)",
			Cells: rep.first(fmt.Sprintf("%.1f / %.1f (%.1f / %.1f)", c.Tokenizer[0], c.Tokenizer[1], c.TokenizerCPU[0], c.TokenizerCPU[1]))},
		{Section: sectionCeiling, Measure: "Bleve's builder alone on pre-segmented words (title and body words, stored text; 2 shards), MB/s (MB per CPU-s)",
			Cells: rep.first(fmt.Sprintf("%.2f (%.2f)", f.MBs(), f.MBPerCPU()))},
		{Section: sectionCeiling, Measure: "Bleve's builder alone on pre-segmented words, index size / raw text",
			Cells: rep.first(fmt.Sprintf("%.2f× (%.0f MB)", f.SizeRatio(), float64(f.SizeBytes)/mb))},
	}
}

func (rep *Report) indexRows() []Row {
	base := IndexRun{}
	if len(rep.Scales) > 0 {
		base = rep.Scales[0].Index
	}
	ceiling := rep.Ceiling.Jieba[1]
	return []Row{
		{Section: sectionIndex, Measure: "articles indexed", Cells: rep.cells(func(s Scale) string { return fmt.Sprint(s.Index.Articles) })},
		{Section: sectionIndex, Measure: "time, s (whole child process)", Cells: rep.cells(func(s Scale) string { return fmt.Sprintf("%.1f (%.1f)", s.Index.Seconds, s.Index.Wall) })},
		{Section: sectionIndex, Measure: "articles/s", Cells: rep.cells(func(s Scale) string { return fmt.Sprintf("%.0f", s.Index.PerSec()) })},
		{Section: sectionIndex, Measure: "MB/s of text (title+body)", Cells: rep.cells(func(s Scale) string { return fmt.Sprintf("%.2f", s.Index.MBs()) }),
			Target: fmt.Sprintf("≥ %.0f MB/s", TargetIndexMBs), Result: verdict(base.MBs(), TargetIndexMBs, higher)},
		{Section: sectionIndex, Measure: "CPU-s of the child (MB per CPU-s)", Cells: rep.cells(func(s Scale) string { return cpuCell(s.Index) })},
		{Section: sectionIndex, Measure: "share of the 2-goroutine gojieba ceiling", Cells: rep.cells(func(s Scale) string { return fmt.Sprintf("%.0f%%", 100*s.Index.MBs()/ceiling) })},
		{Section: sectionIndex, Measure: "peak RSS of the child, MB (at the highest 100 ms sample: anonymous, mapped files)", Cells: rep.cells(func(s Scale) string { return peakCell(s.Index) })},
		{Section: sectionIndex, Measure: "index size, MB (raw text, MB)", Cells: rep.cells(func(s Scale) string {
			return fmt.Sprintf("%.0f (%.0f)", float64(s.Index.SizeBytes)/mb, float64(s.Index.TextBytes)/mb)
		})},
		{Section: sectionIndex, Measure: "index size / raw text", Cells: rep.cells(func(s Scale) string { return fmt.Sprintf("%.2f×", s.Index.SizeRatio()) }),
			Target: fmt.Sprintf("≤ %.1f×", TargetSizeRatio), Result: verdict(base.SizeRatio(), TargetSizeRatio, lower)},
	}
}

func (rep *Report) bleveRows() []Row {
	b := rep.Bleve
	var speedup, cpuRatio float64
	if len(rep.Scales) > 0 && b.Seconds > 0 && b.CPU > 0 {
		speedup = rep.Scales[0].Index.MBs() / b.MBs()
		cpuRatio = rep.Scales[0].Index.MBPerCPU() / b.MBPerCPU()
	}
	return []Row{
		{Section: sectionBleve, Measure: "time, s (whole child process)", Cells: rep.first(fmt.Sprintf("%.1f (%.1f)", b.Seconds, b.Wall))},
		{Section: sectionBleve, Measure: "articles/s", Cells: rep.first(fmt.Sprintf("%.0f", b.PerSec()))},
		{Section: sectionBleve, Measure: "MB/s of text (title+body)", Cells: rep.first(fmt.Sprintf("%.2f", b.MBs()))},
		{Section: sectionBleve, Measure: "CPU-s of the child (MB per CPU-s)", Cells: rep.first(cpuCell(b))},
		{Section: sectionBleve, Measure: "peak RSS of the child, MB", Cells: rep.first(fmt.Sprintf("%.0f", float64(b.PeakRSS)/mb))},
		{Section: sectionBleve, Measure: "index size / raw text", Cells: rep.first(fmt.Sprintf("%.2f× (%.0f MB)", b.SizeRatio(), float64(b.SizeBytes)/mb))},
		{Section: sectionBleve, Measure: "xinwen ÷ Bleve default: MB/s (MB per CPU-s)", Cells: rep.first(fmt.Sprintf("%.1f× (%.1f×)", speedup, cpuRatio)),
			Target: fmt.Sprintf("≥ %.0f×", TargetVsBleve), Result: verdict(speedup, TargetVsBleve, higher)},
	}
}

func (rep *Report) queryRows(section string, pick func(QueryLatency) map[string]Latency) []Row {
	var rows []Row
	for _, class := range append(append([]string(nil), Classes...), ClassAll) {
		rows = append(rows, Row{Section: section, Measure: class + ", " + percentileTriplet, Cells: rep.cells(func(s Scale) string {
			l, ok := pick(s.Latency)[class]
			if !ok {
				return notMeasured
			}
			return fmt.Sprintf("%.1f / %.1f / %.1f", l.P50, l.P95, l.P99)
		})})
	}
	mode := 0
	if section == sectionNoFacets {
		mode = 1
	}
	rows = append(rows, Row{Section: section, Measure: "CPU ms per query (all classes, GC included)",
		Cells: rep.cells(func(s Scale) string { return fmt.Sprintf("%.2f", s.Latency.CPUms[mode]) })})
	if section == sectionFacets {
		all := &rows[len(rows)-2]
		all.Target = classAllTargetLabel
		var parts []string
		for i, s := range rep.Scales {
			target := TargetP99Base
			if i > 0 {
				target = TargetP99Scaled
			}
			parts = append(parts, s.Name+": "+verdict(s.Latency.Facets[ClassAll].P99, target, lower))
		}
		all.Result = strings.Join(parts, "; ")
	}
	return rows
}

func (rep *Report) httpRows() []Row {
	if len(rep.Scales) == 0 || rep.Scales[0].HTTP == nil {
		return nil
	}
	var rows []Row
	for i, lv := range rep.Scales[0].HTTP.Levels {
		row := Row{Section: sectionHTTP, Measure: fmt.Sprintf("concurrency %d: req/s; p50 / p99 ms; server CPU ms/req", lv.Concurrency),
			Cells: rep.cells(func(s Scale) string { return levelCell(s, i) })}
		if lv.Concurrency == targetConcurrency {
			row.Target = fmt.Sprintf("≥ %d req/s, p99 ≤ %.0f ms", TargetRPS, TargetHTTPP99)
			row.Result = "req/s " + verdict(lv.RPS(), TargetRPS, higher) + "; p99 " + verdict(lv.Lat.P99, TargetHTTPP99, lower)
		}
		rows = append(rows, row)
	}
	return append(rows,
		Row{Section: sectionServer, Measure: "RSS, MB: after start / highest under load / peak (VmHWM)",
			Cells: rep.cells(func(s Scale) string {
				if s.HTTP == nil {
					return notMeasured
				}
				return fmt.Sprintf("%.0f / %.0f / %.0f", float64(s.HTTP.RSSIdle)/mb, float64(s.HTTP.RSSLoad)/mb, float64(s.HTTP.HWM)/mb)
			}),
			Target: fmt.Sprintf("≤ %.0f MB (24k)", TargetRSSBytes/mb), Result: verdict(float64(rep.Scales[0].HTTP.HWM), TargetRSSBytes, lower)},
		Row{Section: sectionServer, Measure: "RSS after the load, MB (anonymous, mapped index files)",
			Cells: rep.cells(func(s Scale) string {
				if s.HTTP == nil || s.HTTP.End.RSS == 0 {
					return notMeasured
				}
				return s.HTTP.End.String()
			})},
		Row{Section: sectionServer, Measure: "cold start to first 200 from /api/search, s",
			Cells: rep.cells(func(s Scale) string {
				if s.HTTP == nil {
					return notMeasured
				}
				return fmt.Sprintf("%.2f", s.HTTP.ColdStart.Seconds())
			})},
	)
}

// lucene formats f at every scale that measured Lucene.
func (rep *Report) lucene(f func(x IndexRun, l *LuceneRun) string) []string {
	return rep.cells(func(s Scale) string {
		if s.Lucene == nil {
			return notMeasured
		}
		return f(s.Index, s.Lucene)
	})
}

// perScale is one verdict per scale that measured Lucene: the first scale
// against base, the others against scaled.
func (rep *Report) perScale(value func(Scale) float64, base, scaled float64, higherIsBetter bool) string {
	var parts []string
	for i, s := range rep.Scales {
		if s.Lucene == nil {
			continue
		}
		target := base
		if i > 0 {
			target = scaled
		}
		parts = append(parts, s.Name+": "+verdict(value(s), target, higherIsBetter))
	}
	return strings.Join(parts, "; ")
}

func (rep *Report) luceneIndexRows() []Row {
	if len(rep.Scales) == 0 || rep.Scales[0].Lucene == nil {
		return nil
	}
	speed := func(s Scale) float64 { return ratio(s.Index.MBs(), s.Lucene.Index.MBs()) }
	return []Row{
		{Section: sectionLucene, Measure: "time, s (whole child process)", Cells: rep.lucene(func(_ IndexRun, l *LuceneRun) string {
			return fmt.Sprintf("%.1f (%.1f)", l.Index.Seconds, l.Index.Wall)
		})},
		{Section: sectionLucene, Measure: "MB/s of text (title+body)", Cells: rep.lucene(func(_ IndexRun, l *LuceneRun) string { return fmt.Sprintf("%.2f", l.Index.MBs()) })},
		{Section: sectionLucene, Measure: "CPU-s of the child (MB per CPU-s)", Cells: rep.lucene(func(_ IndexRun, l *LuceneRun) string { return cpuCell(l.Index) })},
		{Section: sectionLucene, Measure: "peak RSS of the child, MB (JVM default heap)", Cells: rep.lucene(func(_ IndexRun, l *LuceneRun) string { return fmt.Sprintf("%.0f", float64(l.Index.PeakRSS)/mb) })},
		{Section: sectionLucene, Measure: "index size / raw text", Cells: rep.lucene(func(_ IndexRun, l *LuceneRun) string {
			return fmt.Sprintf("%.2f× (%.0f MB)", l.Index.SizeRatio(), float64(l.Index.SizeBytes)/mb)
		})},
		{Section: sectionLucene, Measure: "xinwen ÷ Lucene: MB/s (MB per CPU-s; index size; peak RSS)", Cells: rep.lucene(func(x IndexRun, l *LuceneRun) string {
			return fmt.Sprintf("%.2f× (%.2f×; %.2f×; %.2f×)", ratio(x.MBs(), l.Index.MBs()), ratio(x.MBPerCPU(), l.Index.MBPerCPU()),
				ratio(float64(x.SizeBytes), float64(l.Index.SizeBytes)), ratio(float64(x.PeakRSS), float64(l.Index.PeakRSS)))
		}), Target: fmt.Sprintf("MB/s ≥ %.1f×", TargetVsLucene), Result: rep.perScale(speed, TargetVsLucene, TargetVsLucene, higher)},
	}
}

// luceneQueryRows puts Lucene's percentiles beside the ratio of xinwen's
// p99 to Lucene's in the same mode (with or without facets).
func (rep *Report) luceneQueryRows(section string, pick func(QueryLatency) map[string]Latency) []Row {
	if len(rep.Scales) == 0 || rep.Scales[0].Lucene == nil {
		return nil
	}
	var rows []Row
	for _, class := range append(append([]string(nil), Classes...), ClassAll) {
		p99 := func(s Scale) float64 { return ratio(pick(s.Latency)[class].P99, pick(s.Lucene.Latency)[class].P99) }
		row := Row{Section: section, Measure: class + ", " + percentileTriplet + "; xinwen p99 ÷ Lucene p99", Cells: rep.cells(func(s Scale) string {
			if s.Lucene == nil {
				return notMeasured
			}
			l, ok := pick(s.Lucene.Latency)[class]
			if !ok {
				return notMeasured
			}
			return fmt.Sprintf("%.1f / %.1f / %.1f; %.2f×", l.P50, l.P95, l.P99, p99(s))
		})}
		if section == sectionLuceneFacets {
			row.Target = fmt.Sprintf("≤ %.1f× (24k) / ≤ %.1f× (240k)", TargetLuceneP99Base, TargetLuceneP99Scaled)
			row.Result = rep.perScale(p99, TargetLuceneP99Base, TargetLuceneP99Scaled, lower)
		}
		rows = append(rows, row)
	}
	return append(rows, Row{Section: section, Measure: "CPU ms per query of the JVM (all classes, GC and JIT included)", Cells: rep.lucene(func(_ IndexRun, l *LuceneRun) string {
		mode := 0
		if section == sectionLuceneNoFac {
			mode = 1
		}
		return fmt.Sprintf("%.2f", l.Latency.CPUms[mode])
	})})
}

// ratio is a / b, or 0 (not measured) when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func cpuCell(r IndexRun) string {
	return fmt.Sprintf("%.1f (%.2f)", r.CPU, r.MBPerCPU())
}

func levelCell(s Scale, i int) string {
	if s.HTTP == nil || i >= len(s.HTTP.Levels) {
		return notMeasured
	}
	lv := s.HTTP.Levels[i]
	cell := fmt.Sprintf("%.0f; %.1f / %.1f; %.2f", lv.RPS(), lv.Lat.P50, lv.Lat.P99, lv.ServerCPUms)
	if lv.Errors > 0 {
		cell += fmt.Sprintf(" (%d errors)", lv.Errors)
	}
	return cell
}

// peakCell is the child's peak RSS and, when it was sampled, what the
// highest sample was made of.
func peakCell(r IndexRun) string {
	cell := fmt.Sprintf("%.0f", float64(r.PeakRSS)/mb)
	if p := r.Peak; p.RSS > 0 {
		cell += fmt.Sprintf(" (%.0f, %.0f)", float64(p.Anon)/mb, float64(p.File)/mb)
	}
	return cell
}

// Table renders the rows as one Markdown table.
func (rep *Report) Table() string {
	var b strings.Builder
	b.WriteString("| section | measure |")
	for _, s := range rep.Scales {
		label := fmt.Sprintf(" %s (%d articles)", s.Name, s.Index.Articles)
		if s.Factor > 1 {
			label = fmt.Sprintf(" %s (×%d synthetic, %d articles)", s.Name, s.Factor, s.Index.Articles)
		}
		b.WriteString(label + " |")
	}
	b.WriteString(" target | result |\n|---|---|" + strings.Repeat("---:|", len(rep.Scales)) + "---|---|\n")
	for _, r := range rep.Rows() {
		fmt.Fprintf(&b, "| %s | %s |", r.Section, r.Measure)
		for _, c := range r.Cells {
			b.WriteString(" " + c + " |")
		}
		fmt.Fprintf(&b, " %s | %s |\n", r.Target, r.Result)
	}
	return b.String()
}
