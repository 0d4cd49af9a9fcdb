package search

import (
	"context"
	"slices"
	"testing"

	"github.com/xinwen-search/xinwen"
)

// pinyinFixtures are news titles as they come: the Hanzi words pinyin
// should find, and one article for each Latin term, so that every Latin
// query has few literal hits and only its form keeps it from being read
// as pinyin.
var pinyinFixtures = []fixture{
	{id: "p1", title: "乡村振兴战略规划发布", body: "全面推进乡村振兴。"},
	{id: "p2", title: "乡村振兴这五年", body: "乡村振兴取得新进展。"},
	{id: "p3", title: "乡村旅游持续升温", body: "乡村旅游。"},
	{id: "p4", title: "中国银行发布报告", body: "银行业稳健运行。"},
	{id: "p5", title: "银行业绩增长", body: "多家银行。"},
	{id: "p6", title: "重庆成都双城经济圈", body: "重庆和成都。"},
	{id: "p7", title: "注册会计师考试", body: "会计师事务所。"},
	{id: "p8", title: "会计人员培训", body: "会计。"},
	{id: "p11", title: "成都至重庆高铁开通", body: "成都。"},
	{id: "p9", title: "经典诵读大赛", body: "中华经典。"},
	{id: "p10", title: "经典老歌", body: "经典。"},
	{id: "l1", title: "AI 赋能千行百业", body: "AI 大模型。"},
	{id: "l2", title: "一季度GDP同比增长5%", body: "GDP 增长。"},
	{id: "l3", title: "5G基站超过300万个", body: "5G 网络。"},
	{id: "l4", title: "iPhone 销量下滑", body: "苹果 iPhone。"},
	{id: "l5", title: "NBA 中国赛重启", body: "NBA 球队。"},
	{id: "l6", title: "中国加入WTO二十年", body: "WTO 规则。"},
	{id: "l7", title: "APEC 领导人非正式会议", body: "APEC 会议。"},
	{id: "l8", title: "C919 商业首飞", body: "国产大飞机 C919。"},
	{id: "l9", title: "CPI 同比上涨", body: "CPI 数据。"},
	{id: "l10", title: "PM2.5 浓度下降", body: "PM2.5 平均浓度。"},
}

func TestRewritePinyin(t *testing.T) {
	ix := openFixtures(t, pinyinFixtures)
	tests := []struct{ query, want string }{
		{"xiangcunzhenxing", "乡村振兴"},
		{"xiang cun zhen xing", "乡村振兴"},
		{"Xiangcunzhenxing", "乡村振兴"},
		{"yinhang", "银行"},
		{"chongqing", "重庆"},
		{"chengdu", "成都"},
		{"kuaiji", "会计"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, err := ix.Search(context.Background(), xinwen.SearchRequest{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			want := &xinwen.Rewrite{From: tt.query, To: tt.want}
			if res.Rewritten == nil || *res.Rewritten != *want || res.Total < 2 {
				t.Errorf("Search(%q) = %d hits, rewritten %+v; want hits for %s", tt.query, res.Total, res.Rewritten, tt.want)
			}
		})
	}
}

func TestRewriteNever(t *testing.T) {
	ix := openFixtures(t, pinyinFixtures)
	queries := []string{
		"AI", "GDP", "5G", "iPhone", "NBA", "WTO", "APEC", "C919", "CPI", "PM2.5",
		"ai", "gdp", "iphone", "nba", "wto", "apec", "cpi",
		"yinxing", "chengdou", "huiji", // the polyphones' wrong readings
		"xiangcun振兴", // Hanzi in a query: never by sound
		"\"xiangcunzhenxing\"",
	}
	for _, q := range queries {
		res, err := ix.Search(context.Background(), xinwen.SearchRequest{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if res.Rewritten != nil {
			t.Errorf("Search(%q) rewritten to %q", q, res.Rewritten.To)
		}
	}
}

func TestRewriteOff(t *testing.T) {
	ix := openFixtures(t, pinyinFixtures)
	res, err := ix.Search(context.Background(), xinwen.SearchRequest{Query: "xiangcunzhenxing", NoRewrite: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rewritten != nil || res.Total != 0 {
		t.Errorf("NoRewrite: %d hits, rewritten %+v; want the query as typed", res.Total, res.Rewritten)
	}
}

// A Hanzi query never matches by sound: 景点 (jingdian) does not find 经典.
func TestHanziNotBySound(t *testing.T) {
	ix := openFixtures(t, pinyinFixtures)
	res, err := ix.Search(context.Background(), xinwen.SearchRequest{Query: "景点"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 || res.Rewritten != nil {
		t.Errorf("Search(景点) = %d hits, rewritten %+v; want none", res.Total, res.Rewritten)
	}
}

func TestSuggestPinyin(t *testing.T) {
	ix := openFixtures(t, pinyinFixtures)
	tests := []struct{ prefix, want string }{
		{"xiangcunzhenxing", "乡村振兴"},
		{"xiang cun zhen xing", "乡村振兴"},
		{"xczx", "乡村振兴"},
		{"xiang村zhen", "乡村振兴"},
		{"乡cun", "乡村"},
		{"xiangcun", "乡村"}, // whole before longer words
		{"yinhang", "银行"},
		{"chongqing", "重庆"},
		{"chengdu", "成都"},
		{"kuaiji", "会计"},
		{"发布 xiangcun", "发布 乡村"},
	}
	for _, tt := range tests {
		got, err := ix.Suggest(context.Background(), tt.prefix, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("Suggest(%q) = %v, want %s first", tt.prefix, got, tt.want)
		}
	}
	for _, prefix := range []string{"yinxing", "chengdou", "huiji"} {
		got, _ := ix.Suggest(context.Background(), prefix, 5)
		if slices.ContainsFunc(got, func(s string) bool { return s == "银行" || s == "成都" || s == "会计" }) {
			t.Errorf("Suggest(%q) = %v: a polyphone read character by character", prefix, got)
		}
	}
}
