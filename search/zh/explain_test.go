package zh

import (
	"path/filepath"
	"testing"
	"time"
)

func TestExplainSources(t *testing.T) {
	got, err := Explain("中華人民共和國的具身智能", false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"中华人民共和国": SourceFold, "中华": SourceSubword, "的": SourceStop, "具身": SourceHMM, "智能": SourceDict}
	for _, e := range got {
		if w, ok := want[e.Term]; ok && e.Source != w {
			t.Errorf("%s: source %s, want %s", e.Term, e.Source, w)
		}
		delete(want, e.Term)
	}
	if len(want) > 0 {
		t.Errorf("missing tokens %v in %v", want, got)
	}
}

func TestExplainUserDetail(t *testing.T) {
	got, err := Explain("新质生产力", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Source != SourceUser || got[0].Detail != "data/userdict.txt" {
		t.Errorf("新质生产力: %+v, want one user token from data/userdict.txt", got)
	}
}

// TestExplainAPIAdded: a word of the live list is an api token that says
// when it was added; one listed without a time says nothing.
func TestExplainAPIAdded(t *testing.T) {
	orig, _ := Default()
	t.Cleanup(func() { Use(orig) })
	live := filepath.Join(t.TempDir(), "dictionary.txt")
	added := time.Date(2026, 12, 7, 23, 10, 0, 0, time.UTC)
	if err := WriteEntries(live, []Entry{{Word: "具身智能", Added: added}, {Word: "鹊桥二号"}}); err != nil {
		t.Fatal(err)
	}
	seg, err := Load(Config{DictDir: BundledDictDir(), LiveDict: live})
	if err != nil {
		t.Fatal(err)
	}
	defer seg.Close()
	Use(seg)
	got, err := Explain("具身智能鹊桥二号", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Source != SourceAPI || got[0].Added != "2026-12-07T23:10:00Z" ||
		got[1].Source != SourceAPI || got[1].Added != "" {
		t.Errorf("got %+v, want 具身智能 added at %v and 鹊桥二号 without a time, both from the api", got, added)
	}
}
