package opencc

import (
	"unicode/utf8"
)

// Group is a list of dictionaries matched in order: at each position the
// first dictionary holding a key the text begins with gives its longest
// such key (OpenCC's "short_circuit" match policy).
type Group []*Dict

// match finds the key of the first dictionary of g that s begins with.
func (g Group) match(s []byte) (n int, value string, ok bool) {
	for _, d := range g {
		if n, value, ok = d.match(s); ok {
			return n, value, true
		}
	}
	return 0, "", false
}

// Converter is one OpenCC configuration: the text is cut into segments by
// longest match on Segment (when set: a key is a segment, and so is each
// run of text between keys), then each segment goes through each Group
// of Chain in turn.
type Converter struct {
	Segment *Dict
	Chain   []Group
	trigger [0x10000 / 64]uint64 // BMP runes that start a key of any table
	astral  map[rune]bool        // the same beyond the BMP
	gate    [0x10000 / 64]uint64 // the rune of each key whose value differs that gates it alone
	gateHi  map[rune]bool        // the same beyond the BMP
	// A key whose runes no table changes alone (反覆 → 反复) is gated on
	// two adjacent runes of it: 覆 alone is common Simplified text, and
	// gating on it sent one news article in ten through the full scan.
	pairs    map[[2]rune]bool
	pairLead [0x10000 / 64]uint64 // the first runes of pairs, BMP
	pairHi   map[rune]bool        // the same beyond the BMP
}

// NewConverter builds a converter; seg may be nil.
func NewConverter(seg *Dict, chain ...Group) *Converter {
	c := &Converter{Segment: seg, Chain: chain, astral: make(map[rune]bool), gateHi: make(map[rune]bool),
		pairs: make(map[[2]rune]bool), pairHi: make(map[rune]bool)}
	c.addTriggers(seg)
	for _, g := range chain {
		for _, d := range g {
			c.addTriggers(d)
		}
	}
	for _, g := range chain {
		for _, d := range g {
			c.addGate(d)
		}
	}
	return c
}

// addGate adds to the gate one rune of each key of d whose value
// differs, or two adjacent ones (see gateRunes): a text holding none of
// the gate's runes or pairs holds no such key, so no group changes it.
func (c *Converter) addGate(d *Dict) {
	for k, v := range d.values {
		if k == v {
			continue
		}
		r, next, pair := c.gateRunes(k, v)
		switch {
		case pair:
			c.pairs[[2]rune{r, next}] = true
			setRune(&c.pairLead, c.pairHi, r)
		default:
			setRune(&c.gate, c.gateHi, r)
		}
	}
}

func setRune(bits *[0x10000 / 64]uint64, hi map[rune]bool, r rune) {
	if r < 0x10000 {
		bits[r/64] |= 1 << (r % 64)
	} else {
		hi[r] = true
	}
}

func hasRune(bits *[0x10000 / 64]uint64, hi map[rune]bool, r rune) bool {
	if r < 0x10000 {
		return bits[r/64]&(1<<(r%64)) != 0
	}
	return hi[r]
}

// gateRunes picks what gates key: a rune that some table changes alone (a
// Traditional character), rare in Simplified text; else, for a key of
// one rune, that rune; else two adjacent runes of the key (pair set),
// starting at the first rune that the value replaces when both are as
// long (瞭 of 一目瞭然 → 一目了然: 瞭然), else ending at the last.
func (c *Converter) gateRunes(key, value string) (r, next rune, pair bool) {
	for _, r := range key {
		if c.changesAlone(r) {
			return r, 0, false
		}
	}
	kr, vr := []rune(key), []rune(value)
	if len(kr) == 1 {
		return kr[0], 0, false
	}
	i := len(kr) - 2
	if len(kr) == len(vr) {
		for j := range kr {
			if kr[j] != vr[j] {
				i = min(j, len(kr)-2)
				break
			}
		}
	}
	return kr[i], kr[i+1], true
}

// changesAlone reports whether some table maps r alone to another text.
func (c *Converter) changesAlone(r rune) bool {
	var buf [utf8.UTFMax]byte
	key := string(utf8.AppendRune(buf[:0], r))
	for _, g := range c.Chain {
		for _, d := range g {
			if v, ok := d.values[key]; ok && v != key {
				return true
			}
		}
	}
	return false
}

// gated reports whether s holds a rune or a pair of the gate.
func (c *Converter) gated(s []byte) bool {
	prev, lead := rune(-1), false // the rune before, and whether it leads a pair
	for i := 0; i < len(s); {
		b := s[i]
		var r rune
		switch {
		case b < utf8.RuneSelf:
			r = rune(b)
			i++
		case b&0xf0 == 0xe0 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80: // three bytes: the BMP beyond U+07FF, every common Han
			r = rune(b&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f)
			i += 3
		default:
			var size int
			r, size = utf8.DecodeRune(s[i:])
			i += size
		}
		if hasRune(&c.gate, c.gateHi, r) || lead && c.pairs[[2]rune{prev, r}] {
			return true
		}
		prev, lead = r, hasRune(&c.pairLead, c.pairHi, r)
	}
	return false
}

func (c *Converter) addTriggers(d *Dict) {
	if d == nil {
		return
	}
	for r, n := range d.longest {
		if n > 0 {
			c.trigger[r/64] |= 1 << (r % 64)
		}
	}
	for r := range d.astral {
		c.astral[r] = true
	}
}

// triggers reports whether r starts a key of some table of c.
func (c *Converter) triggers(r rune) bool {
	if r < 0x10000 {
		return c.trigger[r/64]&(1<<(r%64)) != 0
	}
	return c.astral[r]
}

// quiet is the length of the leading bytes of s that hold no rune
// starting a key: no table can change them.
func (c *Converter) quiet(s []byte) int {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf { // no table has a key starting with ASCII that matters here
			if !c.triggers(rune(b)) {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRune(s[i:])
		if c.triggers(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// String converts s.
func (c *Converter) String(s string) string {
	out, _, _, changed := c.Append(nil, nil, nil, []byte(s))
	if !changed {
		return s
	}
	return string(out)
}

// Append appends the conversion of in to dst and, for each byte appended,
// the span [from, to) of in that it came from. When no entry would change
// in it appends nothing and reports false. An entry whose key and value
// have as many runes maps each output rune to its key rune; otherwise
// each byte of the value maps to the whole key.
func (c *Converter) Append(dst []byte, from, to []int32, in []byte) ([]byte, []int32, []int32, bool) {
	if !c.changes(in) {
		return dst, from, to, false
	}
	w := works.Get().(*work)
	defer works.Put(w)
	c.segments(in, func(a, b int) {
		w.load(in, a, b)
		for _, g := range c.Chain {
			w.step(g)
		}
		dst = append(dst, w.cur.text...)
		from = append(from, w.cur.from...)
		to = append(to, w.cur.to...)
	})
	return dst, from, to, true
}

// changes reports whether some segment of in is changed by some group:
// if none is, each group passes each segment on as it came.
func (c *Converter) changes(in []byte) bool {
	if !c.gated(in) {
		return false
	}
	changed := false
	c.segments(in, func(a, b int) {
		for _, g := range c.Chain {
			if !changed && c.changesSegment(g, in[a:b]) {
				changed = true
			}
		}
	})
	return changed
}

// changesSegment reports whether g, matched along s, changes any key.
func (c *Converter) changesSegment(g Group, s []byte) bool {
	for i := 0; i < len(s); {
		i += c.quiet(s[i:])
		if i == len(s) {
			break
		}
		if n, v, ok := g.match(s[i:]); ok {
			if v != string(s[i:i+n]) {
				return true
			}
			i += n
			continue
		}
		_, size := utf8.DecodeRune(s[i:])
		i += size
	}
	return false
}

// segments calls yield for each segment [a, b) of in.
func (c *Converter) segments(in []byte, yield func(a, b int)) {
	if c.Segment == nil {
		yield(0, len(in))
		return
	}
	start := 0
	for i := 0; i < len(in); {
		if n, _, ok := c.Segment.match(in[i:]); ok {
			if start < i {
				yield(start, i)
			}
			yield(i, i+n)
			i += n
			start = i
			continue
		}
		_, size := utf8.DecodeRune(in[i:])
		i += size
	}
	if start < len(in) {
		yield(start, len(in))
	}
}
