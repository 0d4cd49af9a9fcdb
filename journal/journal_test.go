package journal

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

func ids(arts []xinwen.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID+"="+a.Title)
	}
	return out
}

// The state is the last entry of each id, in the order of last writes; a
// torn last line is not read, and reopening cuts it off.
func TestJournal(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2024, 3, 1, 9, 0, 0, 0, xinwen.DefaultZone())
	steps := []func() error{
		func() error {
			return w.Write([]xinwen.Article{{ID: "a", Title: "一", Date: date}, {ID: "b", Title: "二"}, {ID: "c", Title: "三"}})
		},
		func() error { return w.Delete("b") },
		func() error { return w.Write([]xinwen.Article{{ID: "a", Title: "一改"}}) },
		func() error { return w.Delete("c") },
		func() error { return w.Write([]xinwen.Article{{ID: "c", Title: "三回"}}) },
		func() error { return w.Delete("x") },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	w.Close()
	f, _ := os.OpenFile(Path(dir), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"deleted":"a"`) // a crash in the middle of an append
	f.Close()

	check := func() {
		t.Helper()
		st, err := Read(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(st.Articles); !slices.Equal(got, []string{"a=一改", "c=三回"}) {
			t.Errorf("articles %v, want a=一改 c=三回", got)
		}
		if len(st.Deleted) != 2 || !st.Deleted["b"] || !st.Deleted["x"] {
			t.Errorf("deleted %v, want b and x", st.Deleted)
		}
		if !st.Has("a") || !st.Has("b") || st.Has("d") {
			t.Errorf("Has: a %v, b %v, d %v", st.Has("a"), st.Has("b"), st.Has("d"))
		}
	}
	check()
	w, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]xinwen.Article{{ID: "d", Title: "四"}}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	st, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(st.Articles); !slices.Equal(got, []string{"a=一改", "c=三回", "d=四"}) {
		t.Errorf("after reopening: %v, want the torn line gone and d appended", got)
	}
}

func TestReadMissing(t *testing.T) {
	st, err := Read(t.TempDir())
	if err != nil || len(st.Articles) != 0 || len(st.Deleted) != 0 {
		t.Errorf("no journal: %+v, %v; want an empty state", st, err)
	}
}
