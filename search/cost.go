package search

import (
	"context"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/admission"
	"github.com/xinwen-search/xinwen/search/syntax"
)

// A query is expensive, and waits its turn in admission's pool, when any
// of these holds. Each limit is set from the bench's queries on the xwlb
// index (24k articles; 100 of each class, `xinwen bench --attack`'s
// generators): no query of the ordinary classes (a common or rare word,
// two or three title words, a quoted phrase, category + dates, sort by
// date, page 50) crosses any of them, and every attack query crosses one.
// Ordinary queries run 0.4-2.8 ms at the median; the lone-character
// attacks 251 ms (p99 2.1 s), the 200-256 character ones 14 ms (p99
// 104 ms) with 32 terms kept of dozens.
const (
	// costMaxRunes: ordinary queries reach 15 characters, the bench's
	// pasted sentences (not ordinary) 30; attacks paste 200 and more.
	costMaxRunes = 48
	// costMaxItems: ordinary queries type at most 3 words; 7 or 8 lone
	// characters cross it before analysis.
	costMaxItems = 6
	// costMaxPostings is how many times over the collection the terms'
	// postings may run (the sum of their document frequencies): past it
	// the search reads and scores most of the index several times.
	// Ordinary queries reach 1.25 (p50 0.00-0.21); 200-character cuts run
	// 6.9 at the median, and 11 of 100 pasted 15-30 character sentences
	// cross it.
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
		// A lone character, or a phrase's loose edge: no ordinary query
		// holds one, and three common ones took 251 ms at the median.
		return admission.Expensive
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
