package words

import (
	"strings"
	"testing"
)

// placed is a first walk that saw each character in the places given:
// alone, first, inside, last of jieba's words.
func placed(places map[rune]place) *counter {
	c := newCounter(Options{})
	for r, p := range places {
		c.chars[r] = &p
	}
	return c
}

func TestMisshapen(t *testing.T) {
	c := placed(map[rune]place{
		'量': {alone: 10, inside: 20, last: 70},            // closes words: 产量, 数量
		'已': {alone: 80, first: 20},                       // an adverb on its own
		'乌': {alone: 10, first: 90},                       // opens 乌克兰
		'好': {alone: 30, last: 70},                        // a complement after verbs
		'新': {alone: 30, first: 50, last: 20},             // a prefix
		'罕': {alone: 1, inside: 9},                        // too rare to judge
		'的': {alone: 100},                                 // a particle
		'达': {alone: 40, first: 30, last: 30},             // a verb
		'代': {alone: 5, first: 45, last: 50},              // 时代, 代表
		'界': {inside: 10, last: 90},                       // 世界, 各界
		'号': {alone: 20, last: 80},                        // 一号, 型号
		'鹊': {alone: 0, first: 30},                        // 鹊桥
		'居': {alone: 10, first: 80, last: 10},             // 居民, 位居
		'五': {alone: 10, first: 30, inside: 20, last: 40}, // 五年, 十五
		'二': {alone: 30, first: 40, last: 30},             // 二号
		'十': {alone: 10, first: 70, inside: 20},           // 十年
		'经': {first: 90, inside: 10},                      // 经济
		'展': {inside: 10, last: 90},                       // 发展
	})
	known := map[string]bool{"经济": true, "发展": true, "时代": true, "世界": true, "鹊桥": true, "二号": true,
		"落实": true, "打击": true, "智能": true, "数据": true, "公布": true, "十五": true}
	occ := map[string]int{"新时代": 80, "时代": 100, "居世界": 3, "世界": 100, "鹊桥二号": 12, "鹊桥": 300, "二号": 400,
		"落实好": 50, "落实": 60, "具身智能": 30, "具身": 31, "智能": 900, "打击乌军": 30, "打击": 900, "乌军": 200}
	for _, tc := range []struct {
		name, word, pieces, why string // pieces split by /; why: a piece of the reason, "" for a word
	}{
		{"a prefix before a word it owns", "新时代", "新/时代", ""},
		{"two dictionary words", "经济发展", "经济/发展", "compound"},
		{"a series' craft", "鹊桥二号", "鹊桥/二号", ""},
		{"a numeral and a measure word", "二十届", "二十/届", "numeral"},
		{"numerals alone", "十五五", "十五/五", ""},
		{"starts where words close", "量达", "量/达", "starts inside words: 量"},
		{"starts where words close, before a word", "界人士", "界/人士", "starts inside words: 界"},
		{"starts with an adverb", "已超", "已超", "function character: 已"},
		{"ends where words open", "打击乌", "打击/乌", "ends where words begin: 乌"},
		{"ends with a complement", "落实好", "落实/好", "ends with a function character: 好"},
		{"a particle between words", "公布的数据", "公布/的/数据", "between dictionary words"},
		{"a phrase on a common word", "居世界", "居/世界", "phrase built on 世界"},
		{"a new word beside a common word", "具身智能", "具身/智能", ""},
		{"a known word beside a common word", "打击乌军", "打击/乌军", "phrase built on 打击"},
		{"rare characters never reject", "罕罕", "罕/罕", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			why := c.misshapen(tc.word, strings.Split(tc.pieces, "/"), func(s string) bool { return known[s] },
				func(s string) int { return occ[s] })
			if tc.why == "" && why != "" || tc.why != "" && !strings.Contains(why, tc.why) {
				t.Errorf("misshapen(%s) = %q, want %q", tc.word, why, tc.why)
			}
		})
	}
}

// A kept candidate joined to a dictionary word is dropped; joined to a
// string jieba does not know, it stays.
func TestPickDropsExtensions(t *testing.T) {
	known := func(s string) bool { return s == "打击" || s == "人员" }
	cs := []Candidate{{Word: "乌军", Count: 100}, {Word: "打击乌军", Count: 40}, {Word: "乌军人员", Count: 30}, {Word: "乌军阵地", Count: 20}}
	var got []string
	for _, c := range pick(cs, 10, known) {
		got = append(got, c.Word)
	}
	if strings.Join(got, " ") != "乌军 乌军阵地" {
		t.Errorf("pick = %v, want 乌军 乌军阵地", got)
	}
}

func TestSerialName(t *testing.T) {
	for w, want := range map[string]bool{"鹊桥二号": true, "神舟十八号": true, "二号": false, "信号": false, "十号楼": false} {
		if got := isSerialName(w); got != want {
			t.Errorf("isSerialName(%s) = %v", w, got)
		}
	}
}
