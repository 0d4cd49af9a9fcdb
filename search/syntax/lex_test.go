package syntax

import (
	"slices"
	"testing"
)

func word(pos int, val string) Token { return Token{Kind: Word, Pos: pos, Val: val} }
func excl(pos int) Token             { return Token{Kind: Exclude, Pos: pos, Val: "-"} }
func phrase(pos int, val string, open, close rune) Token {
	return Token{Kind: Phrase, Pos: pos, Val: val, Open: open, Close: close}
}

var lexTests = []struct {
	name  string
	input string
	want  []Token
}{
	{"empty", "", nil},
	{"spaces", " \t\u3000\n ", nil},
	{"word", "人工智能", []Token{word(0, "人工智能")}},
	{"words", "人工智能  芯片", []Token{word(0, "人工智能"), word(14, "芯片")}},
	{"ideographic space", "人工智能\u3000芯片", []Token{word(0, "人工智能"), word(15, "芯片")}},
	{"phrase", `"乡村 振兴"`, []Token{phrase(0, `"乡村 振兴"`, '"', '"')}},
	{"chinese quotes", "“两会”「新闻」『联播』＂北京＂", []Token{
		phrase(0, "“两会”", '“', '”'),
		phrase(12, "「新闻」", '「', '」'),
		phrase(24, "『联播』", '『', '』'),
		phrase(36, "＂北京＂", '＂', '＂'),
	}},
	{"mismatched quotes", "“两会“ x", []Token{phrase(0, "“两会“ x", '“', 0)}},
	{"unclosed quote", `"大模型 芯片`, []Token{phrase(0, `"大模型 芯片`, '"', 0)}},
	{"quote alone", `"`, []Token{phrase(0, `"`, '"', 0)}},
	{"empty phrase", `""`, []Token{phrase(0, `""`, '"', '"')}},
	{"phrase then word", `"a"b`, []Token{phrase(0, `"a"`, '"', '"'), word(3, "b")}},
	{"quote inside word", `a"b c"`, []Token{word(0, `a"b`), word(4, `c"`)}},
	{"exclude word", "-广告", []Token{excl(0), word(1, "广告")}},
	{"exclude phrase", `-"假 新闻"`, []Token{excl(0), phrase(1, `"假 新闻"`, '"', '"')}},
	{"exclude unclosed", `-"`, []Token{excl(0), phrase(1, `"`, '"', 0)}},
	{"dash then space", "- a", []Token{word(0, "-"), word(2, "a")}},
	{"dash at end", "a -", []Token{word(0, "a"), word(2, "-")}},
	{"double dash", "--x", []Token{excl(0), word(1, "-x")}},
	{"dash inside word", "COVID-19", []Token{word(0, "COVID-19")}},
	{"dash inside phrase", `"-a"`, []Token{phrase(0, `"-a"`, '"', '"')}},
	{"invalid utf-8", "a\xffb \xff", []Token{word(0, "a\uFFFDb"), word(6, "\uFFFD")}},
}

func TestLex(t *testing.T) {
	for _, tt := range lexTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Lex(tt.input); !slices.Equal(got, tt.want) {
				t.Errorf("Lex(%q)\n got %v\nwant %v", tt.input, got, tt.want)
			}
		})
	}
}

func TestTokenText(t *testing.T) {
	tests := []struct {
		input, want string
	}{
		{"人工智能", "人工智能"},
		{"-", "-"},
		{`"乡村 振兴"`, "乡村 振兴"},
		{"「新闻」", "新闻"},
		{"“大模型", "大模型"},
		{`""`, ""},
	}
	for _, tt := range tests {
		toks := Lex(tt.input)
		if len(toks) != 1 {
			t.Fatalf("Lex(%q) = %v, want one token", tt.input, toks)
		}
		if got := toks[0].Text(); got != tt.want {
			t.Errorf("Lex(%q)[0].Text() = %q, want %q", tt.input, got, tt.want)
		}
	}
}
