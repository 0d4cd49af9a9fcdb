package bench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Floor is what Bleve's offline builder alone costs for xinwen's two word
// fields: titles and bodies already analyzed by xinwen's index analyzer
// (so no segmentation is timed), indexed with the same field options (words
// without term vectors, title and body stored) on the same two shards in
// parallel, batches and merge as `xinwen index` uses. No n-gram fields, no
// categories, dates or facets, no reading or parsing. Indexing can never be
// faster than segmenting plus this.
type Floor struct {
	Seconds, CPU float64 // fastest of floorRuns, by wall clock and by CPU separately
	TextBytes    int64
	SizeBytes    int64
}

// MBs is text MB per second of the floor build.
func (f Floor) MBs() float64 { return float64(f.TextBytes) / 1e6 / f.Seconds }

// MBPerCPU is text MB per CPU-second of the floor build.
func (f Floor) MBPerCPU() float64 { return float64(f.TextBytes) / 1e6 / f.CPU }

// SizeRatio is the floor index's size over the raw text.
func (f Floor) SizeRatio() float64 { return float64(f.SizeBytes) / float64(f.TextBytes) }

const (
	floorRuns   = 2
	floorShards = 2   // as `xinwen index` on this 2-core machine
	floorBatch  = 500 // indexer's default batch
	floorMerge  = 10  // indexer's mergeMax

	// preSegmented is a tokenizer that splits at floorSep: it hands Bleve
	// words that were cut beforehand.
	preSegmented = "bench_presegmented"
	floorSep     = '\x1f'
)

func init() {
	registry.RegisterTokenizer(preSegmented, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return sepTokenizer{}, nil
	})
}

type sepTokenizer struct{}

func (sepTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	start := 0
	for pos := 1; start < len(input); pos++ {
		end := bytes.IndexByte(input[start:], floorSep)
		if end < 0 {
			end = len(input) - start
		}
		out = append(out, &analysis.Token{Term: input[start : start+end], Start: start, End: start + end, Position: pos, Type: analysis.Ideographic})
		start += end + 1
	}
	return out
}

// MeasureFloor analyzes every title and body of docs with xinwen's index
// analyzer, then builds the floor index under work floorRuns times.
func MeasureFloor(docs []Doc, work string) (Floor, error) {
	f := Floor{TextBytes: TextBytes(docs)}
	pre := make([]floorDoc, len(docs))
	for i, d := range docs {
		tw, err := preSegment(d.Title)
		if err != nil {
			return f, err
		}
		bw, err := preSegment(d.Body)
		if err != nil {
			return f, err
		}
		pre[i] = floorDoc{id: d.ID, fields: map[string]any{"title": d.Title, "body": d.Body, "title_w": tw, "body_w": bw}}
	}
	m, err := floorMapping()
	if err != nil {
		return f, err
	}
	for run := range floorRuns {
		dir := filepath.Join(work, fmt.Sprintf("floor-%d", run))
		wall, cpu, err := buildFloor(dir, m, pre)
		if err == nil && run == 0 {
			f.SizeBytes = search.DirSize(dir)
		}
		os.RemoveAll(dir)
		if err != nil {
			return f, err
		}
		if run == 0 || wall < f.Seconds {
			f.Seconds = wall
		}
		if run == 0 || cpu < f.CPU {
			f.CPU = cpu
		}
	}
	return f, nil
}

type floorDoc struct {
	id     string
	fields map[string]any
}

// preSegment joins the terms xinwen's index analyzer makes of s.
func preSegment(s string) (string, error) {
	toks, err := zh.Analyze(zh.IndexAnalyzerName, s)
	if err != nil {
		return "", fmt.Errorf("bench: floor: %w", err)
	}
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = t.Term
	}
	return strings.Join(terms, string(floorSep)), nil
}

// floorMapping has xinwen's word fields and stored title and body, as
// search.NewMapping sets them, and nothing else.
func floorMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(preSegmented, map[string]any{"type": custom.Name, "tokenizer": preSegmented}); err != nil {
		return nil, fmt.Errorf("bench: floor: %w", err)
	}
	im.DefaultAnalyzer = preSegmented
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	field := func(index, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = preSegmented
		f.Index, f.Store = index, store
		f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title_w", field(true, false))
	dm.AddFieldMappingsAt("body_w", field(true, false))
	dm.AddFieldMappingsAt("title", field(false, true))
	dm.AddFieldMappingsAt("body", field(false, true))
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	return im, nil
}

// buildFloor builds one floor index in dir, docs dealt to the shards in
// turn, and returns its wall and CPU seconds.
func buildFloor(dir string, m mapping.IndexMapping, docs []floorDoc) (wall, cpu float64, err error) {
	errs := make([]error, floorShards)
	start, cpu0 := time.Now(), cpuSelf()
	var wg sync.WaitGroup
	for s := range floorShards {
		wg.Go(func() {
			errs[s] = buildFloorShard(filepath.Join(dir, fmt.Sprint(s)), m, docs, s)
		})
	}
	wg.Wait()
	wall, cpu = time.Since(start).Seconds(), (cpuSelf() - cpu0).Seconds()
	for _, e := range errs {
		if e != nil {
			return wall, cpu, e
		}
	}
	return wall, cpu, nil
}

func buildFloorShard(path string, m mapping.IndexMapping, docs []floorDoc, shard int) error {
	b, err := bleve.NewBuilder(path, m, map[string]any{"batchSize": floorBatch, "mergeMax": floorMerge, "buildPathPrefix": filepath.Dir(path)})
	if err != nil {
		return fmt.Errorf("bench: floor: %w", err)
	}
	n := 0
	for i := shard; i < len(docs); i += floorShards {
		if err := b.Index(docs[i].id, docs[i].fields); err != nil {
			return fmt.Errorf("bench: floor: %w", err)
		}
		n++
	}
	if n == 0 {
		return nil // Bleve's builder cannot close empty
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("bench: floor: %w", err)
	}
	return nil
}
