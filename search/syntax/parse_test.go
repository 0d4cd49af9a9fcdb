package syntax

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
)

var parseTests = []struct {
	name  string
	input string
	want  Query
}{
	{"empty", "", Query{}},
	{"spaces", " \u3000 ", Query{}},
	{"words", "人工智能 芯片", Query{Words: []string{"人工智能", "芯片"}}},
	{"ideographic space", "人工智能\u3000芯片\u3000-广告", Query{Words: []string{"人工智能", "芯片"}, Excludes: []string{"广告"}}},
	{"phrase trimmed", `" 乡村 振兴 "`, Query{Phrases: []string{"乡村 振兴"}}},
	{"chinese quotes", "「新闻联播」 『两会』 ＂北京＂", Query{Phrases: []string{"新闻联播", "两会", "北京"}}},
	{"unclosed quote runs to the end", "“人工智能 大模型", Query{Phrases: []string{"人工智能 大模型"}}},
	{"phrase and exclusions", `"乡村 振兴" -广告 -"假 新闻"`, Query{Phrases: []string{"乡村 振兴"}, Excludes: []string{"广告", "假 新闻"}}},
	{"order kept by role", `b "p" a -x c`, Query{Words: []string{"b", "a", "c"}, Phrases: []string{"p"}, Excludes: []string{"x"}}},
	{"dash then space is a character", "a - b", Query{Words: []string{"a", "b"}}},
	{"dash at end", "a -", Query{Words: []string{"a"}}},
	{"double dash excludes the rest", "--x", Query{Excludes: []string{"-x"}}},
	{"dash inside word", "COVID-19", Query{Words: []string{"COVID-19"}}},
	{"only punctuation", `-- " ” ！？。 - -`, Query{}},
	{"empty phrase", `"" -""`, Query{}},
	{"punctuation kept inside a word", "发展，好", Query{Words: []string{"发展，好"}}},
	{"numbers are word runes", "〇 ①", Query{Words: []string{"〇", "①"}}},
	{"invisible only", "\u200b \u00ad", Query{}},
	{"invalid utf-8", "a\xffb \xff", Query{Words: []string{"a\uFFFDb"}}},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Parse(tt.input); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.input, got, tt.want)
			}
		})
	}
}

// Terms past xinwen.MaxTerms are cut and flagged, whatever their role; a
// query of exactly MaxTerms, or one whose extra terms are dropped anyway,
// is not truncated.
func TestParseMaxTerms(t *testing.T) {
	terms := func(n int, f string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, f+" ", i)
		}
		return b.String()
	}
	tests := []struct {
		name      string
		input     string
		len       int
		truncated bool
	}{
		{"at the limit", terms(xinwen.MaxTerms, "w%d"), xinwen.MaxTerms, false},
		{"one over", terms(xinwen.MaxTerms+1, "w%d"), xinwen.MaxTerms, true},
		{"over in phrases", terms(xinwen.MaxTerms+8, `"p%d"`), xinwen.MaxTerms, true},
		{"over in exclusions", terms(xinwen.MaxTerms, "w%d") + "-x", xinwen.MaxTerms, true},
		{"extra terms dropped", terms(xinwen.MaxTerms, "w%d") + `- "" ，。`, xinwen.MaxTerms, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Parse(tt.input)
			if p.Len() != tt.len || p.Truncated != tt.truncated {
				t.Errorf("Parse: %d terms, truncated %v; want %d, %v", p.Len(), p.Truncated, tt.len, tt.truncated)
			}
		})
	}
}
