package eval

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xinwen-search/xinwen/search/zh"
)

// Report is the outcome of a run.
type Report struct {
	Config      Config
	DictVersion string // the segmenter's zh.Segmenter.Version
	Docs        int
	Probes      []Probe
	Titles      []KnownItem
	Subheads    []KnownItem
	// PastedTitles and PastedSubheads are whole titles and sub-headlines
	// pasted as typed.
	PastedTitles, PastedSubheads []KnownItem
	// Traditional holds the Traditional form of each of Probes (OpenCC
	// s2t), TraditionalDiffer how many differ from it.
	Traditional       []string
	TraditionalDiffer int
	Engines           []EngineResult // xinwen first
	Seg               *Segmentation  // nil when SIGHAN was not given
	Pinyin            *PinyinResult  // xinwen's pinyin suggestions
	Clusters          *ClusterResult // near-duplicate clustering
}

// Engine returns the result of the engine called name, or nil.
func (r *Report) Engine(name string) *EngineResult {
	for i := range r.Engines {
		if r.Engines[i].Name == name {
			return &r.Engines[i]
		}
	}
	return nil
}

// row is one line of the table: a label and one cell per engine.
type row struct {
	label string
	cell  func(e *EngineResult) string
}

func f3(x float64) string { return fmt.Sprintf("%.3f", x) }

// Table renders the results as one Markdown table, engines as columns.
func (r *Report) Table() string {
	var b strings.Builder
	b.WriteString("| measure |")
	for _, e := range r.Engines {
		fmt.Fprintf(&b, " %s |", e.Name)
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---:|", len(r.Engines)))
	b.WriteString("\n")
	for _, rw := range r.rows() {
		fmt.Fprintf(&b, "| %s |", rw.label)
		for i := range r.Engines {
			fmt.Fprintf(&b, " %s |", rw.cell(&r.Engines[i]))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (r *Report) rows() []row {
	counts := r.kindCounts()
	var pairs int
	if len(r.Engines) > 0 {
		pairs = r.Engines[0].Phrase.Relevant
	}
	rows := []row{
		{fmt.Sprintf("quoted phrase recall (%d strings, %d relevant pairs)", len(r.Probes), pairs),
			func(e *EngineResult) string { return f3(e.Phrase.Recall()) }},
		{"quoted phrase precision", func(e *EngineResult) string { return f3(e.Phrase.Precision()) }},
	}
	for k := range numKinds {
		rows = append(rows, row{fmt.Sprintf("&nbsp;&nbsp;phrase recall: %s (%d)", k, counts[k]),
			func(e *EngineResult) string { return f3(e.PhraseKind[k].Recall()) }})
	}
	rows = append(rows,
		row{"unquoted recall (same strings)", func(e *EngineResult) string { return f3(e.Words.Recall()) }},
		row{fmt.Sprintf("Traditional forms (%d differ): quoted phrase recall", r.TraditionalDiffer),
			func(e *EngineResult) string { return f3(e.TradPhrase.Recall()) }},
		row{"Traditional forms: quoted phrase precision", func(e *EngineResult) string { return f3(e.TradPhrase.Precision()) }},
		row{"Traditional forms: unquoted recall", func(e *EngineResult) string { return f3(e.TradWords.Recall()) }},
		row{"Traditional forms: unquoted precision", func(e *EngineResult) string { return f3(e.TradWords.Precision()) }},
		row{"answers whose total disagrees with the hits", func(e *EngineResult) string {
			return fmt.Sprint(e.Phrase.Inconsistent + e.Words.Inconsistent)
		}},
	)
	rows = append(rows, r.knownRows("title words", r.Titles, func(e *EngineResult) Ranking { return e.Titles })...)
	rows = append(rows, r.knownRows("快讯 sub-headline words", r.Subheads, func(e *EngineResult) Ranking { return e.Subheads })...)
	rows = append(rows, r.knownRows("pasted title", r.PastedTitles, func(e *EngineResult) Ranking { return e.PastedTitles })...)
	rows = append(rows, r.knownRows("pasted 快讯 sub-headline", r.PastedSubheads, func(e *EngineResult) Ranking { return e.PastedSubheads })...)
	rows = append(rows, r.segRows()...)
	rows = append(rows, r.pinyinRows()...)
	rows = append(rows, r.clusterRows()...)
	return append(rows, row{fmt.Sprintf("index size, MB (%d articles)", r.Docs), func(e *EngineResult) string {
		return fmt.Sprintf("%.1f", float64(e.SizeBytes)/1e6)
	}})
}

// knownRows are one known-item kind's rows: MRR@10, success@10 and the
// query-by-query comparison with xinwen.
func (r *Report) knownRows(kind string, items []KnownItem, of func(e *EngineResult) Ranking) []row {
	return []row{
		{fmt.Sprintf("known item, %s: MRR@10 (%d queries)", kind, len(items)),
			func(e *EngineResult) string { return f3(of(e).MRR()) }},
		{"known item, " + kind + ": success@10", func(e *EngineResult) string { return f3(of(e).Success()) }},
		r.versusRow(kind, of),
	}
}

// knownItems counts the known-item queries of every kind.
func (r *Report) knownItems() int {
	return len(r.Titles) + len(r.Subheads) + len(r.PastedTitles) + len(r.PastedSubheads)
}

// versusRow compares xinwen with each engine query by query: on how many
// queries xinwen ranks the target higher, and on how many lower.
func (r *Report) versusRow(kind string, of func(e *EngineResult) Ranking) row {
	x := r.Engine(NameXinwen)
	return row{"&nbsp;&nbsp;" + kind + ": queries xinwen ranks higher / lower", func(e *EngineResult) string {
		if x == nil || e.Name == NameXinwen {
			return "–"
		}
		better, worse := of(x).Versus(of(e))
		return fmt.Sprintf("%d / %d", better, worse)
	}}
}

func (r *Report) kindCounts() [numKinds]int {
	var n [numKinds]int
	for _, p := range r.Probes {
		n[p.Kind]++
	}
	return n
}

// segRows show the SIGHAN scores under the engines that segment with
// jieba (xinwen and the jieba baseline), as "F1 (P/R)".
func (r *Report) segRows() []row {
	if r.Seg == nil {
		return nil
	}
	cell := func(s Score) func(e *EngineResult) string {
		return func(e *EngineResult) string {
			if e.Name == NameCJK || e.Name == NamePhrase {
				return "–"
			}
			return fmt.Sprintf("%.3f (P %.3f, R %.3f)", s.F, s.P, s.R)
		}
	}
	return []row{
		{fmt.Sprintf("PKU segmentation F1, %s (query mode)", zh.QueryAnalyzerName), cell(r.Seg.Query)},
		{fmt.Sprintf("PKU segmentation F1, %s, top-level tokens", zh.IndexAnalyzerName), cell(r.Seg.IndexTop)},
		{fmt.Sprintf("PKU segmentation F1, %s, all tokens (sub-words too)", zh.IndexAnalyzerName), cell(r.Seg.IndexAll)},
	}
}

// Summary is the line under the table: what was sampled, with what.
func (r *Report) Summary() string {
	c := r.Config
	return fmt.Sprintf("%d articles of %s; %d oracle strings, %d + %d + %d + %d known-item queries, seed %d; dictionaries %s.",
		r.Docs, baseName(c.Corpus), len(r.Probes), len(r.Titles), len(r.Subheads),
		len(r.PastedTitles), len(r.PastedSubheads), c.Seed, r.DictVersion)
}

func baseName(p string) string { return p[strings.LastIndexAny(p, `/\`)+1:] }

// WriteMisses prints an engine's wrong answers, at most limit of them,
// with how zh_bigram tokenizes each string.
func WriteMisses(w io.Writer, e *EngineResult, limit int) {
	for i, m := range e.Misses {
		if i == limit {
			fmt.Fprintf(w, "... and %d more\n", len(e.Misses)-limit)
			return
		}
		mode := "unquoted"
		if m.Phrase {
			mode = "quoted"
		}
		fmt.Fprintf(w, "%s %s %q (%s, from %s): total %d, returned %d, missing %v, extra %v\n",
			e.Name, mode, m.Probe.Text, m.Probe.Kind, m.Probe.From, m.Total, m.Got, head(m.Missing), head(m.Extra))
		toks, _ := zh.Analyze(zh.BigramAnalyzerName, m.Probe.Text)
		fmt.Fprintf(w, "  zh_bigram:")
		for _, t := range toks {
			fmt.Fprintf(w, " %s@%d", t.Term, t.Position)
		}
		fmt.Fprintln(w)
	}
}

func head(ids []string) []string { return ids[:min(len(ids), 5)] }

// Markers around the generated part of docs/relevance.md.
const (
	BeginMarker = "<!-- BEGIN xinwen eval: generated by `xinwen eval --out`, do not edit -->"
	EndMarker   = "<!-- END xinwen eval -->"
)

// RewriteDoc replaces the text between the markers in the file at path
// with section, keeping everything else; a file without the markers gets
// them appended, and a missing file is created.
func RewriteDoc(path, section string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("eval: %w", err)
	}
	out, err := replaceSection(old, section)
	if err != nil {
		return fmt.Errorf("eval: %s: %w", path, err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	return nil
}

func replaceSection(doc []byte, section string) ([]byte, error) {
	block := BeginMarker + "\n" + strings.TrimRight(section, "\n") + "\n" + EndMarker
	i := bytes.Index(doc, []byte(BeginMarker))
	j := bytes.Index(doc, []byte(EndMarker))
	switch {
	case i < 0 && j < 0:
		if len(doc) > 0 && !bytes.HasSuffix(doc, []byte("\n")) {
			doc = append(doc, '\n')
		}
		return append(doc, []byte(block+"\n")...), nil
	case i < 0 || j < i:
		return nil, fmt.Errorf("eval markers out of order or one missing")
	}
	var b bytes.Buffer
	b.Write(doc[:i])
	b.WriteString(block)
	b.Write(doc[j+len(EndMarker):])
	return b.Bytes(), nil
}

// Section is what RewriteDoc puts between the markers: the command that
// produced the numbers, the table and the sample it measured.
func (r *Report) Section(command string) string {
	return fmt.Sprintf("```\n%s\n```\n\n%s\n%s\n", command, r.Table(), r.Summary())
}
