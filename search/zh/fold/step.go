package fold

// Step is a folding step after the width step, such as a phrase table
// that rewrites a two-character phrase as three characters. Apply folds
// in into out: for each byte it appends to out.Bytes it records, with
// out.MapSpan, the non-empty byte span of in that produced it.
type Step interface {
	Apply(out *Text, in []byte)
}

// steps run, in order, after the width step in Text.Fold. The chain has
// none yet: Traditional-to-Simplified folding will be the first.
var steps []Step

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
// input bytes a through b-1 came from.
func (t *Text) apply(step Step) {
	if t.next == nil {
		t.next = new(Text)
	}
	out := t.next
	out.Bytes, out.start, out.end = out.Bytes[:0], out.start[:0], out.end[:0]
	step.Apply(out, t.Bytes)
	for k := range out.start {
		a, b := out.start[k], out.end[k]
		out.start[k], out.end[k] = t.start[a], t.end[b-1]
	}
	t.Bytes, out.Bytes = out.Bytes, t.Bytes
	t.start, out.start = out.start, t.start
	t.end, out.end = out.end, t.end
}
