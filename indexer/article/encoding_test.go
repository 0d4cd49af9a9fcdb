package article

import (
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbk encodes s as GB18030, which writes GBK's characters as GBK does.
func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            error
	}{
		{"utf-8", "新闻", "新闻", nil},
		{"utf-8 bom", "\uFEFF新闻", "新闻", nil},
		{"gbk", gbk(t, "体育新闻：主队二比一获胜"), "体育新闻：主队二比一获胜", nil},
		{"gbk ascii mix", gbk(t, "NBA 今日赛程 2012"), "NBA 今日赛程 2012", nil},
		// A stray '?' replaced the lead byte of "刘": the orphan trail byte
		// would otherwise pair with the next character and garble the run.
		{"gbk lost lead byte", gbk(t, "三个方面。") + "?" + gbk(t, "刘")[1:] + gbk(t, "记者说：打击犯罪"), "三个方面。记者说：打击犯罪", nil},
		// A stray '?' replaced the trail byte of "包".
		{"gbk lost trail byte", gbk(t, "破案") + gbk(t, "包")[:1] + "?" + gbk(t, "括涉黑团伙"), "破案括涉黑团伙", nil},
		{"gbk genuine question mark", gbk(t, "为什么?因为下雨"), "为什么?因为下雨", nil},
		{"binary", strings.Repeat("\xff\xfe\x80", 10), "", ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeText([]byte(tt.in))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if got != tt.want {
				t.Errorf("DecodeText = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDecodeTextStrayQuestionMark breaks one byte of a character into '?'
// as in the SogouCA dump, where the lost byte is most often the lead of a
// paragraph mark whose trail byte is 0xA3, the lead byte of full-width
// forms: read in step after the orphan 0xA3, the text must not read as
// full-width letters and rare hanzi.
func TestDecodeTextStrayQuestionMark(t *testing.T) {
	lostLead := func(s string) string { return "?" + gbk(t, s)[1:] }
	lostTrail := func(s string) string { return gbk(t, s)[:1] + "?" }
	tests := []decodeCase{
		{"lost lead before hanzi", gbk(t, "发自成都。") + lostLead("。") + gbk(t, "未经批准非法占地７６４亩"),
			"发自成都。未经批准非法占地７６４亩"},
		{"lost lead then lost trail", gbk(t, "发自成都。") + lostLead("。") + gbk(t, "未") + lostTrail("经") + gbk(t, "批准非法占地"),
			"发自成都。未批准非法占地"},
		{"lost lead before phrase", gbk(t, "付出了代价。") + lostLead("。") + gbk(t, "值得一提的是，昨日，") + "2012" + gbk(t, "年联赛"),
			"付出了代价。值得一提的是，昨日，2012年联赛"},
		{"lost lead before full-width digits", gbk(t, "发生泄漏。") + lostLead("。") + gbk(t, "１８时３５分") + lostTrail("，") + gbk(t, "消防官兵被分成两组"),
			"发生泄漏。１８时３５分消防官兵被分成两组"},
		{"lost lead before full-width letter", gbk(t, "以下简称腾翔实业。") + lostLead("　") + gbk(t, "ＵＰＳ快递公司将枪支从纽约寄出"),
			"以下简称腾翔实业。ＵＰＳ快递公司将枪支从纽约寄出"},
		{"lost trail after full-width digits", gbk(t, "２０１２年") + lostTrail("６") + gbk(t, "月１２日上午，公安机关统一销毁"),
			"２０１２年月１２日上午，公安机关统一销毁"},
		{"lost lead before place name", gbk(t, "维护购房者利益。") + lostLead("。") + gbk(t, "沙坪坝") + lostTrail("区") + gbk(t, "国土资源管理分局负责人"),
			"维护购房者利益。沙坪坝国土资源管理分局负责人"},
		{"genuine question mark", gbk(t, "为什么?因为下雨"), "为什么?因为下雨"},
		{"genuine question mark before one hanzi", gbk(t, "是吗?好"), "是吗?好"},
		{"genuine question mark before full-width digits", gbk(t, "问题?２０１２年再说"), "问题?２０１２年再说"},
		{"genuine question mark in ascii", gbk(t, "网址 http://a.cn/?q=1 新闻"), "网址 http://a.cn/?q=1 新闻"},
	}
	wantDecoded(t, tests)
}

type decodeCase struct{ name, in, want string }

// wantDecoded checks that each case decodes, to its want.
func wantDecoded(t *testing.T, tests []decodeCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeText([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("DecodeText = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDecodeTextStrayByteInUTF8 keeps UTF-8 with a stray invalid byte
// UTF-8 instead of reading all of it as GB18030 mojibake (it’s → it鈥檚).
func TestDecodeTextStrayByteInUTF8(t *testing.T) {
	post, err := os.ReadFile("testdata/hexo/english.md")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(post), "it’s", "it’s\xff", 1)
	tests := []decodeCase{
		{"hexo post", broken, strings.Replace(string(post), "it’s", "it’s\uFFFD", 1)},
		{"one rune and one stray byte", "this year’s\xff news", "this year’s\uFFFD news"},
		{"latin-1 byte", "café\xe9 au lait — 新媒体", "café\uFFFD au lait — 新媒体"},
		{"bom", "\uFEFF新媒体\xff", "新媒体\uFFFD"},
	}
	wantDecoded(t, tests)
	a, _, err := ParseHexo(strings.NewReader(broken), "english.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(a.Categories, "|") != "新媒体|Example Foundation|推荐" || !strings.Contains(a.Body, "it’s\uFFFD overdue") {
		t.Errorf("categories %q, body %q", a.Categories, a.Body)
	}
}

// TestDecodeTextGBKStaysGBK checks that GBK text with a few byte pairs that
// happen to be well-formed UTF-8 is still read as GB18030.
func TestDecodeTextGBKStaysGBK(t *testing.T) {
	for _, s := range []string{"习近平同南非总统通电话", "2022 我们的打开方式", "中", "新闻联播", "体育新闻：主队二比一获胜"} {
		if got, err := DecodeText([]byte(gbk(t, s))); err != nil || got != s {
			t.Errorf("DecodeText(gb18030 %q) = %q, %v", s, got, err)
		}
	}
}
