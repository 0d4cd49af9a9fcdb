package zh

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseEntries(t *testing.T) {
	es, err := ParseEntries(strings.NewReader("# c\n具身智能\n\n鹊桥二号 5 nz\nＡＢＣ词 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{Word: "具身智能"}, {Word: "鹊桥二号", Freq: 5, Tag: "nz"}, {Word: "abc词", Freq: 3}}
	if !reflect.DeepEqual(es, want) {
		t.Errorf("ParseEntries = %+v, want %+v", es, want)
	}
	for _, bad := range []string{"a b c d", "词 x", "词 -1", "，，"} {
		if _, err := ParseEntries(strings.NewReader("ok\n" + bad)); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("ParseEntries(%q) = %v, want a line 2 error", bad, err)
		}
	}
}

func TestMergeRemoveEntries(t *testing.T) {
	list, changed := MergeEntries([]Entry{{Word: "a"}}, []Entry{{Word: "a"}, {Word: "b", Freq: 2}, {Word: "b", Freq: 2}})
	if len(list) != 2 || !reflect.DeepEqual(changed, []string{"b"}) {
		t.Errorf("MergeEntries = %v %v", list, changed)
	}
	list, removed := RemoveEntries(list, []string{"b", "z"})
	if len(list) != 1 || !reflect.DeepEqual(removed, []string{"b"}) {
		t.Errorf("RemoveEntries = %v %v", list, removed)
	}
}

// TestEntriesAddedTime: the live list keeps each word's Added time through
// a write and a read, as a comment a plain user dictionary reader skips;
// adding a word again unchanged keeps its time, changing it takes the new.
func TestEntriesAddedTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dictionary.txt")
	t1 := time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)
	t2 := t1.Add(48 * time.Hour)
	want := []Entry{{Word: "鹊桥二号", Freq: 5, Tag: "nz", Added: t1}, {Word: "具身智能"}, {Word: "十五五", Added: t2}}
	if err := WriteEntries(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadEntries(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v, want %+v", got, want)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && !strings.HasPrefix(f[0], "#") && (len(f) > 3 || strings.Contains(line, "2026")) {
			t.Errorf("line %q is no plain user-dictionary line", line)
		}
	}

	later := t2.Add(time.Hour)
	merged, changed := MergeEntries(got, []Entry{{Word: "鹊桥二号", Freq: 5, Tag: "nz", Added: later}, {Word: "十五五", Freq: 9, Added: later}})
	if !reflect.DeepEqual(changed, []string{"十五五"}) || !merged[0].Added.Equal(t1) || !merged[2].Added.Equal(later) {
		t.Errorf("MergeEntries = %+v, changed %v: want 鹊桥二号 kept from %v, 十五五 re-added at %v", merged, changed, t1, later)
	}
	if merged[0].String() != "鹊桥二号 5 nz" {
		t.Errorf("String = %q: the time is no part of the line jieba reads", merged[0].String())
	}
}

// TestReloadLive adds a word to the live dictionary while other goroutines
// cut: the word is one token afterwards, the version (what a generation
// records) is unchanged, and no cut fails on the freed old segmenter.
func TestReloadLive(t *testing.T) {
	orig, _ := Default()
	t.Cleanup(func() { Use(orig) })
	live := filepath.Join(t.TempDir(), "dictionary.txt")
	seg, err := Load(Config{DictDir: BundledDictDir(), LiveDict: live})
	if err != nil {
		t.Fatal(err)
	}
	Use(seg)
	const text = "具身智能"
	if toks, _ := Analyze(QueryAnalyzerName, text); len(toks) != 2 {
		t.Fatalf("before: %v, want jieba to split %s", toks, text)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
					Analyze(IndexAnalyzerName, "人工智能和具身智能的发展")
				}
			}
		})
	}
	if err := WriteEntries(live, []Entry{{Word: text}}); err != nil {
		t.Fatal(err)
	}
	next, err := Reload()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	if toks, _ := Analyze(QueryAnalyzerName, text); len(toks) != 1 {
		t.Errorf("after: %v, want one token", toks)
	}
	if next.Version() != seg.Version() {
		t.Errorf("version changed: %s -> %s", seg.Version(), next.Version())
	}
	if got := next.LiveWords(); len(got) != 1 || got[0].Word != text {
		t.Errorf("LiveWords = %v", got)
	}
}

func TestLiveVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dictionary.txt")
	load := func() string {
		t.Helper()
		s, err := Load(Config{DictDir: BundledDictDir(), LiveDict: path})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		return s.LiveVersion()
	}
	if v := load(); v != "" {
		t.Errorf("no list: %q, want empty", v)
	}
	if err := WriteEntries(path, []Entry{{Word: "鹊桥二号"}}); err != nil {
		t.Fatal(err)
	}
	one := load()
	if err := WriteEntries(path, []Entry{{Word: "鹊桥二号", Freq: 5}}); err != nil {
		t.Fatal(err)
	}
	if two := load(); one == "" || two == "" || one == two {
		t.Errorf("versions %q, %q: want two different fingerprints", one, two)
	}
}
