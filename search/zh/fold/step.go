package fold

import (
	"sync"
	"sync/atomic"
)

// Step is a folding step after the width step, such as a phrase table
// that rewrites a two-character phrase as three characters. Apply folds
// in into out: for each byte it appends to out.Bytes it records, with
// out.MapSpan, the non-empty byte span of in that produced it. It reports
// false, having appended nothing, when the step would leave in as it is.
type Step interface {
	Apply(out *Text, in []byte) bool
}

// chain is the steps that run, in order, after the width step, and the
// name that a generation records of them.
type chain struct {
	steps   []Step
	version string
}

// current is the chain in use: the one of Use, or Regional's.
var (
	current     atomic.Pointer[chain]
	defaultOnce sync.Once
)

// steps returns the chain in use, building the default on first need.
func steps() *chain {
	if c := current.Load(); c != nil {
		return c
	}
	defaultOnce.Do(func() {
		c, err := load(Regional)
		if err != nil {
			panic(err) // the embedded tables are part of the binary
		}
		current.CompareAndSwap(nil, c)
	})
	return current.Load()
}

// Use makes the chain fold Chinese script as s, for the whole process:
// the analyzers, the highlighter and phrase verification must agree, and
// an index records the choice (Version). Call it at start-up, before text
// is folded; Regional is the default.
func Use(s Script) error {
	c, err := load(s)
	if err != nil {
		return err
	}
	current.Store(c)
	return nil
}

// Version names the chain in use, its script folding and the tables'
// version ("regional/opencc-5249273a"): an index built with another
// chain holds other terms.
func Version() string { return steps().version }

// MapSpan records that out.Bytes[n:] came from the span [from, to) of the
// step's input.
func (t *Text) MapSpan(n, from, to int) {
	for k := n; k < len(t.Bytes); k++ {
		t.start = append(t.start, int32(from))
		t.end = append(t.end, int32(to))
	}
}

// apply runs step over t.Bytes and composes the maps: a byte that step
// maps to the span [a, b) of its input maps to the original span that
// input bytes a through b-1 came from. An untracked Text (String) has no
// map to compose.
func (t *Text) apply(step Step, track bool) {
	if t.next == nil {
		t.next = new(Text)
	}
	out := t.next
	out.Bytes, out.start, out.end = out.Bytes[:0], out.start[:0], out.end[:0]
	if !step.Apply(out, t.Bytes) {
		return
	}
	if track {
		for k := range out.start {
			a, b := out.start[k], out.end[k]
			out.start[k], out.end[k] = t.start[a], t.end[b-1]
		}
	}
	t.Bytes, out.Bytes = out.Bytes, t.Bytes
	t.start, out.start = out.start, t.start
	t.end, out.end = out.end, t.end
}
