package web

import (
	"context"
	"fmt"
	"strings"

	"github.com/xinwen-search/xinwen"
)

var _ xinwen.RelatedSearcher = (*fakeSearcher)(nil)

// Related lists the fake articles of the same title stem, newest first,
// as hits: the fake's related stories.
func (f *fakeSearcher) Related(_ context.Context, id string, size int) (*xinwen.Related, error) {
	if f.err != nil {
		return nil, f.err
	}
	size, err := xinwen.NormalizeRelatedSize(size)
	if err != nil {
		return nil, err
	}
	var doc *xinwen.Doc
	for i := range f.docs {
		if f.docs[i].ID == id {
			doc = &f.docs[i]
		}
	}
	if doc == nil {
		return nil, fmt.Errorf("related %q: %w", id, xinwen.ErrNotFound)
	}
	stem, _, _ := strings.Cut(doc.Title, "（")
	out := &xinwen.Related{Hits: []xinwen.Hit{}}
	for i := len(f.docs) - 1; i >= 0 && len(out.Hits) < size; i-- {
		d := f.docs[i]
		if d.ID != id && strings.HasPrefix(d.Title, stem) {
			out.Hits = append(out.Hits, xinwen.Hit{ID: d.ID, Title: d.Title, TitleHTML: d.Title, URL: d.URL,
				Date: d.Date, Categories: d.Categories, Source: d.Source, Cluster: d.ID})
		}
	}
	return out, nil
}
