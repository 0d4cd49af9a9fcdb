package opencc

import "testing"

func TestConvert(t *testing.T) {
	t2s, err := Load(T2S, nil)
	if err != nil {
		t.Fatal(err)
	}
	regional, err := Load(Regional, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		c    *Converter
		in   string
		want string
	}{
		{"phrase", t2s, "頭髮", "头发"},
		{"phrase keeps a character", t2s, "乾隆皇帝", "乾隆皇帝"},
		{"character alone", t2s, "乾燥", "干燥"},
		{"after", t2s, "後來", "后来"},
		{"simplified unchanged", t2s, "乡村振兴", "乡村振兴"},
		{"traditional", t2s, "鄉村振興", "乡村振兴"},
		{"mixed", t2s, "香港SARS大事記", "香港SARS大事记"},
		{"taiwan words stay without the regional tables", t2s, "軟體網路", "软体网路"},
		{"taiwan software", regional, "軟體", "软件"},
		{"taiwan network", regional, "網路", "网络"},
		{"regional keeps t2s", regional, "頭髮乾隆後來", "头发乾隆后来"},
		{"regional simplified unchanged", regional, "乡村振兴战略", "乡村振兴战略"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.String(tc.in); got != tc.want {
				t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestSpans checks the span of each output rune: its key rune when key
// and value are as long, else the whole key.
func TestSpans(t *testing.T) {
	regional, err := Load(Regional, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := "用隨身碟存頭髮"
	out, from, to, changed := regional.Append(nil, nil, nil, []byte(in))
	if !changed || string(out) != "用U盘存头发" {
		t.Fatalf("Append(%q) = %q, %v", in, out, changed)
	}
	for _, tc := range []struct {
		i    int // byte of the output
		want string
	}{
		{0, "用"}, {3, "隨身碟"}, {4, "隨身碟"}, {7, "存"}, {10, "頭"}, {13, "髮"},
	} {
		if got := in[from[tc.i]:to[tc.i]]; got != tc.want {
			t.Errorf("byte %d of %q comes from %q, want %q", tc.i, out, got, tc.want)
		}
	}
	if len(from) != len(out) || len(to) != len(out) {
		t.Errorf("%d bytes, %d and %d spans", len(out), len(from), len(to))
	}
}

func TestUnchanged(t *testing.T) {
	c, err := Load(Regional, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"", "abc", "乡村振兴战略实施", "一干二净"} {
		if out, _, _, changed := c.Append(nil, nil, nil, []byte(in)); changed {
			t.Errorf("Append(%q) = %q, reported changed", in, out)
		}
	}
}

// TestGate checks that the gate lets through every key some table
// changes, alone and inside text, and that a rune which only leads a
// gated pair (覆 of 反覆 → 反复, common in Simplified text) does not open
// the gate on its own.
func TestGate(t *testing.T) {
	for _, cfg := range []Config{T2S, Regional} {
		c, err := Load(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range c.Chain {
			for _, d := range g {
				for k, v := range d.values {
					if k != v && (!c.gated([]byte(k)) || !c.gated([]byte("新闻"+k+"联播"))) {
						t.Errorf("key %q (-> %q) does not open the gate", k, v)
					}
				}
			}
		}
		if len(c.pairs) == 0 {
			t.Fatal("no key is gated on a pair")
		}
		alone := 0
		for p := range c.pairs {
			if !hasRune(&c.gate, c.gateHi, p[0]) {
				alone++
				if s := string(p[0]) + "，" + string(p[0]); c.gated([]byte(s)) {
					t.Errorf("%q opens the gate: %q leads only a pair", s, p[0])
				}
			}
		}
		if alone == 0 {
			t.Error("every pair's first rune gates alone: the pairs gate nothing")
		}
	}
}
