package main

import (
	"context"
	"fmt"
	"io"

	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/search/synonym"
	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/web"
)

// dictionary is the web.Dictionary of xinwen serve: user-dictionary lines
// change the served index's word list (search.DictionaryFile).
type dictionary struct{ live *search.Live }

func (d dictionary) AddWords(ctx context.Context, body io.Reader) (*web.DictChange, error) {
	es, err := readEntries(body)
	if err != nil {
		return nil, err
	}
	return webChange(d.live.AddWords(ctx, es))
}

func (d dictionary) RemoveWords(ctx context.Context, body io.Reader) (*web.DictChange, error) {
	es, err := readEntries(body)
	if err != nil {
		return nil, err
	}
	words := make([]string, len(es))
	for i, e := range es {
		words[i] = e.Word
	}
	return webChange(d.live.RemoveWords(ctx, words))
}

func readEntries(body io.Reader) ([]zh.Entry, error) {
	es, err := zh.ParseEntries(body)
	if err != nil {
		return nil, fmt.Errorf("dictionary: %w: %w", web.ErrBadBody, err)
	}
	return es, nil
}

func webChange(c *search.DictChange, err error) (*web.DictChange, error) {
	if err != nil {
		return nil, err
	}
	return &web.DictChange{Added: c.Added, Removed: c.Removed, Reanalyzed: c.Reanalyzed, TookMS: c.TookMS}, nil
}

// explainer is the web.Analyzer of xinwen serve: the shared segmenter's
// analysis, with each token's source and a query's synonyms from the
// rules in force.
type explainer struct{ syn *synonym.Source }

func (x explainer) Explain(text string, query bool) ([]web.AnalyzedToken, error) {
	ex, err := search.Explain(text, query, x.syn.Rules())
	if err != nil {
		return nil, err
	}
	out := make([]web.AnalyzedToken, len(ex))
	for i, e := range ex {
		out[i] = web.AnalyzedToken{Term: e.Term, Start: e.Start, End: e.End, Position: e.Position,
			Source: e.Source, Detail: e.Detail, Added: e.Added, Expands: e.Expands}
	}
	return out, nil
}
