package bench

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
)

// Query classes, in report order.
const (
	ClassCommon   = "common word"
	ClassRare     = "rare word"
	ClassTwo      = "two words"
	ClassThree    = "three words"
	ClassPhrase   = "quoted phrase"
	ClassFilter   = "category + date range"
	ClassSortDate = "sort by date"
	ClassPage50   = "page 50"
	ClassLong     = "long sentence"
)

// Classes lists every query class in report order.
var Classes = []string{ClassCommon, ClassRare, ClassTwo, ClassThree, ClassPhrase,
	ClassFilter, ClassSortDate, ClassPage50, ClassLong}

// dayLayout is how filter dates travel, as the web API takes them.
const dayLayout = "2006-01-02"

// Query is one sampled search, in the terms the HTTP API takes.
type Query struct {
	Class    string
	Text     string // the q parameter
	Category string // a category path, or ""
	From, To string // YYYY-MM-DD in the sampling zone, or ""
	Sort     string // "" (relevance) or xinwen.SortDate
	Page     int    // 0: first page
}

// Request is q as an in-process xinwen.SearchRequest, with bare dates read as
// whole days in zone exactly as the web API reads them.
func (q Query) Request(zone *time.Location) (xinwen.SearchRequest, error) {
	req := xinwen.SearchRequest{Query: q.Text, Sort: q.Sort, Page: q.Page, Size: xinwen.DefaultSize}
	if q.Category != "" {
		req.Categories = []string{q.Category}
	}
	var err error
	if q.From != "" {
		if req.From, err = time.ParseInLocation(dayLayout, q.From, zone); err != nil {
			return req, fmt.Errorf("bench: query from: %w", err)
		}
	}
	if q.To != "" {
		if req.To, err = time.ParseInLocation(dayLayout, q.To, zone); err != nil {
			return req, fmt.Errorf("bench: query to: %w", err)
		}
		req.To = req.To.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	return req, nil
}

// Values is q as /api/search parameters.
func (q Query) Values() url.Values {
	v := url.Values{"q": {q.Text}}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("category", q.Category)
	set("from", q.From)
	set("to", q.To)
	set("sort", q.Sort)
	if q.Page > 0 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	return v
}

// Segmenter splits text into words (jieba's precise mode in the real run).
type Segmenter func(text string) []string

// SampleConfig says how many queries of each class to draw and how.
type SampleConfig struct {
	PerClass int
	Seed     uint64
	Segment  Segmenter
	Zone     *time.Location // for filter dates; nil: UTC
}

// sampler draws queries from a corpus; every draw goes through rng, so a
// seed fixes the whole list.
type sampler struct {
	docs   []Doc
	words  [][]string // per doc: its title's distinct words, in order
	common []string   // the titles' most frequent words
	rare   []string   // words in at most rareDF titles
	rng    *rand.Rand
	zone   *time.Location
}

// Word pools: the commonPool most frequent title words; rare words occur
// in at most rareDF titles.
const (
	commonPool  = 100
	rareDF      = 3
	maxAttempts = 200
)

// SampleQueries draws cfg.PerClass queries of every class from docs and
// returns them in one fixed, seeded, interleaved order.
func SampleQueries(docs []Doc, cfg SampleConfig) ([]Query, error) {
	if len(docs) == 0 || cfg.PerClass <= 0 || cfg.Segment == nil {
		return nil, fmt.Errorf("bench: sample queries: need documents, a count and a segmenter")
	}
	s := newSampler(docs, cfg)
	var out []Query
	for _, class := range Classes {
		for range cfg.PerClass {
			q, err := s.draw(class)
			if err != nil {
				return nil, err
			}
			out = append(out, q)
		}
	}
	s.rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nil
}

func newSampler(docs []Doc, cfg SampleConfig) *sampler {
	s := &sampler{docs: docs, rng: rand.New(rand.NewPCG(cfg.Seed, 0x78696e77656e)), zone: cfg.Zone}
	if s.zone == nil {
		s.zone = time.UTC
	}
	df := map[string]int{}
	for _, d := range docs {
		ws := titleWords(cfg.Segment(d.Title))
		s.words = append(s.words, ws)
		for _, w := range ws {
			df[w]++
		}
	}
	ranked := make([]string, 0, len(df))
	for w := range df {
		ranked = append(ranked, w)
	}
	slices.SortFunc(ranked, func(a, b string) int {
		if df[a] != df[b] {
			return df[b] - df[a]
		}
		return strings.Compare(a, b)
	})
	s.common = ranked[:min(commonPool, len(ranked))]
	for _, w := range ranked {
		if df[w] <= rareDF {
			s.rare = append(s.rare, w)
		}
	}
	if len(s.rare) == 0 {
		s.rare = ranked[max(0, len(ranked)-commonPool):]
	}
	return s
}

// titleWords keeps distinct words of two or more characters with a letter.
func titleWords(ws []string) []string {
	var out []string
	for _, w := range ws {
		if utf8.RuneCountInString(w) >= 2 && strings.IndexFunc(w, unicode.IsLetter) >= 0 && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// draw makes one query of class, retrying unlucky picks.
func (s *sampler) draw(class string) (Query, error) {
	for range maxAttempts {
		if q, ok := s.try(class); ok {
			q.Class = class
			return q, nil
		}
	}
	return Query{}, fmt.Errorf("bench: sample %s: no candidate in %d attempts (corpus too small?)", class, maxAttempts)
}

func (s *sampler) try(class string) (Query, bool) {
	switch class {
	case ClassCommon:
		return Query{Text: pick(s.rng, s.common)}, len(s.common) > 0
	case ClassRare:
		return Query{Text: pick(s.rng, s.rare)}, len(s.rare) > 0
	case ClassTwo:
		return s.fromTitle(2)
	case ClassThree:
		return s.fromTitle(3)
	case ClassPhrase:
		p, ok := span(s.rng, s.body(), 2, 6, false)
		return Query{Text: `"` + p + `"`}, ok
	case ClassFilter:
		return s.filter()
	case ClassSortDate:
		q, ok := s.fromTitle(1)
		q.Sort = xinwen.SortDate
		return q, ok
	case ClassPage50:
		return Query{Text: pick(s.rng, s.common), Page: 50}, len(s.common) > 0
	case ClassLong:
		p, ok := span(s.rng, s.body(), 15, 30, true)
		return Query{Text: p}, ok
	}
	panic("bench: unknown query class " + class)
}

func pick(rng *rand.Rand, xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[rng.IntN(len(xs))]
}

func (s *sampler) body() string { return s.docs[s.rng.IntN(len(s.docs))].Body }

// fromTitle picks n words of one random title, in title order.
func (s *sampler) fromTitle(n int) (Query, bool) {
	ws := s.words[s.rng.IntN(len(s.words))]
	if len(ws) < n {
		return Query{}, false
	}
	idx := s.rng.Perm(len(ws))[:n]
	slices.Sort(idx)
	parts := make([]string, n)
	for i, j := range idx {
		parts[i] = ws[j]
	}
	return Query{Text: strings.Join(parts, " ")}, true
}

// filter is a title word restricted to its article's category and to a
// window of up to a year around its date.
func (s *sampler) filter() (Query, bool) {
	i := s.rng.IntN(len(s.docs))
	d := s.docs[i]
	if len(d.Categories) == 0 || d.Date.IsZero() || len(s.words[i]) == 0 {
		return Query{}, false
	}
	day := d.Date.In(s.zone)
	return Query{
		Text:     pick(s.rng, s.words[i]),
		Category: strings.Join(d.Categories, "/"),
		From:     day.AddDate(0, 0, -s.rng.IntN(183)).Format(dayLayout),
		To:       day.AddDate(0, 0, s.rng.IntN(183)).Format(dayLayout),
	}, true
}

// span cuts minRunes..maxRunes characters out of one random paragraph of
// body: Han characters only for a phrase, or text starting at a sentence
// for a sentence (with no quotes or spaces, which the query syntax reads).
func span(rng *rand.Rand, body string, minRunes, maxRunes int, sentence bool) (string, bool) {
	paras := strings.Split(body, "\n")
	p := []rune(paras[rng.IntN(len(paras))])
	n := minRunes + rng.IntN(maxRunes-minRunes+1)
	if len(p) < n {
		return "", false
	}
	var start int
	if sentence {
		starts := sentenceStarts(p, n)
		if len(starts) == 0 {
			return "", false
		}
		start = starts[rng.IntN(len(starts))]
	} else {
		start = rng.IntN(len(p) - n + 1)
	}
	out := p[start : start+n]
	for _, r := range out {
		if !sentence && !unicode.Is(unicode.Han, r) || sentence && (isQuote(r) || unicode.IsSpace(r)) {
			return "", false
		}
	}
	return string(out), !sentence || out[0] != '-'
}

// sentenceStarts lists where sentences of at least n characters begin.
func sentenceStarts(p []rune, n int) []int {
	var out []int
	for i := range p {
		if (i == 0 || strings.ContainsRune("。！？；", p[i-1])) && i+n <= len(p) {
			out = append(out, i)
		}
	}
	return out
}

func isQuote(r rune) bool { return strings.ContainsRune("\"＂“”「」『』'", r) }
