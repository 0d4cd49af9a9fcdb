package fold

import (
	"testing"

	"github.com/xinwen-search/xinwen/search/zh/opencc"
)

// useScript runs the rest of the test with script folding s.
func useScript(t testing.TB, s Script) {
	t.Helper()
	saved := steps()
	if err := Use(s); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { current.Store(saved) })
}

func TestScriptFolding(t *testing.T) {
	for _, tc := range []struct {
		name   string
		script Script
		in     string
		want   string
	}{
		{"phrase", Regional, "頭髮", "头发"},
		{"phrase keeps a character", Regional, "乾隆年間", "乾隆年间"},
		{"after", Regional, "後來", "后来"},
		{"simplified unchanged", Regional, "乡村振兴", "乡村振兴"},
		{"traditional", Regional, "鄉村振興", "乡村振兴"},
		{"hong kong title", Regional, "2003年香港SARS大事記", "2003年香港sars大事记"},
		{"after the width step", Regional, "ＳＱＬ隱碼攻擊", "sql注入"},
		{"taiwan vocabulary", Regional, "軟體和網路", "软件和网络"},
		{"standard keeps taiwan words", Standard, "軟體和網路", "软体和网路"},
		{"standard phrase", Standard, "頭髮乾隆後來", "头发乾隆后来"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			useScript(t, tc.script)
			if got := String(tc.in); got != tc.want {
				t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
			}
			var f Text
			f.Fold(tc.in)
			if string(f.Bytes) != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, f.Bytes, tc.want)
			}
		})
	}
}

// TestScriptSpans: an entry that changes length maps each of its bytes
// to the whole phrase; one that keeps it maps rune to rune; the width
// step's map composes under both.
func TestScriptSpans(t *testing.T) {
	useScript(t, Regional)
	in := "ＡＢ用隨身碟存\u200b頭髮"
	var f Text
	f.Fold(in)
	if got := string(f.Bytes); got != "ab用u盘存头发" {
		t.Fatalf("folded %q = %q", in, got)
	}
	for _, tt := range []struct {
		i, j int
		want string
	}{
		{0, 2, "ＡＢ"},
		{2, 5, "用"},
		{5, 6, "隨身碟"}, // u, one byte of a three-character phrase
		{6, 9, "隨身碟"}, // 盘
		{9, 12, "存"},
		{12, 15, "頭"},
		{15, 18, "髮"},
		{5, 15, "隨身碟存\u200b頭"},
	} {
		s, e := f.Span(tt.i, tt.j)
		if got := in[s:e]; got != tt.want {
			t.Errorf("Span(%d, %d) covers %q, want %q", tt.i, tt.j, got, tt.want)
		}
	}
}

// TestScriptIsConversionOfWidth: the chain is OpenCC's conversion of
// the width step's output, whichever part of a text changes.
func TestScriptIsConversionOfWidth(t *testing.T) {
	conv, err := opencc.Load(opencc.Regional, widthOnly)
	if err != nil {
		t.Fatal(err)
	}
	useScript(t, Regional)
	for _, in := range []string{"", "abc", "中文", "頭髮", "ＡＢ頭髮ｃｄ", "我的軟體，在網路上", "2003年香港SARS大事記"} {
		if got, want := String(in), conv.String(widthOnly(in)); got != want {
			t.Errorf("String(%q) = %q, conversion gives %q", in, got, want)
		}
	}
}

// TestScriptIdempotent: folding folded text changes nothing, but for the
// characters OpenCC's tables chain: 薴 → 苧 → 苎, and in Regional 麼 and 麽
// → 么 → 幺 (Taiwan's reverse variants prefer 幺). Each text is folded
// once from its original, so they cost only a query typed in the middle
// form.
func TestScriptIdempotent(t *testing.T) {
	chained := map[rune]bool{'薴': true, '麼': true, '麽': true}
	for _, s := range []Script{Regional, Standard} {
		useScript(t, s)
		for r := rune(0x80); r <= 0x2FFFF; r++ {
			if r >= 0xD800 && r <= 0xDFFF || chained[r] {
				continue
			}
			if a := String(string(r)); String(a) != a {
				t.Errorf("%s: %U %q folds to %q, then to %q", s, r, string(r), a, String(a))
			}
		}
	}
}

func TestParseScript(t *testing.T) {
	for _, s := range []Script{Regional, Standard} {
		if got, err := ParseScript(s.String()); err != nil || got != s {
			t.Errorf("ParseScript(%q) = %v, %v", s.String(), got, err)
		}
	}
	if _, err := ParseScript("tw"); err == nil {
		t.Error("ParseScript(tw): no error")
	}
}
