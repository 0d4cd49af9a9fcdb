package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/internal/zhtest"
	"github.com/xinwen-search/xinwen/search/synonym"
)

// Invented articles, each naming one subject by one of its names.
var synonymFixtures = []fixture{
	{id: "typed", title: "新冠疫苗研发取得进展", body: "新冠疫苗进入临床试验阶段。"},
	{id: "full", title: "新型冠状病毒疫苗研发取得进展", body: "新型冠状病毒疫苗进入临床试验阶段。"},
	{id: "latin", title: "COVID-19疫苗研发进展", body: "COVID-19 疫苗进入试验阶段。"},
	{id: "flu", title: "流感疫苗接种开始", body: "流感疫苗在各地开始接种。"},
	{id: "fed", title: "美国联邦储备委员会宣布加息", body: "美国联邦储备委员会主席发表讲话。"},
	{id: "scattered", title: "美国联邦政府公布预算", body: "美国联邦政府的战略储备由一个委员会管理。"},
	{id: "short", title: "美联储维持利率不变", body: "美联储官员表示将继续观察。"},
	{id: "hk", title: "联储局议息结果公布", body: "联储局宣布维持利率。"},
	{id: "ai", title: "AI芯片出货量增长", body: "多家厂商发布AI芯片。"},
	{id: "said", title: "外电报道", body: "He said the main office in Taiwan stays open."},
}

const synonymRules = `# test rules
新冠, 新型冠状病毒, COVID-19
美联储, 美国联邦储备委员会
联储局 => 美联储
人工智能, AI
`

func openWithSynonyms(t *testing.T, docs []fixture, src *synonym.Source) *Index {
	t.Helper()
	gen := writeGeneration(t, t.TempDir(), generation.Prefix+"test", docs)
	ix, err := Open(gen, Options{DictVersion: zhtest.Version(), Synonyms: src})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func fixedRules(t *testing.T, text string) *synonym.Source {
	t.Helper()
	src, err := synonym.ParseFixed([]byte(text), "rules")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestSynonyms(t *testing.T) {
	ix := openWithSynonyms(t, synonymFixtures, fixedRules(t, synonymRules))
	tests := []struct {
		name, q  string
		want     []string // the first first, the others in any order
		expanded []xinwen.Expansion
	}{
		{"typed form first", "新冠", []string{"typed", "full", "latin"},
			[]xinwen.Expansion{{From: "新冠", To: []string{"新型冠状病毒", "covid-19"}}}},
		{"the long form typed ranks first", "新型冠状病毒", []string{"full", "typed", "latin"},
			[]xinwen.Expansion{{From: "新型冠状病毒", To: []string{"新冠", "covid-19"}}}},
		{"a multi-word alias is a phrase", "美联储", []string{"short", "fed"},
			[]xinwen.Expansion{{From: "美联储", To: []string{"美国联邦储备委员会"}}}},
		{"one way: forwards", "联储局", []string{"hk", "short"},
			[]xinwen.Expansion{{From: "联储局", To: []string{"美联储"}}}},
		{"a quoted phrase is not widened", `"新冠"`, []string{"typed"}, nil},
		{"an exclusion excludes the synonyms too", "疫苗 -新冠", []string{"flu"},
			[]xinwen.Expansion{{From: "新冠", To: []string{"新型冠状病毒", "covid-19"}}}},
		{"with another word", "新冠 临床试验", []string{"typed", "full"},
			[]xinwen.Expansion{{From: "新冠", To: []string{"新型冠状病毒", "covid-19"}}}},
		{"no rule", "流感", []string{"flu"}, nil},
		{"a Latin synonym is a whole word", "人工智能", []string{"ai"},
			[]xinwen.Expansion{{From: "人工智能", To: []string{"ai"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := search(t, ix, xinwen.SearchRequest{Query: tt.q})
			if got := ids(res); !sameRanking(got, tt.want) {
				t.Errorf("q=%q: got %v, want %s first of %v", tt.q, got, tt.want[0], tt.want)
			}
			if !slices.EqualFunc(res.Expanded, tt.expanded, func(a, b xinwen.Expansion) bool {
				return a.From == b.From && slices.Equal(a.To, b.To)
			}) {
				t.Errorf("q=%q: expanded %+v, want %+v", tt.q, res.Expanded, tt.expanded)
			}
		})
	}
}

// sameRanking tells whether got and want hold the same ids with the same
// first one.
func sameRanking(got, want []string) bool {
	if len(got) != len(want) || len(got) > 0 && got[0] != want[0] {
		return false
	}
	return !slices.ContainsFunc(got, func(id string) bool { return !slices.Contains(want, id) })
}

// A one-way rule widens its left side only: 美联储 does not find 联储局.
func TestOneWaySynonymStaysOneWay(t *testing.T) {
	ix := openWithSynonyms(t, synonymFixtures, fixedRules(t, synonymRules))
	for _, h := range search(t, ix, xinwen.SearchRequest{Query: "美联储"}).Hits {
		if h.ID == "hk" {
			t.Errorf("美联储 found %s through the one-way rule 联储局 => 美联储", h.ID)
		}
	}
}

func TestSynonymHighlighted(t *testing.T) {
	ix := openWithSynonyms(t, synonymFixtures, fixedRules(t, synonymRules))
	marks := map[string]string{}
	for _, h := range search(t, ix, xinwen.SearchRequest{Query: "新冠"}).Hits {
		marks[h.ID] = h.TitleHTML + " " + h.SnippetHTML
	}
	for id, want := range map[string]string{"typed": "<mark>新冠</mark>", "full": "<mark>新型冠状病毒</mark>", "latin": "<mark>COVID-19</mark>"} {
		if !strings.Contains(marks[id], want) {
			t.Errorf("%s: %q holds no %s", id, marks[id], want)
		}
	}
}

func TestNoSynonymsNoExpansion(t *testing.T) {
	ix := openWithSynonyms(t, synonymFixtures, nil)
	res := search(t, ix, xinwen.SearchRequest{Query: "新冠"})
	if got := ids(res); !slices.Equal(got, []string{"typed"}) || res.Expanded != nil {
		t.Errorf("without rules: %v, expanded %v", got, res.Expanded)
	}
}

// A synonyms file that turns bad keeps the rules read before in force.
func TestBadSynonymsFileKeepsRules(t *testing.T) {
	path := filepath.Join(t.TempDir(), "synonyms.txt")
	if err := os.WriteFile(path, []byte(synonymRules), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := synonym.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ix := openWithSynonyms(t, synonymFixtures, src)
	if err := os.WriteFile(path, []byte("新冠, 流感\n美联储 =>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Reload(); err == nil || !strings.Contains(err.Error(), path+":2: ") {
		t.Fatalf("Reload = %v, want the bad line 2", err)
	}
	if got := ids(search(t, ix, xinwen.SearchRequest{Query: "新冠"})); !sameRanking(got, []string{"typed", "full", "latin"}) {
		t.Errorf("after a bad reload 新冠 finds %v, want the old rules' typed, full, latin", got)
	}
}

// A synonym that holds the typed word, or another synonym, finds nothing
// more and is left out.
func TestSynonymsHoldingAnotherLeftOut(t *testing.T) {
	ix := openWithSynonyms(t, synonymFixtures, fixedRules(t, "新冠, 新冠肺炎, 新型冠状病毒, 新型冠状病毒肺炎, COVID-19\n"))
	for q, want := range map[string][]string{
		"新冠":       {"新型冠状病毒", "covid-19"},
		"新冠肺炎":     {"新冠", "新型冠状病毒", "covid-19"},
		"新型冠状病毒肺炎": {"新冠", "新型冠状病毒", "covid-19"},
		"covid":    nil, // no rule names it
	} {
		res := search(t, ix, xinwen.SearchRequest{Query: q})
		var got []string
		if len(res.Expanded) > 0 {
			got = res.Expanded[0].To
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: expanded to %q, want %q", q, got, want)
		}
	}
}

// A one-character synonym spends the lone-character budget; past it, it is
// left out and not reported.
func TestLoneCharacterSynonymWithinBudget(t *testing.T) {
	ix := openWithSynonyms(t, synonymFixtures, fixedRules(t, "流感, 疫\n"))
	res := search(t, ix, xinwen.SearchRequest{Query: "流感"})
	if len(res.Expanded) != 1 || res.Truncated {
		t.Errorf("流感: expanded %v, truncated %v; want 疫 searched", res.Expanded, res.Truncated)
	}
	res = search(t, ix, xinwen.SearchRequest{Query: "流感 甲 乙 丙"})
	if res.Expanded != nil {
		t.Errorf("with the budget spent: expanded %v, want none", res.Expanded)
	}
}
