package search

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh"
)

// DictionaryFile, in the index directory, lists the words added through
// Live.AddWords, one user-dictionary line each. xinwen serve and xinwen
// index load it on top of the user dictionaries (zh.Config.LiveDict), so
// a restart and a rebuild keep the words.
const DictionaryFile = "dictionary.txt"

// DictChange is the answer to a dictionary change.
type DictChange struct {
	Added      int   `json:"added,omitempty"`
	Removed    int   `json:"removed,omitempty"`
	Reanalyzed int   `json:"reanalyzed"`
	TookMS     int64 `json:"took_ms"`
}

// AddWords adds es to the index's word list (a known word takes the new
// frequency and tag), each stamped with the time of the call, which the
// list keeps and /api/analyze reports. When it returns, queries are cut
// with the new words and every served article containing a changed word
// has been analysed again (see overlay_reanalysed.go).
func (l *Live) AddWords(ctx context.Context, es []zh.Entry) (*DictChange, error) {
	now := time.Now().UTC().Truncate(time.Second)
	for i := range es {
		es[i].Added = now
	}
	return l.changeWords(ctx, func(list []zh.Entry) ([]zh.Entry, []string) { return zh.MergeEntries(list, es) },
		func(c *DictChange, n int) { c.Added = n })
}

// RemoveWords takes words off the index's word list, as AddWords adds.
func (l *Live) RemoveWords(ctx context.Context, words []string) (*DictChange, error) {
	for i, w := range words {
		words[i] = zh.Normalize(w)
	}
	return l.changeWords(ctx, func(list []zh.Entry) ([]zh.Entry, []string) { return zh.RemoveEntries(list, words) },
		func(c *DictChange, n int) { c.Removed = n })
}

// changeWords writes the changed list, reloads the segmenter with it and
// re-analyses the articles holding the changed words. Changes are
// serialized; searches run throughout on the old words or the new.
func (l *Live) changeWords(ctx context.Context, edit func([]zh.Entry) ([]zh.Entry, []string), count func(*DictChange, int)) (*DictChange, error) {
	start := time.Now()
	l.words.Lock()
	defer l.words.Unlock()
	path := filepath.Join(l.dir, DictionaryFile)
	seg, err := zh.Default()
	if err != nil {
		return nil, err
	}
	if seg.LiveDict() != path {
		return nil, fmt.Errorf("search: dictionary: the segmenter was not loaded with %s", path)
	}
	list, err := zh.ReadEntries(path)
	if err != nil {
		return nil, fmt.Errorf("search: dictionary: %w", err)
	}
	list, changed := edit(list)
	res := &DictChange{}
	count(res, len(changed))
	if len(changed) > 0 {
		if err := l.applyWords(ctx, path, list, changed, res); err != nil {
			return nil, err
		}
	}
	res.TookMS = time.Since(start).Milliseconds()
	return res, nil
}

func (l *Live) applyWords(ctx context.Context, path string, list []zh.Entry, changed []string, res *DictChange) error {
	if err := l.writable(ctx); err != nil {
		return err
	}
	if err := zh.WriteEntries(path, list); err != nil {
		return fmt.Errorf("search: dictionary: %w", err)
	}
	if _, err := zh.Reload(); err != nil {
		return fmt.Errorf("search: dictionary: %w", err)
	}
	n, err := l.reanalyse(ctx, changed)
	res.Reanalyzed = n
	return err
}

// reanalyse finds the served articles containing any of words through
// the exact-substring fields and indexes them again into the overlay.
func (l *Live) reanalyse(ctx context.Context, words []string) (int, error) {
	h, err := l.acquire()
	if err != nil {
		return 0, err
	}
	docs, err := h.ix.holding(ctx, words)
	gen, zone := filepath.Base(h.path), h.ix.zone
	h.mu.RUnlock()
	if err != nil || len(docs) == 0 {
		return 0, err
	}
	return len(docs), l.ov.reanalyse(docs, gen, zone, cmp.Or(l.opt.WriteZone, xinwen.DefaultZone()))
}

// holding returns every article whose title or body contains one of
// words, with its stored fields, each once.
func (ix *Index) holding(ctx context.Context, words []string) ([]xinwen.Article, error) {
	n, err := ix.alias.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: dictionary: %w", err)
	}
	qs := make([]query.Query, len(words))
	for i, w := range words {
		qs[i] = substringQuery(w, 1, 1)
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), int(n), 0, false)
	sr.Fields = storedFields
	sr.Score = "none"
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: dictionary: find articles: %w", err)
	}
	out := make([]xinwen.Article, 0, len(res.Hits))
	for _, h := range res.Hits {
		a, err := storedArticle(h.ID, fieldsOf(h.Fields))
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// storedArticle rebuilds the article an index document was made from.
func storedArticle(id string, f fieldsOf) (xinwen.Article, error) {
	a := xinwen.Article{ID: id, Title: f.str(FieldTitle), Body: f.str(FieldBody), URL: f.str(FieldURL),
		Categories: splitPath(f.str(FieldPath)), Source: f.str(FieldSource), Thumbnail: f.str(FieldThumbnail)}
	if s := f.str(FieldDate); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return a, fmt.Errorf("search: article %q: stored date: %w", id, err)
		}
		a.Date = t
	}
	return a, nil
}
