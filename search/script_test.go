package search

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// scriptFixtures hold the same news in both scripts, Taiwan vocabulary,
// and 乾隆 beside 干 so that a character-by-character fold would show.
var scriptFixtures = []fixture{
	{id: "trad", title: "鄉村振興戰略全面推進", body: "2003年香港SARS大事記：頭髮與後來的故事。", date: "2025-01-01"},
	{id: "simp", title: "乡村振兴取得新成效", body: "全面推进乡村振兴，后来居上。", date: "2025-01-02"},
	{id: "tw", title: "軟體產業", body: "他用隨身碟把軟體帶到網路上。", date: "2025-01-03"},
	{id: "qianlong", title: "乾隆皇帝南巡", body: "乾隆年间的故事", date: "2025-01-04"},
	{id: "gan", title: "干部队伍建设", body: "干部和群众", date: "2025-01-05"},
}

// TestScriptsMeet: a query in either script, quoted or not, finds the
// articles of both; 乾隆 is not folded into 干隆.
func TestScriptsMeet(t *testing.T) {
	ix := openFixtures(t, scriptFixtures)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{`"乡村振兴"`, []string{"simp", "trad"}},
		{`"鄉村振興"`, []string{"simp", "trad"}},
		{`乡村振兴`, []string{"simp", "trad"}},
		{`鄉村振興`, []string{"simp", "trad"}},
		{`"香港sars大事记"`, []string{"trad"}},
		{`"头发"`, []string{"trad"}},
		{`"软件"`, []string{"tw"}},
		{`"网络"`, []string{"tw"}},
		{`"U盘"`, []string{"tw"}},
		{`"乾隆"`, []string{"qianlong"}},
		{`"干隆"`, nil},
		{`"干部"`, []string{"gan"}},
	} {
		got := ids(search(t, ix, xinwen.SearchRequest{Query: tc.q, Size: 10}))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s finds %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestScriptMarksOriginal: titles and snippets show the original text,
// marked on the characters that matched, through entries that keep the
// length (鄉村振興) and one that changes it (隨身碟 → U盘).
func TestScriptMarksOriginal(t *testing.T) {
	ix := openFixtures(t, scriptFixtures)
	for _, tc := range []struct {
		q, id          string
		title, snippet string // a part of each, empty to skip
	}{
		{`乡村振兴`, "trad", "<mark>鄉村振興</mark>戰略", ""},
		{`"头发"`, "trad", "", "<mark>頭髮</mark>與"},
		{`"U盘"`, "tw", "", "用<mark>隨身碟</mark>把"},
		{`"软件产业"`, "tw", "<mark>軟體產業</mark>", ""},
	} {
		res := search(t, ix, xinwen.SearchRequest{Query: tc.q, Size: 10})
		i := slices.IndexFunc(res.Hits, func(h xinwen.Hit) bool { return h.ID == tc.id })
		if i < 0 {
			t.Errorf("%s: %s not found", tc.q, tc.id)
			continue
		}
		h := res.Hits[i]
		if !strings.Contains(h.TitleHTML, tc.title) || !strings.Contains(h.SnippetHTML, tc.snippet) {
			t.Errorf("%s: title %q snippet %q, want %q and %q", tc.q, h.TitleHTML, h.SnippetHTML, tc.title, tc.snippet)
		}
	}
}

func TestFoldMismatchRefused(t *testing.T) {
	gen := writeGeneration(t, t.TempDir(), generation.Prefix+"x", newsFixtures[:1])
	if err := fold.Use(fold.Standard); err != nil {
		t.Fatal(err)
	}
	defer fold.Use(fold.Regional)
	_, err := Open(gen, Options{})
	if !errors.Is(err, generation.ErrFoldMismatch) || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Open with another script folding = %v, want ErrFoldMismatch saying rebuild", err)
	}
}
