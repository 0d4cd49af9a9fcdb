package cluster

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/internal/testcorpus"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// refSign is Sign written plainly, every step on its own (regular
// expressions over the whole text, a set of shingles): band keys stored
// in existing generations were computed this way, so the fast Sign must
// give the very same signature, or an incremental run would miss their
// copies.
func refSign(title, body string) Signature {
	text := refWords(refStrip(fold.String(body)))
	if utf8.RuneCountInString(text) < minBody {
		text = refWords(fold.String(title)) + text
	}
	ns := regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`).FindAllString(text, -1)
	slices.Sort(ns)
	sig := Signature{Numbers: slices.Compact(ns)}
	for i := range sig.Min {
		sig.Min[i] = math.MaxUint32
	}
	rs := []rune(text)
	if len(rs) == 0 {
		sig.Empty = true
		return sig
	}
	n := min(Shingle, len(rs))
	seen := map[uint64]bool{}
	for i := 0; i+n <= len(rs); i++ {
		seen[fnv([]byte(string(rs[i:i+n])))] = true
	}
	for h := range seen {
		z := splitmix(h)
		for i := range sig.Min {
			if v := uint32((z*funcs[i].a + funcs[i].b) >> 32); v < sig.Min[i] {
				sig.Min[i] = v
			}
		}
	}
	return sig
}

// refKeys are the band keys as generations store them.
func refKeys(s *Signature) []string {
	if s.Empty {
		return nil
	}
	var keys []string
	for b := range Bands {
		var buf []byte
		for _, m := range s.Min[b*Rows : (b+1)*Rows] {
			buf = binary.BigEndian.AppendUint32(buf, m)
		}
		keys = append(keys, fmt.Sprintf("%d:%s", b, strconv.FormatUint(fnv(buf), 36)))
	}
	return keys
}

func refStrip(body string) string {
	body = strings.TrimSpace(body)
	for range 2 {
		body = strings.TrimSpace(editor.ReplaceAllString(body, ""))
	}
	return dateline.ReplaceAllString(body, "")
}

func refWords(s string) string {
	var b strings.Builder
	for _, r := range s {
		if fold.IsWordRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// signCases are texts at the edges of each step: short bodies taken with
// their titles, numbers with points and at the title's seam, editor lines
// after long runs of spaces, wide digits and Traditional script.
var signCases = [][2]string{
	{"", ""},
	{"标题", ""},
	{"", "一"},
	{"", "一二三"},
	{"短标题2024", "12年内3.5亿元，1.2.3版，.5和7.与8..9"},
	{"题", "据新华社北京3月5日电（记者 王明）正文十分简短。（责任编辑：张三）"},
	{"题", "正文" + strings.Repeat("很长", 80) + "。（" + strings.Repeat(" ", 300) + "编辑：李四）"},
	{"题", "正文" + strings.Repeat("很长", 80) + "。（编辑：" + strings.Repeat("字", 41) + "）"},
	{"题", "正文" + strings.Repeat("很长", 80) + "。（责任编辑：" + strings.Repeat("字", 40) + "）"},
	{"题", "据" + strings.Repeat("甲", 12) + "电视台" + strings.Repeat("乙", 10) + "电（" + strings.Repeat("丙", 40) + "）" + strings.Repeat("很长", 80)},
	{"题", "据新华社北京3月5日电 \n （" + strings.Repeat("记者", 20) + "） " + strings.Repeat("很长", 80)},
	{"题", "正文" + strings.Repeat("很长", 80) + "。(来源:人民网) \n（责任编辑：张三）  "},
	{"題", "據新華社華盛頓3月5日電 國務院總理李強主持召開國務院常務會議，ＡＢＣ１２３。"},
	{"x", "央视网消息（新闻联播）：" + strings.Repeat("今年第１期", 30)},
}

func TestSignMatchesReference(t *testing.T) {
	check := func(title, body string) {
		t.Helper()
		if got, want := Sign(title, body), refSign(title, body); !equalSig(&got, &want) {
			t.Fatalf("Sign(%.20q, %.40q):\n got %v %v %v\nwant %v %v %v", title, body,
				got.Empty, got.Numbers, got.Min[:4], want.Empty, want.Numbers, want.Min[:4])
		}
		if got, want := Sign(title, body), refSign(title, body); !slices.Equal(got.Keys(), refKeys(&want)) {
			t.Fatalf("Sign(%.20q, %.40q).Keys() = %.3q, want %.3q", title, body, got.Keys(), refKeys(&want))
		}
		if got, want := Strip(body), refStrip(body); got != want {
			t.Fatalf("Strip(%.40q) = %.40q, want %.40q", body, got, want)
		}
	}
	for _, c := range signCases {
		check(c[0], c[1])
	}
	if testing.Short() {
		return
	}
	for _, a := range corpusArticles(t, 2000) {
		check(a.Title, a.Body)
	}
}

func equalSig(a, b *Signature) bool {
	return a.Min == b.Min && a.Empty == b.Empty && slices.Equal(a.Numbers, b.Numbers)
}

// BenchmarkSign signs 1,000 corpus articles; one op is all of them.
func BenchmarkSign(b *testing.B) {
	docs := corpusArticles(b, 1000)
	for b.Loop() {
		for _, a := range docs {
			Sign(a.Title, a.Body)
		}
	}
}

// BenchmarkAssign signs and clusters 5,000 corpus articles, as the gate
// of a rebuild does; one op is all of them.
func BenchmarkAssign(b *testing.B) {
	docs := corpusArticles(b, 5000)
	for b.Loop() {
		x := NewIndex(zone)
		for i, a := range docs {
			x.Add(NewItem(a.ID, day(1+i/200), a.Title, a.Body))
		}
	}
}

type corpusArticle struct{ ID, Title, Body string }

// corpusArticles reads the first n articles of the shared xwlb corpus,
// skipping tb when it is absent.
func corpusArticles(tb testing.TB, n int) []corpusArticle {
	tb.Helper()
	f, err := os.Open(testcorpus.Path(tb, "xwlb.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var out []corpusArticle
	for sc.Scan() && len(out) < n {
		var a corpusArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
