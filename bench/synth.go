package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"
)

// Synth makes synthetic articles by recombining a real corpus's titles,
// paragraphs and sentences, so that a larger corpus keeps the real one's
// vocabulary and its length distribution (a corpus of one repeated
// paragraph would overstate every figure).
type Synth struct {
	docs     []Doc
	paras    [][]string // per doc: its non-empty paragraphs
	seg      Segmenter
	rng      *rand.Rand
	min, max time.Time // the corpus's date range
}

// Recombination odds and sizes.
const (
	reshuffleOdds = 0.5  // title: a real title's words reshuffled, else a real title
	sentenceOdds  = 0.25 // paragraph: sentences from several, else one real paragraph
	maxParagraphs = 40
)

// NewSynth prepares to recombine docs; a seed fixes every article it makes.
func NewSynth(docs []Doc, seed uint64, seg Segmenter) *Synth {
	s := &Synth{docs: docs, seg: seg, rng: rand.New(rand.NewPCG(seed, 0x73796e7468))}
	for _, d := range docs {
		var ps []string
		for _, p := range strings.Split(d.Body, "\n") {
			if strings.TrimSpace(p) != "" {
				ps = append(ps, p)
			}
		}
		s.paras = append(s.paras, ps)
		if d.Date.IsZero() {
			continue
		}
		if s.min.IsZero() || d.Date.Before(s.min) {
			s.min = d.Date
		}
		if d.Date.After(s.max) {
			s.max = d.Date
		}
	}
	return s
}

// Next makes one article: a real title (or its words reshuffled), and
// about as much body as that title's article had, in paragraphs drawn
// from it and up to three other articles (a quarter of them stitched from
// single sentences), the title's categories, and a date anywhere in the
// corpus's range.
func (s *Synth) Next(id string) Doc {
	i := s.rng.IntN(len(s.docs))
	src := s.docs[i]
	sources := []int{i}
	for range 1 + s.rng.IntN(3) {
		sources = append(sources, s.rng.IntN(len(s.docs)))
	}
	var paras []string
	for size := 0; len(paras) < maxParagraphs && (len(paras) == 0 || size < len(src.Body)); {
		p := s.paragraph(sources)
		if s.rng.Float64() < sentenceOdds {
			p = s.sentences(sources)
		}
		if len(paras) > 0 && size+len(p)/2 > len(src.Body) {
			break // closer to the source's length without it
		}
		paras = append(paras, p)
		size += len(p) + 1
	}
	return Doc{
		ID: id, Title: s.title(src.Title), Body: strings.Join(paras, "\n"),
		Categories: append([]string(nil), src.Categories...), Date: s.date(),
	}
}

func (s *Synth) title(t string) string {
	if s.rng.Float64() >= reshuffleOdds {
		return t
	}
	ws := s.seg(t)
	if len(ws) < 2 {
		return t
	}
	s.rng.Shuffle(len(ws), func(a, b int) { ws[a], ws[b] = ws[b], ws[a] })
	return strings.Join(ws, "")
}

// paragraph is one real paragraph of one of the sources ("" if they have none).
func (s *Synth) paragraph(sources []int) string {
	ps := s.paras[sources[s.rng.IntN(len(sources))]]
	if len(ps) == 0 {
		return ""
	}
	return ps[s.rng.IntN(len(ps))]
}

// sentences stitches two to four sentences, each from a random paragraph
// of the sources.
func (s *Synth) sentences(sources []int) string {
	var b strings.Builder
	for range 2 + s.rng.IntN(3) {
		ss := splitSentences(s.paragraph(sources))
		if len(ss) > 0 {
			b.WriteString(ss[s.rng.IntN(len(ss))])
		}
	}
	return b.String()
}

func (s *Synth) date() time.Time {
	if s.min.IsZero() {
		return time.Time{}
	}
	days := int(s.max.Sub(s.min).Hours() / 24)
	return s.min.AddDate(0, 0, s.rng.IntN(days+1))
}

// splitSentences cuts after each 。！？, keeping the mark.
func splitSentences(p string) []string {
	var out []string
	for p != "" {
		i := strings.IndexAny(p, "。！？")
		if i < 0 {
			return append(out, p)
		}
		_, size := utf8.DecodeRuneInString(p[i:])
		out = append(out, p[:i+size])
		p = p[i+size:]
	}
	return out
}

// WriteScaled writes a corpus factor times the size of docs to path
// (gzipped JSON Lines): docs themselves, then (factor-1)*len(docs)
// synthetic articles. It returns the article count and text bytes.
func WriteScaled(path string, docs []Doc, factor int, seed uint64, seg Segmenter) (int, int64, error) {
	w, err := CreateCorpus(path)
	if err != nil {
		return 0, 0, err
	}
	n, text := 0, int64(0)
	put := func(d Doc) error {
		n++
		text += int64(d.TextBytes())
		return w.Write(d)
	}
	for _, d := range docs {
		if err := put(d); err != nil {
			w.Close()
			return 0, 0, err
		}
	}
	s := NewSynth(docs, seed, seg)
	for i := range (factor - 1) * len(docs) {
		if err := put(s.Next(fmt.Sprintf("syn-%07d", i))); err != nil {
			w.Close()
			return 0, 0, err
		}
	}
	return n, text, w.Close()
}
