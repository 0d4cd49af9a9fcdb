package highlight

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFoldMapsBytesToRunes(t *testing.T) {
	text := "Ａ，ｂ中"
	f := foldText(text)
	if f.norm != "a,b中" || f.runes() != utf8.RuneCountInString(text) {
		t.Fatalf("norm = %q, %d runes", f.norm, f.runes())
	}
	for b, want := range []int{0, 1, 2, 3, 3, 3} {
		if got := f.runeAt(b); got != want {
			t.Errorf("runeAt(%d) = %d, want %d", b, got, want)
		}
	}
	if f.slice(1, 3) != "，ｂ" || f.slice(0, f.runes()) != text {
		t.Errorf("slice(1, 3) = %q", f.slice(1, 3))
	}
	// A match in the folded text marks the original characters.
	if got := Title("ＡＢＣ公司", Plain("abc")); got != "<mark>ＡＢＣ</mark>公司" {
		t.Errorf("Title = %q", got)
	}
}

func BenchmarkSnippet(b *testing.B) {
	para := "新华社北京3月5日电（记者　张三）十四届全国人大二次会议5日上午在人民大会堂开幕。国务院总理作政府工作报告，回顾过去一年工作，提出今年经济社会发展的主要预期目标：国内生产总值增长５％左右；城镇新增就业１２００万人以上。"
	body := strings.Repeat(para+"\n", 6)
	needles := Plain("政府工作报告", "经济", "就业")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Snippet(body, needles)
	}
}

// A fragment never ends or starts inside a match: every mark holds whole
// needles.
func TestSnippetKeepsMatchesWhole(t *testing.T) {
	filler := func(n int) string { return strings.Repeat("的", n) }
	bodies := []string{
		"大熊猫" + filler(FragmentRunes-4) + "大熊猫" + filler(300),   // the second match straddles the first window's end
		filler(10) + "大熊猫" + filler(9) + "大熊猫大熊猫" + filler(300), // a window starting before the later matches cuts the first
	}
	for i, body := range bodies {
		out := Snippet(body, Plain("大熊猫"))
		for _, m := range regexp.MustCompile(`<mark>([^<]*)</mark>`).FindAllStringSubmatch(out, -1) {
			if m[1] == "" || strings.ReplaceAll(m[1], "大熊猫", "") != "" { // adjacent matches share a mark
				t.Errorf("body %d: mark around %q, want whole 大熊猫s: %s", i, m[1], out)
			}
		}
	}
}

// A match is marked wherever the chain of package fold finds it:
// invisible characters inside it, or accents composed differently.
func TestMarksWhatTheChainFolds(t *testing.T) {
	tests := []struct{ text, needle, want string }{
		{"人工\u00ad智能", "人工智能", "<mark>人工\u00ad智能</mark>"},
		{"人工\u200b智能", "人工智能", "<mark>人工\u200b智能</mark>"},
		{"\ufeff人工智能", "人工智能", "\ufeff<mark>人工智能</mark>"},
		{"Cafe\u0301 开业", "café", "<mark>Cafe\u0301</mark> 开业"},
		{"a\x00b", "a b", "<mark>a\x00b</mark>"},
	}
	for _, tt := range tests {
		if got := Title(tt.text, Plain(tt.needle)); got != tt.want {
			t.Errorf("Title(%q, %q) = %q, want %q", tt.text, tt.needle, got, tt.want)
		}
	}
}
