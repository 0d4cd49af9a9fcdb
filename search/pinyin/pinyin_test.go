package pinyin

import (
	"slices"
	"strings"
	"testing"
)

func TestReadings(t *testing.T) {
	tests := []struct {
		name, word, want string
	}{
		{"plain", "乡村振兴", "xiang cun zhen xing"},
		{"bank is hang, not xing", "银行", "yin hang"},
		{"chongqing, not zhongqing", "重庆", "chong qing"},
		{"chengdu, not chengdou", "成都", "cheng du"},
		{"kuaiji, not huiji", "会计", "kuai ji"},
		{"phrase inside a word", "中国银行", "zhong guo yin hang"},
		{"phrase at the end", "重庆市", "chong qing shi"},
		{"walk stays xing", "步行", "bu xing"},
		{"meeting stays hui", "会议", "hui yi"},
		{"heavy stays zhong", "重要", "zhong yao"},
		{"u umlaut as v", "女性", "nv xing"},
		{"lv", "绿色", "lv se"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Readings(tt.word)
			if !ok || strings.Join(got, " ") != tt.want {
				t.Errorf("Readings(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
			}
		})
	}
}

func TestReadingsRefuses(t *testing.T) {
	for _, w := range []string{"", "AI", "5G", "中国A", "。"} {
		if got, ok := Readings(w); ok {
			t.Errorf("Readings(%q) = %q, true; want false", w, got)
		}
	}
}

func TestInitials(t *testing.T) {
	if got := Initials([]string{"xiang", "cun", "zhen", "xing"}); got != "xczx" {
		t.Errorf("Initials = %q, want xczx", got)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Token
		ok       bool
	}{
		{"full", "xiangcunzhenxing", []Token{{Latin: "xiangcunzhenxing"}}, true},
		{"spaced", "xiang cun  zhen xing", []Token{{Latin: "xiang"}, {Latin: "cun"}, {Latin: "zhen"}, {Latin: "xing"}}, true},
		{"apostrophe", "xi'an", []Token{{Latin: "xi"}, {Latin: "an"}}, true},
		{"upper case folds", "XiAn", []Token{{Latin: "xian"}}, true},
		{"mixed", "xiang村", []Token{{Latin: "xiang"}, {Han: '村'}}, true},
		{"hanzi first", "乡cun", []Token{{Han: '乡'}, {Latin: "cun"}}, true},
		{"hanzi only", "乡村", nil, false},
		{"digit", "5G", nil, false},
		{"dot", "PM2.5", nil, false},
		{"empty", "", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, ok := Parse(tt.in)
			if ok != tt.ok || (ok && !slices.Equal(in.Tokens, tt.want)) {
				t.Errorf("Parse(%q) = %v, %v; want %v, %v", tt.in, in.Tokens, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSyllables(t *testing.T) {
	tests := []struct {
		name, in string
		partial  bool
		want     string // "" for no split
	}{
		{"full", "xiangcunzhenxing", false, "xiang cun zhen xing"},
		{"spaced", "xiang cun zhen xing", false, "xiang cun zhen xing"},
		{"longest first", "xian", false, "xian"},
		{"back off to split", "fangan", false, "fang an"},
		{"zh ch sh", "zhongguochengshi", false, "zhong guo cheng shi"},
		{"v for u umlaut", "nvxing", false, "nv xing"},
		{"unfinished, partial", "xiangc", true, "xiang c"},
		{"unfinished, whole", "xiangc", false, ""},
		{"initials", "xczx", true, ""},
		{"not after an interjection", "nba", true, ""},
		{"English", "iphone", true, ""},
		{"acronym", "gdp", true, ""},
		{"mixed", "xiang村", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, _ := Parse(tt.in)
			got, ok := in.Syllables(tt.partial)
			if (tt.want == "") == ok || strings.Join(got, " ") != tt.want {
				t.Errorf("Syllables(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name, in, word string
		ok, exact      bool
	}{
		{"full", "xiangcunzhenxing", "乡村振兴", true, true},
		{"spaced", "xiang cun zhen xing", "乡村振兴", true, true},
		{"prefix", "xiangcun", "乡村振兴", true, false},
		{"inside a syllable", "xiangcunzh", "乡村振兴", true, false},
		{"mixed", "xiang村", "乡村振兴", true, false},
		{"mixed whole", "xiang村zhenxing", "乡村振兴", true, true},
		{"hanzi first", "乡cun", "乡村", true, true},
		{"wrong hanzi", "xiang寸", "乡村振兴", false, false},
		{"space inside a syllable", "xian g", "乡村", false, false},
		{"spaces split syllables", "xi an", "西安", true, true},
		{"spaces split syllables, not one", "xi an", "现在", false, false},
		{"bank", "yinhang", "银行", true, true},
		{"not yinxing", "yinxing", "银行", false, false},
		{"not chengdou", "chengdou", "成都", false, false},
		{"not huiji", "huiji", "会计", false, false},
		{"too long", "xiangcunzhenxingjihua", "乡村振兴", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, _ := Parse(tt.in)
			syl, _ := Readings(tt.word)
			ok, exact := in.Match([]rune(tt.word), syl)
			if ok != tt.ok || exact != tt.exact {
				t.Errorf("Match(%q, %s) = %v, %v; want %v, %v", tt.in, tt.word, ok, exact, tt.ok, tt.exact)
			}
		})
	}
}

func TestInitialsInput(t *testing.T) {
	tests := []struct {
		in, word  string
		ok, exact bool
	}{
		{"xczx", "乡村振兴", true, true},
		{"xcz", "乡村振兴", true, false},
		{"zgyh", "中国银行", true, true},
		{"xczy", "乡村振兴", false, false},
	}
	for _, tt := range tests {
		in, _ := Parse(tt.in)
		ini, isIni := in.Initials()
		syl, _ := Readings(tt.word)
		ok, exact := MatchInitials(ini, syl)
		if !isIni || ok != tt.ok || exact != tt.exact {
			t.Errorf("initials %q of %s = %v, %v, %v; want true, %v, %v", tt.in, tt.word, isIni, ok, exact, tt.ok, tt.exact)
		}
	}
	for _, s := range []string{"xiang", "xiang cun", "xiang村"} {
		in, _ := Parse(s)
		if _, ok := in.Initials(); ok {
			t.Errorf("%q read as initials", s)
		}
	}
}
