package cluster

import (
	"encoding/binary"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
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
	number   = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)
)

// Strip removes a wire dateline at the start of body and an editor's line
// at its end.
func Strip(body string) string {
	body = strings.TrimSpace(body)
	for range 2 {
		body = strings.TrimSpace(editor.ReplaceAllString(body, ""))
	}
	return dateline.ReplaceAllString(body, "")
}

// Sign computes the signature of an article from its title and body.
func Sign(title, body string) Signature {
	text := words(Strip(fold.String(body)))
	if utf8.RuneCountInString(text) < minBody {
		text = words(fold.String(title)) + text
	}
	sig := Signature{Numbers: numbers(text)}
	for i := range sig.Min {
		sig.Min[i] = math.MaxUint32
	}
	shingles := shingle(text)
	if len(shingles) == 0 {
		sig.Empty = true
		return sig
	}
	for _, h := range shingles {
		z := splitmix(h)
		for i := range sig.Min {
			if v := uint32((z*funcs[i].a + funcs[i].b) >> 32); v < sig.Min[i] {
				sig.Min[i] = v
			}
		}
	}
	return sig
}

// words keeps the word runes of s: punctuation and spacing differ between
// copies and say nothing of the story.
func words(s string) string {
	var b strings.Builder
	for _, r := range s {
		if fold.IsWordRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// shingle returns the distinct hashes of the Shingle-rune windows of s.
func shingle(s string) []uint64 {
	rs := []rune(s)
	if len(rs) == 0 {
		return nil
	}
	n := min(Shingle, len(rs))
	seen := make(map[uint64]struct{}, len(rs))
	var buf []byte
	for i := 0; i+n <= len(rs); i++ {
		buf = buf[:0]
		for _, r := range rs[i : i+n] {
			buf = utf8.AppendRune(buf, r)
		}
		seen[fnv(buf)] = struct{}{}
	}
	out := make([]uint64, 0, len(seen))
	for h := range seen {
		out = append(out, h)
	}
	return out
}

// fnv hashes a shingle (FNV-1a, 64 bits): fixed, so that signatures
// stored in an index stay comparable across processes.
func fnv(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

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

// numbers returns the distinct numbers of s, sorted.
func numbers(s string) []string {
	ns := number.FindAllString(s, -1)
	slices.Sort(ns)
	return slices.Compact(ns)
}

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
// sharing a key are candidates. A key is the band's index and its hashes
// in hexadecimal, so it can be stored and searched as a keyword.
func (s *Signature) Keys() []string {
	if s.Empty {
		return nil
	}
	keys := make([]string, Bands)
	var buf [4 * Rows]byte
	for b := range Bands {
		for r := range Rows {
			binary.BigEndian.PutUint32(buf[4*r:], s.Min[b*Rows+r])
		}
		keys[b] = strconv.Itoa(b) + ":" + strconv.FormatUint(fnv(buf[:]), 36)
	}
	return keys
}
