package eval

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
)

// inventedDocs are written for these tests; nothing here comes from the
// research corpus.
func inventedDocs() []Doc {
	arts := []xinwen.Article{
		{ID: "a", Title: "中国经济发展很快", Body: "人民币汇率保持稳定。今年5G网络覆盖所有县城，ＡＩ应用越来越多。"},
		{ID: "b", Title: "中华人民共和国成立纪念日", Body: "全国各地举行活动。2025年国庆假期旅客出行人次创新高。"},
		{ID: "c", Title: "新能源汽车销量增长", Body: "一季度新能源汽车销量同比增长，SUV车型受欢迎。充电设施建设加快推进。"},
	}
	docs := make([]Doc, len(arts))
	for i, a := range arts {
		docs[i] = newDoc(a)
	}
	return docs
}

func TestSampleProbes(t *testing.T) {
	docs := inventedDocs()
	probes := SampleProbes(docs, 24, rand.New(rand.NewPCG(7, 7)))
	again := SampleProbes(docs, 24, rand.New(rand.NewPCG(7, 7)))
	if !slices.Equal(probes, again) {
		t.Error("the same seed gave different probes")
	}
	var perKind [numKinds]int
	seen := map[string]bool{}
	for _, p := range probes {
		perKind[p.Kind]++
		n := utf8.RuneCountInString(p.Text)
		if n < minProbeRunes || n > maxProbeRunes || seen[p.Text] {
			t.Errorf("%q (%s): %d characters or repeated", p.Text, p.Kind, n)
		}
		seen[p.Text] = true
		found := false
		for i := range docs {
			found = found || docs[i].Contains(p.Text)
		}
		if !found || strings.ContainsFunc(p.Text, func(r rune) bool { return !isProbeRune(r) }) {
			t.Errorf("%q (%s): not found, or not only letters and digits", p.Text, p.Kind)
		}
		checkKind(t, p)
	}
	for k, n := range perKind {
		if n == 0 {
			t.Errorf("no probe of kind %s in %v", Kind(k), probes)
		}
	}
}

func checkKind(t *testing.T, p Probe) {
	t.Helper()
	rs := []rune(p.Text)
	switch p.Kind {
	case KindHan, KindBoundary, KindInside:
		if !allHan(rs) {
			t.Errorf("%q (%s) is not all Han", p.Text, p.Kind)
		}
	case KindMixed:
		if !strings.ContainsFunc(p.Text, isASCIIAlnum) || !strings.ContainsFunc(p.Text, isHan) {
			t.Errorf("%q (%s) lacks ASCII or Han", p.Text, p.Kind)
		}
	}
	if p.Kind == KindInside && len(rs) > maxInside {
		t.Errorf("%q (%s) is longer than %d", p.Text, p.Kind, maxInside)
	}
}

// cutMany runs a cutter over text with many seeds and returns what it cut.
func cutMany(text string, cut func([]rune, *rand.Rand) (string, bool)) []string {
	var out []string
	for seed := range uint64(200) {
		if s, ok := cut([]rune(text), rand.New(rand.NewPCG(seed, 1))); ok {
			out = append(out, s)
		}
	}
	return out
}

func TestCutInside(t *testing.T) {
	for _, s := range cutMany("人民币汇率", cutInside) { // 人民币 | 汇率
		if s != "人民" && s != "民币" {
			t.Errorf("cutInside(人民币汇率) = %q, want 人民 or 民币", s)
		}
	}
	got := cutMany("中华人民共和国", cutInside)
	if len(got) == 0 {
		t.Fatal("cutInside(中华人民共和国) cut nothing")
	}
	for _, s := range got {
		if n := utf8.RuneCountInString(s); n < 2 || n > 3 || !strings.Contains("中华人民共和国", s) {
			t.Errorf("cutInside(中华人民共和国) = %q", s)
		}
	}
}

func TestCutBoundary(t *testing.T) {
	const text = "中国经济发展很快"
	rs := []rune(text)
	bounds := map[int]bool{}
	for _, w := range words(rs, 0, len(rs)) {
		bounds[w.start], bounds[w.end] = true, true
	}
	got := cutMany(text, cutBoundary)
	if len(got) == 0 {
		t.Fatal("cutBoundary cut nothing")
	}
	for _, s := range got {
		start := utf8.RuneCountInString(text[:strings.Index(text, s)])
		end := start + utf8.RuneCountInString(s)
		crosses := false
		for b := start + 1; b < end; b++ {
			crosses = crosses || bounds[b]
		}
		if !crosses || bounds[start] && bounds[end] {
			t.Errorf("cutBoundary(%s) = %q: crosses no boundary, or is whole words (boundaries %v)", text, s, bounds)
		}
	}
}

func TestCutMixed(t *testing.T) {
	for _, s := range cutMany("今年5g网络覆盖", cutMixed) {
		if !strings.ContainsAny(s, "5g") || !strings.ContainsFunc(s, isHan) || !strings.Contains("今年5g网络覆盖", s) {
			t.Errorf("cutMixed = %q", s)
		}
	}
	if got := cutMany("没有拉丁字母", cutMixed); len(got) > 0 {
		t.Errorf("cutMixed on pure Han = %q", got)
	}
}
