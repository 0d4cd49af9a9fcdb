package search

import (
	"context"
	"errors"
	"fmt"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// TestPhraseSearcherStopsOnCancel: a phrase whose bigrams every document
// holds, never in order, yields no hit to the collector, so the searcher
// itself must notice the search's end.
func TestPhraseSearcherStopsOnCancel(t *testing.T) {
	var docs []fixture
	for i := range 4 * phraseCheckEvery {
		docs = append(docs, fixture{id: fmt.Sprint("d", i), title: "标题", body: "乡村振兴"})
	}
	ix := openFixtures(t, docs)
	adv, err := ix.shards[0].Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	q := newExactPhrase(FieldBodyNgram, [][]string{{"振兴"}, {}, {"乡村"}}, 1)
	s, err := q.Searcher(ctx, r, nil, bsearch.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	dm, err := s.Next(sctx)
	if dm != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("Next = %v, %v; want context.Canceled", dm, err)
	}
}
