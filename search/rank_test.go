package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
)

// rankFixtures hold, for each known item, a target and a decoy: a longer
// article that repeats the words of the query, scattered, so BM25 alone
// puts it first.
var rankFixtures = []fixture{
	{id: "headline", title: "沿海港口一季度集装箱吞吐量同比增长百分之八",
		body: "交通运输部今天发布数据。"},
	{id: "headline-decoy", title: "港口观察：集装箱与吞吐量",
		body: strings.Repeat("沿海港口的集装箱吞吐量一季度有所变化，同比增长的港口不少，百分之八的码头扩建。", 6)},
	{id: "bundle", title: "国内联播快讯",
		body: "央视网消息（新闻联播）：\n高原铁路完成冬季设备检修恢复运行\n高原铁路部门近日完成冬季设备检修，列车运行恢复正常。\n" +
			"另一条新闻标题\n这是另一条新闻的正文。"},
	{id: "bundle-decoy", title: "铁路冬季运行观察",
		body: strings.Repeat("高原地区铁路冬季检修，设备完成升级后恢复运行，铁路部门表示运行平稳。", 6)},
}

func rankedAt(got []string, id string) int {
	for i, g := range got {
		if g == id {
			return i + 1
		}
	}
	return 0
}

// A pasted headline or sub-headline (more words than the Bleve query's
// as-typed bonus covers) finds the article holding it as typed first, and
// the decoy that repeats its words is still found.
func TestPastedTextRanksAsTypedFirst(t *testing.T) {
	docs := append([]fixture(nil), rankFixtures...)
	for i := range 20 {
		docs = append(docs, fixture{id: fmt.Sprint("other", i), title: "其他新闻标题", body: "今天天气晴朗，市民出行。"})
	}
	ix := openFixtures(t, docs)
	for _, tc := range []struct{ q, want, decoy string }{
		{"沿海港口一季度集装箱吞吐量同比增长百分之八", "headline", "headline-decoy"},
		{"高原铁路完成冬季设备检修恢复运行", "bundle", "bundle-decoy"},
	} {
		got := ids(search(t, ix, xinwen.SearchRequest{Query: tc.q}))
		if rankedAt(got, tc.want) != 1 || rankedAt(got, tc.decoy) == 0 {
			t.Errorf("%s: got %v, want %s first and %s found", tc.q, got, tc.want, tc.decoy)
		}
		// Paging through the window gives the same order.
		var paged []string
		for page := 1; page <= 2; page++ {
			paged = append(paged, ids(search(t, ix, xinwen.SearchRequest{Query: tc.q, Size: 1, Page: page}))...)
		}
		if len(got) >= 2 && (len(paged) != 2 || paged[0] != got[0] || paged[1] != got[1]) {
			t.Errorf("%s: pages of one %v, want %v", tc.q, paged, got[:2])
		}
	}
}

// shortPasteFixtures: a pasted sub-headline of few jieba words inside a
// long bundle, against a short article whose title holds its words apart;
// and a pasted pair of clauses, the first of which a decoy holds as typed
// too.
var shortPasteFixtures = []fixture{
	{id: "long-bundle", title: "国内联播快讯",
		body: "央视网消息（新闻联播）：\n强降雨影响我国多地\n" +
			strings.Repeat("近日，南方多个省份出现持续降雨，有关部门启动应急响应，转移安置受灾群众，抢修受损道路和电力设施。", 8) +
			"\n另一条新闻标题\n这是另一条新闻的正文。"},
	{id: "long-bundle-decoy", title: "强降雨持续影响北方多地",
		body: "强降雨持续影响北方多地，我国气象部门发布预警。"},
	{id: "pair-bundle", title: "国际联播快讯",
		body: "央视网消息（新闻联播）：\n俄称打击乌军用机场 乌称控制前线局势\n" +
			strings.Repeat("俄罗斯国防部说，俄军打击了乌克兰的军用机场。乌方称前线局势可控，部队在多个方向展开行动。", 8)},
	{id: "pair-decoy", title: "俄称打击乌军用机场 乌称打击俄人员",
		body: "俄称打击乌军用机场。乌称控制多处阵地，前线局势紧张，乌称打击俄军人员。"},
}

// A pasted sub-headline of up to four jieba words, or a pasted headline of
// two clauses, finds the bundle that holds every clause as typed first,
// even when the bundle is long and a short decoy's title holds the words.
func TestShortPasteRanksAsTypedFirst(t *testing.T) {
	docs := append([]fixture(nil), shortPasteFixtures...)
	for i := range 20 {
		docs = append(docs, fixture{id: fmt.Sprint("other", i), title: "其他新闻标题", body: "今天天气晴朗，市民出行。"})
	}
	ix := openFixtures(t, docs)
	for _, tc := range []struct{ q, want, decoy string }{
		{"强降雨影响我国多地", "long-bundle", "long-bundle-decoy"},
		{"俄称打击乌军用机场 乌称控制前线局势", "pair-bundle", "pair-decoy"},
	} {
		got := ids(search(t, ix, xinwen.SearchRequest{Query: tc.q}))
		if rankedAt(got, tc.want) != 1 || rankedAt(got, tc.decoy) == 0 {
			t.Errorf("%s: got %v, want %s first and %s found", tc.q, got, tc.want, tc.decoy)
		}
	}
}

// titleWordFixtures: the target's title holds the typed words in order
// (打击 … 能源设施); the decoys' titles hold the last two as typed and a
// word (袭击) that shares a bigram with the first, and their bodies repeat
// the first.
var titleWordFixtures = []fixture{
	{id: "title-words", title: "俄称打击乌军工企业 乌称袭击俄能源设施",
		body: "俄方称打击了乌克兰军工企业。乌方称袭击了俄罗斯的能源设施。"},
	{id: "title-decoy1", title: "俄乌互相指责对方袭击能源设施",
		body: strings.Repeat("俄方说乌军打击了能源设施，乌方说俄军打击了能源设施和民用设施。", 3)},
	{id: "title-decoy2", title: "俄称乌袭击能源设施 乌称遭无人机袭击",
		body: "俄方称乌军打击能源设施。乌方称遭到无人机打击，能源设施受损。"},
}

// Title words: the article whose title holds every typed word, in order,
// ranks above those whose titles hold some of them and whose bodies hold
// the rest.
func TestTitleWordsInOrderRankFirst(t *testing.T) {
	docs := append([]fixture(nil), titleWordFixtures...)
	for i := range 20 {
		docs = append(docs, fixture{id: fmt.Sprint("other", i), title: "其他新闻标题", body: "今天天气晴朗，市民出行。"})
	}
	ix := openFixtures(t, docs)
	q := "打击 能源 设施"
	got := ids(search(t, ix, xinwen.SearchRequest{Query: q}))
	if rankedAt(got, "title-words") != 1 || rankedAt(got, "title-decoy1") == 0 || rankedAt(got, "title-decoy2") == 0 {
		t.Errorf("%s: got %v, want title-words first and both decoys found", q, got)
	}
}

// A pasted headline finds the article it is the title of before one whose
// longer title holds it and whose body repeats its words.
func TestPastedHeadlineFindsItsOwnTitleFirst(t *testing.T) {
	docs := []fixture{
		{id: "own", title: "金融服务实体经济质效不断提升", body: "人民银行今天发布数据，贷款投放保持稳定。"},
		{id: "longer", title: "一季度金融服务实体经济质效不断提升",
			body: strings.Repeat("金融服务实体经济的质效不断提升，金融机构加大对实体经济的支持。", 3)},
	}
	for i := range 20 {
		docs = append(docs, fixture{id: fmt.Sprint("other", i), title: "其他新闻标题", body: "今天天气晴朗，市民出行。"})
	}
	ix := openFixtures(t, docs)
	for _, q := range []string{"金融服务实体经济质效不断提升", "金融服务 实体经济质效不断提升"} {
		got := ids(search(t, ix, xinwen.SearchRequest{Query: q}))
		if rankedAt(got, "own") != 1 || rankedAt(got, "longer") != 2 {
			t.Errorf("%s: got %v, want own, then longer", q, got)
		}
	}
}
