package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"time"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
)

var newsFixtures = []fixture{
	{id: "t1", title: "人工智能大会在上海开幕", body: "来自各地的企业展示了最新成果。", cats: []string{"科技", "人工智能"}, date: "2024-07-04"},
	{id: "b1", title: "上海举办产业论坛", body: "论坛讨论了人工智能在制造业的应用，与会者认为前景广阔。", cats: []string{"科技", "产业"}, date: "2024-07-05"},
	{id: "p1", title: "城市交通观察", body: "新能源汽车销量持续增长，充电设施加快建设。", cats: []string{"汽车", "新能源"}, date: "2024-03-01"},
	{id: "p2", title: "城市能源观察", body: "新能源政策出台后，多家汽车企业调整计划，销量变化不大。", cats: []string{"汽车"}, date: "2024-03-02"},
	{id: "w1", title: "人民生活水平提高", body: "居民收入稳步增长，人民群众获得感增强。", cats: []string{"社会", "民生"}, date: "2025-01-10"},
	{id: "s1", title: "汇率走势分析", body: "人民币汇率在合理均衡水平上保持基本稳定。", cats: []string{"财经", "外汇"}, date: "2025-01-11"},
	{id: "x1", title: "中国，美国代表举行会谈", body: "双方就经贸问题交换意见。", cats: []string{"国际"}, date: "2025-02-01"},
	{id: "f1", title: "ＡＢＣ公司发布５Ｇ新品", body: "该公司表示COVID-19疫情后供应链恢复。", cats: []string{"科技", "通信"}, date: "2025-02-02"},
	{id: "nodate", title: "无日期的足球新闻", body: "足球联赛本周末开战。", cats: []string{"体育", "足球"}},
	{id: "xss", title: "<script>alert(1)</script>足球", body: "<b>足球</b> & 篮球", cats: []string{"体育"}, date: "2025-03-01"},
}

// searchable is what the tests search: an Index or a Live.
type searchable interface {
	Search(context.Context, xinwen.SearchRequest) (*xinwen.Result, error)
}

func search(t *testing.T, ix searchable, req xinwen.SearchRequest) *xinwen.Result {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}

func ids(res *xinwen.Result) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}

func TestRanking(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	tests := []struct {
		name, q      string
		first, later string // first must rank above later
	}{
		{"title above body", "人工智能", "t1", "b1"},
		{"adjacent words above scattered", "新能源 汽车", "p1", "p2"},
		{"word above substring-only", "人民", "w1", "s1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(search(t, ix, xinwen.SearchRequest{Query: tt.q}))
			pos := map[string]int{}
			for i, id := range got {
				pos[id] = i + 1
			}
			if pos[tt.first] == 0 || pos[tt.later] == 0 || pos[tt.first] > pos[tt.later] {
				t.Errorf("q=%q: got %v, want %s before %s", tt.q, got, tt.first, tt.later)
			}
		})
	}
}

func TestMatching(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	tests := []struct {
		name, q string
		want    []string // exact set, any order
	}{
		{"substring inside a longer word", `"民币"`, []string{"s1"}},
		{"unquoted word found inside 人民币 too", "人民", []string{"w1", "s1"}},
		{"phrase does not cross punctuation", `"中国美国"`, nil},
		{"phrase across punctuation with it", `"中国，美国"`, []string{"x1"}},
		{"width folding", "abc公司", []string{"f1"}},
		{"full-width digits and latin", "5g", []string{"f1"}},
		{"hyphenated latin", `"covid-19"`, []string{"f1"}},
		{"all words must match", "人工智能 上海", []string{"t1", "b1"}},
		{"all words must match, none", "人工智能 足球", nil},
		{"exclusion", "人工智能 -论坛", []string{"t1"}},
		{"exclusion of phrase", `足球 -"联赛"`, []string{"xss"}},
		{"chinese quotes", "“新能源汽车”", []string{"p1"}},
		{"unclosed quote runs to the end", `"新能源汽车`, []string{"p1"}},
		{"only exclusions", "-足球 -人民 -人工智能 -汽车 -能源", []string{"x1", "f1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := search(t, ix, xinwen.SearchRequest{Query: tt.q, Size: 100})
			if !sameSet(ids(res), tt.want) || int(res.Total) != len(tt.want) {
				t.Errorf("q=%q: got %v (total %d), want %v", tt.q, ids(res), res.Total, tt.want)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

func TestFilters(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	day := func(s string) time.Time { d, _ := time.ParseInLocation("2006-01-02", s, shanghai); return d }
	tests := []struct {
		name string
		req  xinwen.SearchRequest
		want []string
	}{
		{"category prefix", xinwen.SearchRequest{Categories: []string{"汽车"}}, []string{"p1", "p2"}},
		{"category full path", xinwen.SearchRequest{Categories: []string{"汽车/新能源"}}, []string{"p1"}},
		{"category written with >", xinwen.SearchRequest{Categories: []string{"汽车 > 新能源"}}, []string{"p1"}},
		{"two categories: any", xinwen.SearchRequest{Categories: []string{"财经", "国际"}}, []string{"s1", "x1"}},
		{"date range inclusive", xinwen.SearchRequest{From: day("2025-01-10"), To: day("2025-01-11").Add(24*time.Hour - 1)}, []string{"w1", "s1"}},
		{"open start", xinwen.SearchRequest{To: day("2024-03-02")}, []string{"p1", "p2"}},
		{"query with filters", xinwen.SearchRequest{Query: "足球", Categories: []string{"体育/足球"}}, []string{"nodate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Size = 100
			if got := ids(search(t, ix, tt.req)); !sameSet(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBrowseByDateAndFacets(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	res := search(t, ix, xinwen.SearchRequest{Size: 100})
	if res.Total != uint64(len(newsFixtures)) {
		t.Fatalf("total %d, want %d", res.Total, len(newsFixtures))
	}
	got := ids(res)
	if got[0] != "xss" || got[len(got)-1] != "nodate" {
		t.Errorf("empty query should list newest first, undated last: %v", got)
	}
	facet := map[string]int{}
	for _, f := range res.Facets.Categories {
		facet[f.Value] = f.Count
	}
	if facet["科技"] != 3 || facet["科技/人工智能"] != 1 || facet["汽车"] != 2 {
		t.Errorf("category facets: %v", res.Facets.Categories)
	}
	months := res.Facets.Months
	if len(months) == 0 || months[0].Value != "2024-03" || months[0].Count != 2 {
		t.Errorf("month facets should start 2024-03 (2): %v", months)
	}
	for i := 1; i < len(months); i++ {
		if months[i-1].Value >= months[i].Value {
			t.Errorf("months not in order: %v", months)
		}
	}
}

// Filters and exclusions do not score: without words or phrases, results
// are newest first whatever the sort, with finite scores. Relevance order
// used to give every hit a NaN score, which JSON cannot encode.
func TestFiltersOnlyBrowseByDate(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	for _, req := range []xinwen.SearchRequest{
		{Categories: []string{"科技"}},
		{From: time.Date(2024, 1, 1, 0, 0, 0, 0, shanghai)},
		{Query: "-足球"},
	} {
		byDate := req
		byDate.Sort, byDate.Size = xinwen.SortDate, 100
		want := ids(search(t, ix, byDate))
		req.Sort, req.Size = xinwen.SortRelevance, 100
		res := search(t, ix, req)
		if got := ids(res); !slices.Equal(got, want) || len(got) == 0 {
			t.Errorf("%+v: got %v, want newest first %v", req, got, want)
		}
		for _, h := range res.Hits {
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
				t.Errorf("%+v: %s scored %v", req, h.ID, h.Score)
			}
		}
		if _, err := json.Marshal(res); err != nil {
			t.Errorf("%+v: %v", req, err)
		}
	}
}

func TestRecencyBoost(t *testing.T) {
	now := time.Now().In(shanghai)
	docs := []fixture{
		{id: "old", title: "台风登陆沿海", body: "台风带来强降雨。", date: now.AddDate(-3, 0, 0).Format("2006-01-02")},
		{id: "new", title: "台风登陆沿海", body: "台风带来强降雨，多地停课，交通受阻，学校放假。", date: now.AddDate(0, 0, -1).Format("2006-01-02")},
	}
	ix := openFixtures(t, docs)
	if got := ids(search(t, ix, xinwen.SearchRequest{Query: "台风"})); got[0] != "old" {
		t.Fatalf("without the boost the denser older article should lead: %v", got)
	}
	if got := ids(search(t, ix, xinwen.SearchRequest{Query: "台风", Recency: true})); got[0] != "new" {
		t.Errorf("recency=true should put yesterday's article first: %v", got)
	}
}

func TestCursorPaging(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	for _, sort := range []string{"", xinwen.SortDate} {
		seen := map[string]bool{}
		req := xinwen.SearchRequest{Size: 3, Sort: sort} // "" with no query browses by date
		for pages := 0; ; pages++ {
			if pages > len(newsFixtures) {
				t.Fatalf("%s: cursor never ends", sort)
			}
			res := search(t, ix, req)
			for _, id := range ids(res) {
				if seen[id] {
					t.Fatalf("%s: %s returned twice", sort, id)
				}
				seen[id] = true
			}
			if res.NextCursor == "" {
				break
			}
			req.After = res.NextCursor
		}
		if len(seen) != len(newsFixtures) {
			t.Errorf("%s: cursor paging saw %d of %d", sort, len(seen), len(newsFixtures))
		}
	}
}

func TestBadRequests(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	bad := []xinwen.SearchRequest{
		{Size: xinwen.MaxSize + 1},
		{Page: -1},
		{Page: xinwen.MaxWindow/10 + 1, Size: 10},
		{Page: math.MaxInt / 5, Size: 10}, // page*size overflows
		{Sort: "popularity"},
		{After: "not-a-cursor", Sort: xinwen.SortDate},
		{After: encodeCursor(&bsearch.DocumentMatch{}, bsearch.SortOrder{&bsearch.SortScore{}}), Query: "足球", Sort: xinwen.SortRelevance},
		{From: time.Now(), To: time.Now().Add(-time.Hour)},
	}
	for _, req := range bad {
		if _, err := ix.Search(context.Background(), req); !errors.Is(err, xinwen.ErrBadQuery) {
			t.Errorf("Search(%+v) = %v, want xinwen.ErrBadQuery", req, err)
		}
	}
}

func TestHighlightEscapes(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	res := search(t, ix, xinwen.SearchRequest{Query: "足球", Categories: []string{"体育"}, Size: 10})
	var h *xinwen.Hit
	for i := range res.Hits {
		if res.Hits[i].ID == "xss" {
			h = &res.Hits[i]
		}
	}
	if h == nil {
		t.Fatal("xss fixture not found")
	}
	if strings.Contains(h.TitleHTML, "<script>") || !strings.Contains(h.TitleHTML, "&lt;script&gt;") {
		t.Errorf("title not escaped: %s", h.TitleHTML)
	}
	if !strings.Contains(h.TitleHTML, "<mark>足球</mark>") || !strings.Contains(h.SnippetHTML, "&lt;b&gt;<mark>足球</mark>&lt;/b&gt; &amp; 篮球") {
		t.Errorf("marks: title %q snippet %q", h.TitleHTML, h.SnippetHTML)
	}
}

func TestGet(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	d, err := ix.Get(context.Background(), "s1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "汇率走势分析" || d.Date != "2025-01-11T00:00:00+08:00" || d.Categories[0] != "财经/外汇" {
		t.Errorf("Get: %+v", d)
	}
	if _, err := ix.Get(context.Background(), "missing"); !errors.Is(err, xinwen.ErrNotFound) {
		t.Errorf("Get(missing) = %v, want xinwen.ErrNotFound", err)
	}
}

func TestSuggest(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	got, _ := ix.Suggest(context.Background(), "人工", 5)
	if len(got) == 0 || got[0] != "人工智能" {
		t.Errorf("Suggest(人工) = %v", got)
	}
	got, _ = ix.Suggest(context.Background(), "上海 人工", 5)
	if len(got) == 0 || got[0] != "上海 人工智能" {
		t.Errorf("Suggest keeps earlier words: %v", got)
	}
	if got, _ := ix.Suggest(context.Background(), "", 5); len(got) != 0 {
		t.Errorf("Suggest(\"\") = %v", got)
	}
	// The last word also follows an ideographic space or punctuation.
	for _, prefix := range []string{"上海\u3000人工", "上海，人工", "《人工"} {
		head := strings.TrimSuffix(prefix, "人工")
		if got, _ := ix.Suggest(context.Background(), prefix, 5); len(got) == 0 || got[0] != head+"人工智能" {
			t.Errorf("Suggest(%q) = %v, want %s人工智能 first", prefix, got, head)
		}
	}
}

func TestDictMismatchRefused(t *testing.T) {
	gen := writeGeneration(t, t.TempDir(), generation.Prefix+"x", newsFixtures[:1])
	if _, err := Open(gen, Options{DictVersion: "other"}); !errors.Is(err, generation.ErrDictMismatch) {
		t.Errorf("Open with another dictionary = %v, want ErrDictMismatch", err)
	}
}

func TestSparsePhraseStaysExact(t *testing.T) {
	docs := []fixture{
		{id: "exact", title: "推动高质量发展取得新成效", body: "正文"},
		{id: "shuffled", title: "高质发展量发展", body: "质量发展高质"},
		{id: "split", title: "高质量，发展", body: "正文"},
	}
	ix := openFixtures(t, docs)
	for _, q := range []string{`"高质量发展"`, `"推动高质量发展取得"`, `"质量发展取得新"`} {
		if got := ids(search(t, ix, xinwen.SearchRequest{Query: q})); !sameSet(got, []string{"exact"}) {
			t.Errorf("%s: got %v, want [exact]", q, got)
		}
	}
}

func TestTrimLoneEdges(t *testing.T) {
	tests := map[string]string{
		"经济发展，好":   "经济发展",
		"好，经济发展":   "经济发展",
		"好，经济发展—快": "经济发展",
		"a，b":      "a，b",
		"经济发展":     "经济发展",
		"，经济发展。":   "经济发展",
		"人，民":      "人，民",
	}
	for in, want := range tests {
		if got := trimLoneEdges(in); got != want {
			t.Errorf("trimLoneEdges(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSentenceEndingInLoneCharacter: a sentence copied from an article whose
// last character follows a comma is still found (the bench found such
// long-sentence queries returning nothing).
func TestSentenceEndingInLoneCharacter(t *testing.T) {
	ix := openFixtures(t, []fixture{{id: "s", title: "标题", body: "会议强调要推动经济发展，好的政策要落实。"}})
	for _, q := range []string{"推动经济发展，好", "展，好的政策"} {
		if got := ids(search(t, ix, xinwen.SearchRequest{Query: q})); !sameSet(got, []string{"s"}) {
			t.Errorf("%s: got %v", q, got)
		}
	}
}

func TestSeamGrams(t *testing.T) {
	tests := []struct {
		a, b string
		want []string
	}{
		{"经济", "发展", []string{"济发"}},
		{"新能源", "汽车", []string{"源汽"}},
		{"发展", "发展", []string{"展发"}},
		{"中国中", "国", nil}, // 中国 already belongs to the first word
	}
	for _, tt := range tests {
		got := seamGrams(tt.a, tt.b)
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("seamGrams(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDateOrderSkipsScoring(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	res := search(t, ix, xinwen.SearchRequest{Query: "足球", Sort: xinwen.SortDate})
	if len(res.Hits) < 2 {
		t.Fatalf("got %v, want the football articles", ids(res))
	}
	for _, h := range res.Hits {
		if h.Score != 0 {
			t.Errorf("%s: score %v in date order, want 0", h.ID, h.Score)
		}
	}
	if rel := search(t, ix, xinwen.SearchRequest{Query: "足球"}); rel.Hits[0].Score <= 0 {
		t.Errorf("relevance order: score %v, want > 0", rel.Hits[0].Score)
	}
}

// A character on its own is found wherever it occurs: at the start or end
// of a run, inside a word, standing alone.
func TestOneCharacterFoundAnywhere(t *testing.T) {
	docs := []fixture{
		{id: "start", title: "猫咪很可爱", body: "正文"},
		{id: "end", title: "标题", body: "家里养了一只小猫。"},
		{id: "alone", title: "标题", body: "猫，狗，鸟"},
		{id: "none", title: "标题", body: "家里养了一只狗。"},
	}
	ix := openFixtures(t, docs)
	for _, q := range []string{"猫", `"猫"`, "猫，"} {
		if got := ids(search(t, ix, xinwen.SearchRequest{Query: q})); !sameSet(got, []string{"start", "end", "alone"}) {
			t.Errorf("%s: got %v, want start, end, alone", q, got)
		}
	}
	if got := ids(search(t, ix, xinwen.SearchRequest{Query: "家里 -猫"})); !sameSet(got, []string{"none"}) {
		t.Errorf("家里 -猫: got %v, want [none]", got)
	}
	if got := ids(search(t, ix, xinwen.SearchRequest{Query: "狗 猫"})); !sameSet(got, []string{"alone"}) {
		t.Errorf("狗 猫: got %v, want [alone]", got)
	}
	// Digits and letters too: "2" is in 2024 and in 5G2.
	nums := openFixtures(t, []fixture{
		{id: "year", title: "标题", body: "2024年的计划"},
		{id: "mid", title: "标题", body: "型号5G2发布"},
		{id: "no", title: "标题", body: "3号文件"},
	})
	for _, q := range []string{"2", `"2"`} {
		if got := ids(search(t, nums, xinwen.SearchRequest{Query: q})); !sameSet(got, []string{"year", "mid"}) {
			t.Errorf("%s: got %v, want year, mid", q, got)
		}
	}
}

func TestLoneCharacterBudget(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	if res := search(t, ix, xinwen.SearchRequest{Query: "人 工 智 能 会"}); !res.Truncated {
		t.Errorf("five one-character words: not truncated")
	}
	if res := search(t, ix, xinwen.SearchRequest{Query: "人 工 智"}); res.Truncated || len(res.Hits) == 0 {
		t.Errorf("three one-character words: truncated %v, %d hits", res.Truncated, len(res.Hits))
	}
	// Edge characters of quoted phrases count too: two each here.
	if res := search(t, ix, xinwen.SearchRequest{Query: `"人，工智，能" "上，海"`}); !res.Truncated {
		t.Errorf("four edge characters: not truncated")
	}
	// Inside one longer word, characters set apart by punctuation are
	// matched as typed, at no extra cost.
	if res := search(t, ix, xinwen.SearchRequest{Query: "中国，美国，人，民，币"}); res.Truncated {
		t.Errorf("one word with lone characters: truncated")
	}
}

func TestCountOnly(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	for _, req := range []xinwen.SearchRequest{{Query: "人工智能"}, {Categories: []string{"体育"}}, {Query: "足球", Sort: xinwen.SortDate}} {
		full := search(t, ix, req)
		req.CountOnly = true
		counts := search(t, ix, req)
		if counts.Total != full.Total || len(counts.Hits) != 0 || counts.Size != 0 ||
			fmt.Sprint(counts.Facets) != fmt.Sprint(full.Facets) || counts.NextCursor != "" {
			t.Errorf("%+v: counts %+v, full total %d facets %+v", req, counts, full.Total, full.Facets)
		}
	}
}

// Counts page nothing, so no page is too deep for them: the API answers
// size=0&page=100000 with the counts, and so must a direct search.
func TestCountOnlyDeepPage(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	req := xinwen.SearchRequest{Query: "足球", CountOnly: true, Page: xinwen.MaxWindow}
	res, err := ix.Search(context.Background(), req)
	if err != nil || res.Total == 0 || len(res.Hits) != 0 {
		t.Fatalf("Search(%+v) = %+v, %v; want the counts", req, res, err)
	}
}

func TestFacetSize(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	all := search(t, ix, xinwen.SearchRequest{Categories: []string{"科技", "体育"}})
	if len(all.Facets.Categories) < 3 {
		t.Fatalf("fixtures give %d categories", len(all.Facets.Categories))
	}
	two := search(t, ix, xinwen.SearchRequest{Categories: []string{"科技", "体育"}, FacetSize: 2})
	if fmt.Sprint(two.Facets.Categories) != fmt.Sprint(all.Facets.Categories[:2]) {
		t.Errorf("FacetSize 2: %v, want the first two of %v", two.Facets.Categories, all.Facets.Categories)
	}
	if _, err := ix.Search(context.Background(), xinwen.SearchRequest{Query: "足球", FacetSize: xinwen.MaxFacetSize + 1}); !errors.Is(err, xinwen.ErrBadQuery) {
		t.Errorf("FacetSize over the limit: %v", err)
	}
}

// A stop word inside a typed word is left out of its jieba words, but not
// out of what the word asks for: 经济和社会 must not match an article with
// 经济 and 社会 apart. The words standing together as typed rank first.
func TestTypedWordKeepsStopWordsAndOrder(t *testing.T) {
	docs := []fixture{
		{id: "typed", title: "标题", body: "推动经济和社会协调发展。"},
		{id: "apart", title: "标题", body: "社会稳定，经济增长。"},
		{id: "near", title: "标题", body: "国务院常务会议听取汇报，会议审议通过方案。常务会议要求，会议审议。"},
		{id: "exact", title: "标题", body: "国务院常务会议审议通过了今年的工作要点，会议还研究了其他事项，并部署了下一步的工作安排。"},
	}
	ix := openFixtures(t, docs)
	if got := ids(search(t, ix, xinwen.SearchRequest{Query: "经济和社会"})); !sameSet(got, []string{"typed"}) {
		t.Errorf("经济和社会: got %v, want [typed]", got)
	}
	got := ids(search(t, ix, xinwen.SearchRequest{Query: "常务会议审议"}))
	if len(got) != 2 || got[0] != "exact" {
		t.Errorf("常务会议审议: got %v, want exact first, then near", got)
	}
}

// A filter folds a category level as the index does: a no-break space or
// a run of spaces inside it is one space.
func TestCategoryFilterFoldsLikeTheIndex(t *testing.T) {
	ix := openFixtures(t, []fixture{
		{id: "a", title: "标题", body: "正文", cats: []string{"新闻联播", "新思想引领新征程\u00a0建功新时代"}, date: "2024-01-02"},
	})
	for _, c := range []string{"新闻联播/新思想引领新征程\u00a0建功新时代", "新闻联播 > 新思想引领新征程   建功新时代", "新闻联播/新思想引领新征程 建功新时代"} {
		if got := ids(search(t, ix, xinwen.SearchRequest{Categories: []string{c}})); len(got) != 1 {
			t.Errorf("category %q: got %v, want one article", c, got)
		}
	}
}

// A date filter beyond the years the index holds narrows nothing (or
// everything) instead of failing the search.
func TestDateFilterBeyondTheIndexYears(t *testing.T) {
	ix := openFixtures(t, newsFixtures)
	all := search(t, ix, xinwen.SearchRequest{Size: 100}).Total
	for _, req := range []xinwen.SearchRequest{
		{From: time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{To: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
		{From: time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
	} {
		req.Size = 100
		if got := search(t, ix, req).Total; got != all-1 { // the undated article has no date to match
			t.Errorf("%v..%v: %d articles, want %d", req.From, req.To, got, all-1)
		}
	}
	if got := search(t, ix, xinwen.SearchRequest{From: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}).Total; got != 0 {
		t.Errorf("from 9999: %d articles, want 0", got)
	}
}

// A title holding every typed word outranks a short title with one of them
// and a body with both.
func TestAllWordsInTitleRankFirst(t *testing.T) {
	docs := []fixture{
		{id: "title", title: "嫦娥六号完成采样 我国探月工程取得新突破", body: "记者从国家航天局获悉，相关工作正在推进。"},
		{id: "one", title: "嫦娥任务取得新进展 科研人员持续攻关", body: "专家介绍，嫦娥任务与探月工程稳步推进，多项关键技术取得突破，后续还将开展更多试验。"},
	}
	for i := range 20 {
		docs = append(docs, fixture{id: fmt.Sprint("other", i), title: "其他新闻标题", body: "今天天气晴朗，市民出行。"})
	}
	ix := openFixtures(t, docs)
	if got := ids(search(t, ix, xinwen.SearchRequest{Query: "嫦娥 探月"})); len(got) != 2 || got[0] != "title" {
		t.Errorf("嫦娥 探月: got %v, want the article with both words in its title first", got)
	}
}
