package article

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
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
