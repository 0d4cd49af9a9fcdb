package search

import (
	"context"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/admission"
	"github.com/xinwen-search/xinwen/search/syntax"
)

// A query is expensive, and waits its turn in admission's pool, when any
// of these holds. Measured on the xwlb index (2 cores): a 240-character
// sentence takes 0.87 s and six lone common characters 0.37 s, while the
// bench's ordinary classes (a word, two or three, a phrase, filters) take
// a few milliseconds and stay well inside every limit.
const (
	costMaxRunes = 48 // a pasted sentence: dozens of words, each ORed
	costMaxItems = 6  // words, phrases and exclusions as typed
	// costMaxPostings is how many times over the collection the terms'
	// postings may run (the sum of their document frequencies): past it
	// the search reads and scores most of the index several times.
	costMaxPostings = 4
)

// Cost classes req before it runs, from what is cheap to know: its length,
// its items, the lone characters it expands (each matched through every
// bigram that holds it, see MaxLoneChars) and the document frequencies of
// its words, which the term dictionaries give without reading postings.
// A request Normalize refuses is cheap: it fails at once.
func (ix *Index) Cost(ctx context.Context, req xinwen.SearchRequest) admission.Class {
	q := syntax.Parse(req.Query)
	if utf8.RuneCountInString(req.Query) > costMaxRunes ||
		len(q.Words)+len(q.Phrases)+len(q.Excludes) > costMaxItems {
		return admission.Expensive
	}
	p, err := analyze(q)
	if err != nil {
		return admission.Cheap
	}
	if p.loneLeft < MaxLoneChars {
		return admission.Expensive // a lone character, or a phrase's loose edge
	}
	docs := ix.Stats().Docs
	if docs == 0 {
		return admission.Cheap
	}
	var postings uint64
	for _, terms := range p.terms {
		for _, t := range terms {
			postings += ix.docFreq(ctx, FieldBody, t)
		}
	}
	if postings > costMaxPostings*docs {
		return admission.Expensive
	}
	return admission.Cheap
}

// docFreq is how many documents hold term in field, over every shard
// (the overlay, small, is left out).
func (ix *Index) docFreq(ctx context.Context, field, term string) uint64 {
	var n uint64
	for _, s := range ix.shards {
		adv, err := s.Advanced()
		if err != nil {
			continue
		}
		r, err := adv.Reader()
		if err != nil {
			continue
		}
		if tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false); err == nil {
			n += tfr.Count()
			_ = tfr.Close()
		}
		_ = r.Close()
	}
	return n
}

// Cost classes req against the served generation (see Index.Cost).
func (l *Live) Cost(ctx context.Context, req xinwen.SearchRequest) admission.Class {
	h, err := l.acquire()
	if err != nil {
		return admission.Cheap // the search itself will fail
	}
	defer h.mu.RUnlock()
	return h.ix.Cost(ctx, req)
}
