package zh

import "testing"

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
