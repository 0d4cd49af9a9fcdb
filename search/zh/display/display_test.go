package display

import (
	"testing"

	"github.com/xinwen-search/xinwen/search/zh/opencc"
)

func mustFor(t *testing.T, s Script) *Converter {
	t.Helper()
	c, err := For(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParse(t *testing.T) {
	for name, want := range map[string]Script{"": Original, "orig": Original, "hant": Traditional, "hans": Simplified} {
		if got, err := Parse(name); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	for _, name := range []string{"zh-TW", "HANT", "t"} {
		if _, err := Parse(name); err == nil {
			t.Errorf("Parse(%q) took it", name)
		}
	}
}

func TestText(t *testing.T) {
	hant, hans := mustFor(t, Traditional), mustFor(t, Simplified)
	cases := []struct {
		c        *Converter
		in, want string
	}{
		{hant, "乡村振兴发展", "鄉村振興發展"},
		{hant, "头发", "頭髮"},     // the phrase picks 髮, not 發
		{hant, "鄉村振興", "鄉村振興"}, // already Traditional
		{hans, "2003年香港SARS大事記", "2003年香港SARS大事记"},
		{hans, "乡村振兴", "乡村振兴"},
		{nil, "头发", "头发"},
	}
	for _, tc := range cases {
		if got := tc.c.Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if c, err := For(Original); c != nil || err != nil {
		t.Errorf("For(Original) = %v, %v; want nil, nil", c, err)
	}
}

func TestMarked(t *testing.T) {
	hant := mustFor(t, Traditional)
	cases := []struct{ in, want string }{
		// marks at both edges
		{"<mark>乡村</mark>振兴<mark>发展</mark>", "<mark>鄉村</mark>振興<mark>發展</mark>"},
		// a phrase across a mark converts as the phrase
		{"头<mark>发</mark>", "頭<mark>髮</mark>"},
		// entities stay escaped, and next to a mark
		{"AT&amp;T<mark>发</mark>布&lt;b&gt;", "AT&amp;T<mark>發</mark>佈&lt;b&gt;"},
		{"&quot;<mark>国家</mark>&quot;", "&#34;<mark>國家</mark>&#34;"},
		// already Traditional: as it came, byte for byte
		{"<mark>鄉村</mark>振興 &quot;AT&amp;T&quot;", "<mark>鄉村</mark>振興 &quot;AT&amp;T&quot;"},
		// nothing to convert
		{"AI <mark>GDP</mark>", "AI <mark>GDP</mark>"},
		// an unclosed mark closes at the end; a stray close is dropped
		{"<mark>国家", "<mark>國家</mark>"},
		{"国</mark>家", "國家"},
		// an empty mark is dropped
		{"<mark></mark>国家", "國家"},
		{"", ""},
	}
	for _, tc := range cases {
		if got := hant.Marked(tc.in); got != tc.want {
			t.Errorf("Marked(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	var orig *Converter
	if got := orig.Marked("<mark>头</mark>发"); got != "<mark>头</mark>发" {
		t.Errorf("Original changed %q", got)
	}
}

// TestMarkedLengthChange uses Taiwan vocabulary, whose entries change the
// length of a phrase (s2t and t2s never do): a mark on part of such a
// phrase covers the whole converted phrase, and marks elsewhere stay put.
func TestMarkedLengthChange(t *testing.T) {
	oc, err := opencc.Load(opencc.TW2SP, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &Converter{oc}
	cases := []struct{ in, want string }{
		{"<mark>電腦</mark>保安", "<mark>计算机安全</mark>"},
		{"電腦保安<mark>問題</mark>", "计算机安全<mark>问题</mark>"},
		{"<mark>新</mark>電腦保安<mark>法</mark>", "<mark>新</mark>计算机安全<mark>法</mark>"},
		{"<mark>電腦保安</mark>", "<mark>计算机安全</mark>"},
	}
	for _, tc := range cases {
		if got := c.Marked(tc.in); got != tc.want {
			t.Errorf("Marked(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
