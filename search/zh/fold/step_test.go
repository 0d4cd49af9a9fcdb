package fold

import (
	"strings"
	"testing"
)

// phraseStep rewrites each "ab" as "xyz", as a phrase table rewrites a
// two-character phrase as three characters; other bytes pass alone.
type phraseStep struct{}

func (phraseStep) Apply(out *Text, in []byte) bool {
	for i := 0; i < len(in); {
		n := len(out.Bytes)
		if strings.HasPrefix(string(in[i:]), "ab") {
			out.Bytes = append(out.Bytes, "xyz"...)
			out.MapSpan(n, i, i+2)
			i += 2
			continue
		}
		out.Bytes = append(out.Bytes, in[i])
		out.MapSpan(n, i, i+1)
		i++
	}
	return true
}

func TestMapComposesThroughLengthChange(t *testing.T) {
	defer current.Store(steps())
	current.Store(&chain{steps: []Step{phraseStep{}}})
	in := "中ＡＢ\u00ad-ab"
	var f Text
	f.Fold(in)
	if got := string(f.Bytes); got != "中xyz-xyz" {
		t.Fatalf("folded %q = %q", in, got)
	}
	tests := []struct {
		i, j int
		want string
	}{
		{0, 3, "中"},
		{3, 4, "ＡＢ"},        // one byte of a phrase maps to the whole phrase
		{4, 6, "ＡＢ"},        // and so does a part of it
		{3, 7, "ＡＢ\u00ad-"}, // a dropped character inside a span stays covered
		{7, 10, "ab"},
	}
	for _, tt := range tests {
		s, e := f.Span(tt.i, tt.j)
		if got := in[s:e]; got != tt.want {
			t.Errorf("Span(%d, %d) covers %q, want %q", tt.i, tt.j, got, tt.want)
		}
	}
}

func TestSpanMapsToOriginal(t *testing.T) {
	in := "Ａ，ｂ\u200b中e\u0301"
	var f Text
	f.Fold(in)
	if got := string(f.Bytes); got != "a,b中é" {
		t.Fatalf("folded = %q", got)
	}
	for _, tt := range []struct {
		i, j int
		want string
	}{{0, 1, "Ａ"}, {1, 2, "，"}, {2, 6, "ｂ\u200b中"}, {6, 8, "e\u0301"}} {
		s, e := f.Span(tt.i, tt.j)
		if got := in[s:e]; got != tt.want {
			t.Errorf("Span(%d, %d) covers %q, want %q", tt.i, tt.j, got, tt.want)
		}
	}
}
