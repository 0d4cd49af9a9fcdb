package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/web"
)

// synonymArticles name two subjects, each article by one of its names.
var synonymArticles = []invented{
	{ID: "c1", Title: "新冠疫苗研发取得进展", Body: "新冠疫苗进入临床试验阶段。", Date: "2024-01-02T09:00:00+08:00", Source: "测试通讯社"},
	{ID: "c2", Title: "新型冠状病毒疫苗进展", Body: "新型冠状病毒疫苗进入试验阶段。", Date: "2024-01-03T09:00:00+08:00", Source: "测试通讯社"},
	{ID: "f1", Title: "美联储维持利率不变", Body: "美联储官员表示将继续观察。", Date: "2024-01-04T09:00:00+08:00", Source: "测试通讯社"},
	{ID: "f2", Title: "联储局议息结果公布", Body: "联储局宣布维持利率。", Date: "2024-01-05T09:00:00+08:00", Source: "测试通讯社"},
}

// writeSynonyms writes a synonyms file with an explicit modification time:
// two writes within the file system's clock resolution would otherwise
// look alike to the watcher.
func writeSynonyms(t *testing.T, path, text string, mod time.Time) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
}

// expandedBy searches q and returns what the answer says was expanded,
// with the ids found.
func expandedBy(t *testing.T, base, q string) ([]xinwen.Expansion, []string) {
	t.Helper()
	res := searchAPI(t, base, url.Values{"q": {q}})
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	slices.Sort(got)
	return res.Expanded, got
}

// waitFor polls cond until it holds; the deadline bounds a hang, it is no
// speed check.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestSynonymsHotReload runs xinwen serve with a synonyms file (through
// XINWEN_SYNONYMS) and changes the file under it: the new rules apply on
// the next reload tick, a bad file is logged with its line and leaves the
// rules in force, and the answer's expanded field says what applied.
func TestSynonymsHotReload(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, synonymArticles)
	path := filepath.Join(t.TempDir(), "synonyms.txt")
	t0 := time.Now().Add(-time.Hour)
	writeSynonyms(t, path, "新冠, 新型冠状病毒\n", t0)
	t.Setenv("XINWEN_SYNONYMS", path)
	srv, base := startServe(t, dir, "", "--reload-interval", "50ms")

	exp, got := expandedBy(t, base, "新冠")
	if !slices.Equal(got, []string{"c1", "c2"}) || len(exp) != 1 || exp[0].From != "新冠" || !slices.Equal(exp[0].To, []string{"新型冠状病毒"}) {
		t.Fatalf("新冠: found %v, expanded %+v; want c1 c2 through 新型冠状病毒", got, exp)
	}

	writeSynonyms(t, path, "美联储, 联储局\n", t0.Add(time.Second))
	waitFor(t, "the rewritten file", func() bool {
		exp, _ := expandedBy(t, base, "联储局")
		return len(exp) == 1
	})
	if exp, got := expandedBy(t, base, "联储局"); !slices.Equal(got, []string{"f1", "f2"}) || !slices.Equal(exp[0].To, []string{"美联储"}) {
		t.Errorf("联储局 after the reload: found %v, expanded %+v", got, exp)
	}
	if exp, got := expandedBy(t, base, "新冠"); !slices.Equal(got, []string{"c1"}) || exp != nil {
		t.Errorf("新冠 after its rule went: found %v, expanded %+v", got, exp)
	}

	writeSynonyms(t, path, "美联储, 联储局\n新冠 =>\n", t0.Add(2*time.Second))
	waitFor(t, "the bad line logged", func() bool { return strings.Contains(srv.out.String(), path+":2: ") })
	if exp, got := expandedBy(t, base, "联储局"); !slices.Equal(got, []string{"f1", "f2"}) || len(exp) != 1 {
		t.Errorf("after a bad file the rules in force changed: 联储局 found %v, expanded %+v", got, exp)
	}
}

// TestSynonymsReloadOnHUP: with no reload tick in sight, SIGHUP reads the
// file at once; --synonyms none turns the built-in list off.
func TestSynonymsReloadOnHUP(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, synonymArticles)
	path := filepath.Join(t.TempDir(), "synonyms.txt")
	writeSynonyms(t, path, "新冠, 新型冠状病毒\n", time.Now())
	srv, base := startServe(t, dir, "", "--reload-interval", "1h", "--synonyms", path)
	if exp, _ := expandedBy(t, base, "联储局"); exp != nil {
		t.Fatalf("联储局 expanded before the file named it: %+v", exp)
	}
	writeSynonyms(t, path, "联储局 => 美联储\n", time.Now().Add(time.Minute))
	if err := srv.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reload on SIGHUP", func() bool {
		exp, _ := expandedBy(t, base, "联储局")
		return len(exp) == 1
	})
	if exp, got := expandedBy(t, base, "美联储"); !slices.Equal(got, []string{"f1"}) || exp != nil {
		t.Errorf("美联储 through a one-way rule the other way: found %v, expanded %+v", got, exp)
	}

	_, base = startServe(t, dir, "", "--synonyms", "none")
	if exp, got := expandedBy(t, base, "新冠"); !slices.Equal(got, []string{"c1"}) || exp != nil {
		t.Errorf("--synonyms none: 新冠 found %v, expanded %+v", got, exp)
	}
}

// The built-in list serves when --synonyms is not given.
func TestSynonymsBuiltIn(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, synonymArticles)
	t.Setenv("XINWEN_SYNONYMS", "")
	_, base := startServe(t, dir, "")
	if exp, got := expandedBy(t, base, "新冠"); !slices.Equal(got, []string{"c1", "c2"}) || len(exp) != 1 {
		t.Errorf("built-in: 新冠 found %v, expanded %+v", got, exp)
	}
}

// xinwen search takes --synonyms too, and refuses a file with a bad line.
func TestSearchCommandSynonyms(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, synonymArticles)
	t.Setenv("XINWEN_SYNONYMS", "")
	for _, tc := range []struct {
		flag string
		want int // expansions
	}{{"", 1}, {"none", 0}} {
		args := []string{"search", "--index", dir, "--dict", zh.BundledDictDir(), "--json"}
		if tc.flag != "" {
			args = append(args, "--synonyms", tc.flag)
		}
		out, errOut, err := runCapture(t, append(args, "新冠")...)
		if err != nil {
			t.Fatalf("%v\n%s", err, errOut)
		}
		var res xinwen.Result
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if len(res.Expanded) != tc.want {
			t.Errorf("--synonyms %q: expanded %+v, want %d", tc.flag, res.Expanded, tc.want)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.txt")
	writeSynonyms(t, bad, "新冠\n", time.Now())
	_, _, err := runCapture(t, "search", "--index", dir, "--dict", zh.BundledDictDir(), "--synonyms", bad, "新冠")
	if err == nil || !strings.Contains(err.Error(), bad+":1: ") {
		t.Errorf("a bad file: %v, want its line 1 named", err)
	}
}

// TestAnalyzeSynonyms: /api/analyze in query mode reports the synonyms a
// search for the same text is widened with, as tokens of source synonym
// over the typed word, naming it; index mode and --synonyms none have none.
func TestAnalyzeSynonyms(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, synonymArticles)
	path := filepath.Join(t.TempDir(), "synonyms.txt")
	writeSynonyms(t, path, "新冠, 新型冠状病毒, 新冠肺炎\n联储局 => 美联储\n", time.Now())
	_, base := startServe(t, dir, "", "--synonyms", path)

	// The exclusion comes first, and 新冠 also stands inside a longer word:
	// each synonym must sit on the term it widens.
	const q = "-联储局 新冠肺炎疫苗 新冠"
	toks := analyzeAPI(t, base, q, "query")
	type syn struct {
		term, of   string
		start, end int
		atWord     bool // a token of the typed word itself has its start and position
	}
	var got []syn
	for _, tk := range toks {
		if tk.Source != "synonym" {
			continue
		}
		atWord := slices.ContainsFunc(toks, func(w web.AnalyzedToken) bool {
			return w.Source != "synonym" && w.Term == tk.Expands && w.Start == tk.Start && w.Position == tk.Position
		})
		got = append(got, syn{tk.Term, tk.Expands, tk.Start, tk.End, atWord})
	}
	fed, nc := strings.Index(q, "联储局"), strings.LastIndex(q, "新冠")
	want := []syn{{"美联储", "联储局", fed, fed + len("联储局"), true}, {"新型冠状病毒", "新冠", nc, nc + len("新冠"), true}}
	if !slices.Equal(got, want) {
		t.Errorf("synonym tokens of %q = %+v, want %+v (新冠肺炎 holds the typed word: searched for nothing more)\n%+v", q, got, want, toks)
	}
	exp, _ := expandedBy(t, base, q)
	var searched []string
	for _, e := range exp {
		searched = append(searched, e.To...)
	}
	slices.Sort(searched)
	if !slices.Equal(searched, []string{"新型冠状病毒", "美联储"}) {
		t.Errorf("the search of %q expanded %+v; analyze must report the same", q, exp)
	}
	for _, tk := range analyzeAPI(t, base, q, "index") {
		if tk.Source == "synonym" {
			t.Errorf("index mode: %+v; the index holds no synonyms", tk)
		}
	}
	_, base = startServe(t, dir, "", "--synonyms", "none")
	for _, tk := range analyzeAPI(t, base, q, "query") {
		if tk.Source == "synonym" {
			t.Errorf("--synonyms none: %+v", tk)
		}
	}
}
