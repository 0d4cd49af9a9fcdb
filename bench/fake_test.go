package bench

import (
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
)

// fakeChars make the two-character words of the test corpora: made-up
// text, never the research corpus.
const fakeChars = "山水田林湖草江河海天风云雨雪春夏秋冬东西南北"

// fakeCorpus makes n articles of two-character words picked with a skew,
// so that a few words are common and most are rare, like real titles.
func fakeCorpus(n int, seed uint64) []Doc {
	rng := rand.New(rand.NewPCG(seed, 1))
	chars := []rune(fakeChars)
	word := func() string {
		i := int(float64(len(chars)*len(chars)) * pow3(rng.Float64()))
		return string([]rune{chars[i/len(chars)], chars[i%len(chars)]})
	}
	words := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteString(word())
		}
		return b.String()
	}
	start := time.Date(2022, 1, 1, 19, 0, 0, 0, time.FixedZone("CST", 8*3600))
	cats := [][]string{{"新闻"}, {"新闻", "国内"}, {"新闻", "国际"}}
	docs := make([]Doc, n)
	for i := range docs {
		var paras []string
		for range 2 + rng.IntN(4) {
			var p strings.Builder
			for range 2 + rng.IntN(4) {
				p.WriteString(words(5+rng.IntN(8)) + "。")
			}
			paras = append(paras, p.String())
		}
		docs[i] = Doc{
			ID: "fake-" + string(rune('a'+i%26)) + strings.Repeat("x", i/26), Title: words(3 + rng.IntN(5)),
			Body: strings.Join(paras, "\n"), Categories: cats[i%len(cats)], Date: start.AddDate(0, 0, i),
		}
	}
	return docs
}

func pow3(x float64) float64 { return x * x * x }

// fakeSegment cuts the Han characters of text into two-character words,
// which recovers the words fakeCorpus wrote.
func fakeSegment(text string) []string {
	var han []rune
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			han = append(han, r)
		}
	}
	var out []string
	for i := 0; i+1 < len(han); i += 2 {
		out = append(out, string(han[i:i+2]))
	}
	return out
}
