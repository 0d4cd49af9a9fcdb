package cluster

import (
	"encoding/binary"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Parameters of the signature, chosen on the evaluation in eval/cluster.go
// (docs/relevance.md has the figures).
const (
	Shingle = 4   // runes a shingle: 3 joins look-alikes on shared phrasing, 5 splits trimmed copies
	Hashes  = 128 // MinHash functions: the estimate's standard error at J=0.5 is 0.044
	Rows    = 4   // hashes a band; Hashes/Rows bands, candidates from J≈0.42 up
	Bands   = Hashes / Rows
	// Threshold is the estimated Jaccard similarity of shingle sets at
	// and above which two articles are the same story.
	Threshold = 0.5
	// minBody is the shortest body (in word runes) shingled alone; a
	// shorter body is shingled with its title.
	minBody = 60
)

// Signature is what clustering knows of an article: its MinHash and the
// numbers its text quotes.
type Signature struct {
	Min     [Hashes]uint32
	Numbers []string // sorted, distinct
	Empty   bool     // no shingle at all: never a duplicate of anything
}

// Boilerplate a wire copy adds around the story: the dateline and
// reporter line that opens it, the editor's line that closes it.
var (
	dateline = regexp.MustCompile(`^\s*(?:[据据]?[^\s，。（(]{0,12}(?:社|报|网|台|电视台)[^\s，。（(]{0,10}电|[^\s，。（(]{0,12}消息)\s*(?:[（(][^）)]{0,40}[）)])?\s*`)
	editor   = regexp.MustCompile(`[（(]\s*(?:责任编辑|编辑|责编|记者|来源|原标题)[:：][^）)]{0,40}[）)]\s*$`)
)

// Strip removes a wire dateline at the start of body and an editor's line
// at its end.
func Strip(body string) string {
	body = strings.TrimSpace(body)
	for range 2 {
		i := tail(body, patternRunes)
		body = strings.TrimSpace(body[:i] + editor.ReplaceAllString(body[i:], ""))
	}
	j := head(body, patternRunes)
	return dateline.ReplaceAllString(body[:j], "") + body[j:]
}

// patternRunes bounds the runes other than spacing that a match of
// dateline or editor holds (at most 69: a dateline of 27 runes and its
// bracketed reporter line of 42). Only their spacing
// (\s*) is unbounded, so each is matched within the head or tail of the
// body holding that many other runes and every space among them: the
// same match as over the whole body, without running the expressions over
// every rune of it (they cost as much as the rest of the signature).
const patternRunes = 80

// head returns where the shortest prefix of s holding n runes other than
// ASCII spacing ends.
func head(s string, n int) int {
	for i, r := range s {
		if !isSpace(r) {
			if n == 0 {
				return i
			}
			n--
		}
	}
	return len(s)
}

// tail returns where the shortest suffix of s holding n runes other than
// ASCII spacing starts.
func tail(s string, n int) int {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isSpace(r) {
			if n == 0 {
				return i
			}
			n--
		}
		i -= size
	}
	return 0
}

// isSpace is \s of Go's regular expressions.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// Sign computes the signature of an article from its title and body.
func Sign(title, body string) Signature {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	text := appendWords(sc.text[:0], Strip(fold.String(body)))
	sc.text = text
	if len(text) < minBody {
		text = append(appendWords(sc.title[:0], fold.String(title)), text...)
		sc.title = text
	}
	sig := Signature{Numbers: numbers(text)}
	sc.hashes = shingles(sc.hashes[:0], text)
	if len(sc.hashes) == 0 {
		sig.Empty = true
		for i := range sig.Min {
			sig.Min[i] = math.MaxUint32
		}
		return sig
	}
	minHash(&sig.Min, sc.hashes)
	return sig
}

// scratch is the working memory of one Sign, reused: the word runes of
// the text and the hashes of its shingles.
type scratch struct {
	text, title []rune
	hashes      []uint64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// words keeps the word runes of s.
func words(s string) string { return string(appendWords(nil, s)) }

// appendWords appends the word runes of s to rs: punctuation and spacing
// differ between copies and say nothing of the story.
func appendWords(rs []rune, s string) []rune {
	for _, r := range s {
		if fold.IsWordRune(r) {
			rs = append(rs, r)
		}
	}
	return rs
}

// shingles appends to hs the mixed hash of every Shingle-rune window of
// text (or of text, when shorter). A window repeated is hashed again:
// it cannot change a minimum, and finding repeats costs more than the
// functions save.
func shingles(hs []uint64, text []rune) []uint64 {
	if len(text) == 0 {
		return hs
	}
	n := min(Shingle, len(text))
	var buf [utf8.UTFMax]byte
	for i := 0; i+n <= len(text); i++ {
		h := uint64(fnvOffset)
		for _, r := range text[i : i+n] {
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				h ^= uint64(c)
				h *= fnvPrime
			}
		}
		hs = append(hs, splitmix(h))
	}
	return hs
}

// minHash sets each function's minimum over the shingles' hashes hs,
// four functions a pass over hs: their minima stay in registers and the
// four multiplications of a hash run side by side.
func minHash(m *[Hashes]uint32, hs []uint64) {
	for i := 0; i < Hashes; i += 4 {
		f := (*[4]struct{ a, b uint64 })(funcs[i : i+4])
		lo0, lo1, lo2, lo3 := uint32(math.MaxUint32), uint32(math.MaxUint32), uint32(math.MaxUint32), uint32(math.MaxUint32)
		for _, z := range hs {
			lo0 = min(lo0, uint32((z*f[0].a+f[0].b)>>32))
			lo1 = min(lo1, uint32((z*f[1].a+f[1].b)>>32))
			lo2 = min(lo2, uint32((z*f[2].a+f[2].b)>>32))
			lo3 = min(lo3, uint32((z*f[3].a+f[3].b)>>32))
		}
		m[i], m[i+1], m[i+2], m[i+3] = lo0, lo1, lo2, lo3
	}
}

// fnv hashes a shingle (FNV-1a, 64 bits): fixed, so that signatures
// stored in an index stay comparable across processes.
func fnv(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// The MinHash functions: the i-th maps a shingle's mixed hash z to the
// high 32 bits of z*a+b (mod 2^64), a odd; one multiply-add a function
// over one mix of the shingle. The constants are fixed, so that
// signatures stay comparable across processes.
var funcs = func() (f [Hashes]struct{ a, b uint64 }) {
	for i := range f {
		f[i].a = splitmix(uint64(2*i+1)) | 1
		f[i].b = splitmix(uint64(2*i + 2))
	}
	return f
}()

// splitmix is splitmix64's finalizer of h: every bit of the shingle hash
// reaches the high bits the functions keep.
func splitmix(h uint64) uint64 {
	z := h + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// numbers returns the distinct numbers of text, sorted: its runs of
// ASCII digits. (text holds word runes only, so no decimal point.)
func numbers(text []rune) []string {
	var ns []string
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		ns = append(ns, string(text[i:j]))
		i = j
	}
	slices.Sort(ns)
	return slices.Compact(ns)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// Similarity estimates the Jaccard similarity of two signatures' shingle
// sets: the share of MinHash functions on which they agree.
func Similarity(a, b *Signature) float64 {
	if a.Empty || b.Empty {
		return 0
	}
	same := 0
	for i := range a.Min {
		if a.Min[i] == b.Min[i] {
			same++
		}
	}
	return float64(same) / Hashes
}

// Keys returns the LSH band keys of a signature, one a band: two articles
// sharing a key are candidates. A key is the band's index and its hash
// in base 36, so it can be stored and searched as a keyword.
func (s *Signature) Keys() []string { return KeyStrings(s.BandHashes()) }

// BandHashes returns the hash of each LSH band of a signature, band b's
// at b, or nil for an empty signature: the band keys as numbers, as a
// generation's band table (package bands) stores them.
func (s *Signature) BandHashes() []uint64 {
	if s.Empty {
		return nil
	}
	hs := s.bands()
	return hs[:]
}

// KeyStrings returns the band keys of BandHashes hs as Keys does.
func KeyStrings(hs []uint64) []string {
	if len(hs) == 0 {
		return nil
	}
	keys := make([]string, len(hs))
	for b, h := range hs {
		keys[b] = strconv.Itoa(b) + ":" + strconv.FormatUint(h, 36)
	}
	return keys
}

// bands returns the hash of each band's functions: Keys before they are
// written out.
func (s *Signature) bands() (hs [Bands]uint64) {
	var buf [4 * Rows]byte
	for b := range hs {
		for r := range Rows {
			binary.BigEndian.PutUint32(buf[4*r:], s.Min[b*Rows+r])
		}
		hs[b] = fnv(buf[:])
	}
	return hs
}
