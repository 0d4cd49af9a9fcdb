package search

import (
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Field names of the index schema.
const (
	FieldTitle      = "title"    // jieba words (index mode), stored
	FieldTitleNgram = "title_ng" // character bigrams with positions: exact substrings
	FieldBody       = "body"     // jieba words (index mode), stored
	FieldBodyNgram  = "body_ng"  // character bigrams with positions: exact substrings (ngpos files; in Bleve only in the overlay)
	FieldCategory   = "category" // every hierarchy prefix, keyword: the category filter
	FieldPath       = "path"     // the full category path, stored only
	FieldDate       = "date"     // datetime: range filters, sort
	FieldFacet      = "facet"    // facet values in one doc-values field: "c:" + prefix, "m:" + month
	FieldSortKey    = "sortkey"  // date then id, one doc-values term: date order with a unique tie-break
	FieldURL        = "url"
	FieldSource     = "source"
	FieldThumbnail  = "thumbnail"
	FieldCluster    = "cluster" // near-duplicate cluster id, keyword, stored, doc values: collapse
	FieldBands      = "bands"   // LSH band keys of the text signature, keyword, the overlay's only: finds a copy's cluster
	// overlaySchema is the overlay's: schema 6's mapping, which
	// newOverlayMapping still is.
	overlaySchema    = 6
	SchemaVersion    = 9 // 9: the body's bigrams in ngpos files only and the band keys in the band table, neither in Bleve; 7: body bigram positions in ngpos files; 6: near-duplicate clusters (cluster, bands); 5: Traditional folded into Simplified before analysis
	monthLayout      = "2006-01"
	sortKeyLayout    = "20060102150405"
	docType          = "article"
	mappingTypeField = "_type"

	facetCategoryPrefix = "c:"
	facetMonthPrefix    = "m:"
)

// record is one article as the index stores it; its field names are the
// schema.
type record struct {
	Title     string     `json:"title"`
	TitleNg   string     `json:"title_ng"`
	Body      string     `json:"body"`
	BodyNg    string     `json:"body_ng"`
	Category  []string   `json:"category,omitempty"`
	Path      string     `json:"path,omitempty"`
	Date      *time.Time `json:"date,omitempty"`
	Facet     []string   `json:"facet,omitempty"`
	SortKey   string     `json:"sortkey"`
	URL       string     `json:"url,omitempty"`
	Source    string     `json:"source,omitempty"`
	Thumbnail string     `json:"thumbnail,omitempty"`
	Cluster   string     `json:"cluster,omitempty"`
	Bands     []string   `json:"bands,omitempty"` // the overlay's only
}

// NewDocument is the document the index stores for a, months bucketed in
// zone: the value to hand to the Index of a Bleve index or builder made
// with NewMapping. Its shape is the schema, search's business only.
func NewDocument(a xinwen.Article, zone *time.Location) any {
	r := newRecord(a.ID, a.Title, a.Body, a.Categories, a.Date, zone)
	r.URL, r.Source, r.Thumbnail = a.URL, a.Source, a.Thumbnail
	return r
}

// newRecord derives every indexed form of the article id: the n-gram
// shadows of title and body, each category prefix, the month in zone and
// the date-order key.
func newRecord(id, title, body string, categories []string, date time.Time, zone *time.Location) record {
	r := record{Title: title, TitleNg: title, Body: body, BodyNg: body, SortKey: sortKey(date, id)}
	var levels []string
	for _, c := range categories {
		if c = categoryLevel(c); c != "" {
			levels = append(levels, c)
		}
	}
	categories = levels
	for i := range categories {
		c := xinwen.JoinCategory(categories[:i+1])
		r.Category = append(r.Category, c)
		r.Facet = append(r.Facet, facetCategoryPrefix+c)
	}
	if len(categories) > 0 {
		r.Path = r.Category[len(r.Category)-1]
	}
	if !date.IsZero() {
		d := date
		r.Date = &d
		r.Facet = append(r.Facet, facetMonthPrefix+date.In(zone).Format(monthLayout))
	}
	return r
}

// categoryLevel folds one level of a category path the same way for the
// index and for filters: trimmed, runs of spaces (no-break ones too) one
// space, as the parser leaves the levels it reads.
func categoryLevel(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// sortKey orders by date (UTC, to the second, fixed width), then id;
// undated articles sort before every date, so last in newest-first order.
func sortKey(date time.Time, id string) string {
	if date.IsZero() {
		return "-" + id
	}
	return date.UTC().Format(sortKeyLayout) + id
}

// BleveType tells Bleve's mapping which document mapping applies.
func (record) BleveType() string { return docType }

// NewMapping is xinwen's deliberate index mapping. Nothing is dynamic and
// there is no _all field: every byte the index stores is named here.
//   - title, body: jieba words, stored for snippets, no term vectors (our
//     own highlighter finds the matches in the stored text).
//   - title_ng: character bigrams, because with their positions quoted
//     phrases and substring matches are exact; its positions as term
//     vectors (byte offsets left zero: nothing reads them).
//   - body_ng, the body's bigrams, is not in Bleve at all: an ngpos file
//     beside each segment of a shard (see FinishShard) holds its postings,
//     frequencies, lengths and positions, in a fifth of the bytes zap
//     spent, and ngramTermQuery reads it. The overlay keeps it in Bleve
//     (newOverlayMapping).
//   - category: every hierarchy prefix as a keyword, for the filter.
//   - facet: category prefixes and the month in one doc-values field, so
//     that counting facets visits one field per hit, not two.
//   - date: datetime for range filters, stored for display.
//   - cluster: the near-duplicate cluster id, stored and in doc values
//     for collapsing. The LSH band keys that find a new copy's cluster
//     are in the generation's band table (package cluster/bands): nearly
//     every key is one article's, a term dictionary as large as the
//     body's that no search reads.
//   - sortkey: date then id as one doc-values term, so newest-first order
//     has a unique tie-break without loading each hit's stored id.
func NewMapping() *mapping.IndexMappingImpl { return newMapping(false) }

// newOverlayMapping is NewMapping with body_ng in Bleve, positions and
// all, and the band keys in a bands field (keyword, indexed only): the
// overlay takes live writes into small segments that no ngpos file or
// band table follows.
func newOverlayMapping() *mapping.IndexMappingImpl { return newMapping(true) }

func newMapping(overlay bool) *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.DefaultAnalyzer = zh.IndexAnalyzerName
	im.TypeField = mappingTypeField
	im.DefaultType = docType
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(FieldTitle, textField(zh.IndexAnalyzerName, true, false))
	dm.AddFieldMappingsAt(FieldBody, textField(zh.IndexAnalyzerName, true, false))
	dm.AddFieldMappingsAt(FieldTitleNgram, textField(zh.BigramPositionsAnalyzerName, false, true))
	if overlay {
		dm.AddFieldMappingsAt(FieldBodyNgram, textField(zh.BigramPositionsAnalyzerName, false, true))
	}
	dm.AddFieldMappingsAt(FieldCategory, keywordField(false, false))
	dm.AddFieldMappingsAt(FieldFacet, keywordField(false, true))
	dm.AddFieldMappingsAt(FieldSortKey, keywordField(false, true))
	dm.AddFieldMappingsAt(FieldCluster, keywordField(true, true))
	if overlay {
		dm.AddFieldMappingsAt(FieldBands, keywordField(false, false))
	}
	dm.AddFieldMappingsAt(FieldPath, storedOnly())
	dm.AddFieldMappingsAt(FieldURL, storedOnly())
	dm.AddFieldMappingsAt(FieldSource, storedOnly())
	dm.AddFieldMappingsAt(FieldThumbnail, storedOnly())

	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.DocValues = false // sorting uses sortkey
	date.IncludeInAll = false
	dm.AddFieldMappingsAt(FieldDate, date)

	// Without this Bleve adds an _all composite field to every document and
	// visits every token again for it, even when no field is included.
	all := bleve.NewDocumentDisabledMapping()
	dm.AddSubDocumentMapping("_all", all)

	im.AddDocumentMapping(docType, dm)
	im.DefaultMapping = dm
	return im
}

func textField(analyzer string, store, vectors bool) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = store
	f.IncludeTermVectors = vectors
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func keywordField(store, docValues bool) *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = store
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = docValues
	return f
}

func storedOnly() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Index = false
	f.Store = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}
