// Package search owns the index schema (the Bleve mapping), queries,
// results, snippets and facets. It is the only user of Bleve's query API.
package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search/synonym"
	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/search/zh/fold"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Options tune how an index generation is opened.
type Options struct {
	// DictVersion is the loaded segmenter's version; when set, a
	// generation built with another one is refused (generation.ErrDictMismatch).
	DictVersion string
	// Zone overrides the generation's zone for dates in results.
	Zone *time.Location
	// WriteZone buckets the months of the articles written through
	// Live.Ingest; nil: xinwen.DefaultZone().
	WriteZone *time.Location
	// Synonyms widens typed words with the rules in force at the start of
	// each search; nil: none.
	Synonyms *synonym.Source
}

// Index is one open generation: its shards searched as one.
type Index struct {
	dir     string
	meta    generation.Meta
	zone    *time.Location
	shards  []bleve.Index
	alias   bleve.IndexAlias
	suggest *suggester
	facets  *facetTables
	stored  storedSegments
	size    int64
	syn     *synonym.Source
	// unregister drops the shards' positions files (openPositions).
	unregister []func()
	// ngramTerms is the shards' body bigrams as BM25 counts them (see
	// globalScoring).
	ngramTerms int
	bands      *bandTable
}

// Open opens the generation in dir (a gen-... directory).
func Open(dir string, opt Options) (*Index, error) {
	meta, err := generation.ReadMeta(dir)
	if err != nil {
		return nil, err
	}
	if meta.Schema != SchemaVersion {
		return nil, fmt.Errorf("search: %s has schema %d, this build reads %d: rebuild the index", dir, meta.Schema, SchemaVersion)
	}
	if opt.DictVersion != "" && meta.DictVersion != opt.DictVersion {
		return nil, fmt.Errorf("search: %s built with dictionaries %s, loaded %s: %w", dir, meta.DictVersion, opt.DictVersion, generation.ErrDictMismatch)
	}
	if meta.Fold != fold.Version() {
		return nil, fmt.Errorf("search: %s folds script as %s, this process as %s: pass the --script-fold it was built with or rebuild: %w",
			dir, meta.Fold, fold.Version(), generation.ErrFoldMismatch)
	}
	zone, err := zoneFor(meta.Zone, opt.Zone)
	if err != nil {
		return nil, err
	}
	ix := &Index{dir: dir, meta: meta, zone: zone, syn: opt.Synonyms, bands: newBandTable(dir)}
	for i := range meta.Shards {
		s, err := bleve.OpenUsing(generation.ShardDir(dir, i), map[string]any{"read_only": true})
		if err != nil {
			ix.Close()
			return nil, fmt.Errorf("search: open shard %d: %w", i, err)
		}
		ix.shards = append(ix.shards, s)
		unreg, terms, err := openPositions(s, generation.ShardDir(dir, i))
		if err != nil {
			ix.Close()
			return nil, fmt.Errorf("search: open shard %d: %w", i, err)
		}
		ix.unregister = append(ix.unregister, unreg)
		ix.ngramTerms += terms
	}
	alias := bleve.NewIndexAlias(ix.shards...)
	// With the mapping the alias can pool BM25 statistics over the shards
	// (see globalScoring); without it each shard scores on its own half.
	if err := alias.SetIndexMapping(NewMapping()); err != nil {
		ix.Close()
		return nil, fmt.Errorf("search: alias mapping: %w", err)
	}
	ix.alias = strictAlias{alias}
	if ix.suggest, err = newSuggester(ix.shards); err != nil {
		ix.Close()
		return nil, err
	}
	if ix.facets, err = newFacetTables(ix.shards, ix.zone); err != nil {
		ix.Close()
		return nil, err
	}
	ix.unregister = append(ix.unregister, ix.facets.unregister)
	if ix.stored, err = newStoredSegments(ix.shards); err != nil {
		ix.Close()
		return nil, err
	}
	ix.size = DirSize(dir)
	return ix, nil
}

func zoneFor(name string, override *time.Location) (*time.Location, error) {
	if override != nil {
		return override, nil
	}
	if name == "" {
		name = xinwen.DefaultZoneName
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("search: zone %q: %w", name, err)
	}
	return z, nil
}

// Close closes every shard.
func (ix *Index) Close() error {
	var errs []error
	for _, unreg := range ix.unregister {
		unreg()
	}
	for _, s := range ix.shards {
		errs = append(errs, s.Close())
	}
	errs = append(errs, ix.bands.close())
	return errors.Join(errs...)
}

// Meta returns the generation's metadata.
func (ix *Index) Meta() generation.Meta { return ix.meta }

// Zone is the zone dates are shown and bare dates are read in.
func (ix *Index) Zone() *time.Location { return ix.zone }

// Stats describes the open generation.
func (ix *Index) Stats() xinwen.Stats {
	n, _ := ix.alias.DocCount()
	st := xinwen.Stats{Docs: n, Generation: filepath.Base(ix.dir), SizeBytes: ix.size, DictVersion: ix.meta.DictVersion, Zone: ix.meta.Zone,
		LiveDict: ix.meta.LiveDict}
	if seg, err := zh.Default(); err == nil {
		st.LiveDictInForce = seg.LiveVersion()
	}
	return st
}

// Suggest completes prefix from title words, most frequent first.
func (ix *Index) Suggest(_ context.Context, prefix string, n int) ([]string, error) {
	return ix.suggest.complete(prefix, n), nil
}

// Get returns one stored article.
func (ix *Index) Get(ctx context.Context, id string) (*xinwen.Doc, error) {
	sr := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	sr.Fields = storedFields
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: get %q: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("search: article %q: %w", id, xinwen.ErrNotFound)
	}
	h := res.Hits[0]
	f := fieldsOf(h.Fields)
	doc := &xinwen.Doc{
		ID: h.ID, Title: f.str(FieldTitle), Body: f.str(FieldBody), URL: f.str(FieldURL),
		Date: ix.formatDate(f.str(FieldDate)), Categories: splitPath(f.str(FieldPath)),
		Source: f.str(FieldSource), Thumbnail: f.str(FieldThumbnail),
		Cluster: clusterOf(h.ID, f),
	}
	if doc.Duplicates, err = ix.duplicates(ctx, doc.Cluster, h.ID); err != nil {
		return nil, err
	}
	return doc, nil
}

var storedFields = []string{FieldTitle, FieldBody, FieldPath, FieldDate, FieldURL, FieldSource, FieldThumbnail, FieldCluster}

type fieldsOf map[string]any

func (f fieldsOf) str(name string) string {
	s, _ := f[name].(string)
	return s
}

func splitPath(p string) []string {
	if p == "" {
		return []string{}
	}
	return []string{p}
}

// formatDate renders a stored RFC 3339 date in the index zone.
func (ix *Index) formatDate(s string) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.In(ix.zone).Format(time.RFC3339)
}

// DirSize sums the sizes of the files below dir.
func DirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
