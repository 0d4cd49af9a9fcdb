package article

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// result is one yielded pair, flattened for golden files.
type result struct {
	Where    string          `json:"where"`
	Article  *xinwen.Article `json:"article,omitempty"`
	Warnings []Warning       `json:"warnings,omitempty"`
	Error    string          `json:"error,omitempty"`
}

func collect(seq func(func(Parsed, error) bool)) []result {
	var out []result
	for rec, err := range seq {
		r := result{Where: rec.Where, Warnings: rec.Warnings}
		if err != nil {
			r.Error = err.Error()
		} else {
			a := rec.Article
			r.Article = &a
		}
		out = append(out, r)
	}
	return out
}

func TestReadJSONLGolden(t *testing.T) {
	path := filepath.Join("testdata", "jsonl", "mixed.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := collect(ReadJSONL(f, "mixed.jsonl", Options{}))
	var buf bytes.Buffer
	for _, r := range got {
		buf.Write(marshalGolden(t, r))
	}
	checkGolden(t, strings.TrimSuffix(path, ".jsonl")+".golden", buf.Bytes())
}

func TestReadJSONL(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "jsonl", "mixed.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := collect(ReadJSONL(f, "mixed.jsonl", Options{}))
	wantWhere := []string{"mixed.jsonl:1", "mixed.jsonl:2", "mixed.jsonl:3", "mixed.jsonl:4", "mixed.jsonl:6", "mixed.jsonl:7"}
	if len(got) != len(wantWhere) {
		t.Fatalf("got %d results, want %d: %+v", len(got), len(wantWhere), got)
	}
	for i, w := range wantWhere {
		if got[i].Where != w {
			t.Errorf("result %d at %s, want %s", i, got[i].Where, w)
		}
	}
	if a := got[1].Article; a == nil || a.Body != "本报消息：沿江各地加强治理。\n水质持续向好。" ||
		strings.Join(a.Categories, "|") != "新闻|快评" {
		t.Errorf("HTML record = %+v", a)
	}
	if !strings.Contains(got[2].Error, "mixed.jsonl:3") || got[2].Article != nil {
		t.Errorf("bad line: %+v", got[2])
	}
	a := got[3].Article
	if a == nil || a.ID != contentID(*a) || strings.Join(a.Categories, "|") != "本地|交通|地铁" ||
		!a.Date.IsZero() || len(got[3].Warnings) != 1 {
		t.Errorf("record without id: %+v %v", a, got[3].Warnings)
	}
	if !strings.Contains(got[4].Error, ErrEmpty.Error()) {
		t.Errorf("empty record: %+v", got[4])
	}
	if a := got[5].Article; a == nil || a.ID != "7" || a.Title != "只有正文的稿件第一行" {
		t.Errorf("numeric id, blank title: %+v", a)
	}
}

func TestReadJSONLErrorsAreTyped(t *testing.T) {
	in := "{\"title\": [\"t\"]}\nnot json\n[1]\n{\"title\":\"t\",\"categories\":{\"a\":1}}\n"
	var errs []error
	for _, err := range ReadJSONL(strings.NewReader(in), "x", Options{}) {
		errs = append(errs, err)
	}
	if len(errs) != 4 {
		t.Fatalf("got %d results, want 4", len(errs))
	}
	for i, err := range errs {
		if !errors.Is(err, ErrBadJSON) {
			t.Errorf("line %d: err = %v, want ErrBadJSON", i+1, err)
		}
	}
}

func TestReadJSONLGBKLine(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(`{"id":"g","title":"旧编码的标题","body":"正文"}`)
	if err != nil {
		t.Fatal(err)
	}
	in := `{"id":"u","title":"统一码","body":"甲"}` + "\n" + gbk + "\n" + "\xff\xfe\xfd\xfc\x80\x80\n" + `{"id":"v","title":"后","body":"乙"}`
	var ids, errs []string
	for rec, err := range ReadJSONL(strings.NewReader(in), "gbk.jsonl", Options{}) {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		ids = append(ids, rec.Article.ID+"="+rec.Article.Title)
	}
	if strings.Join(ids, ",") != "u=统一码,g=旧编码的标题,v=后" {
		t.Errorf("ids = %v", ids)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "gbk.jsonl:3") {
		t.Errorf("errs = %v, want one at gbk.jsonl:3", errs)
	}
}

func TestReadJSONLLongLines(t *testing.T) {
	big := strings.Repeat("长", 200_000) // 600 KB: beyond bufio.Scanner's default
	huge := strings.Repeat("x", MaxLineBytes+10)
	in := `{"title":"大","body":"` + big + "\"}\n" + huge + "\n" + `{"title":"后","body":"b"}` + "\n"
	var got []string
	for rec, err := range ReadJSONL(strings.NewReader(in), "big", Options{}) {
		if err != nil {
			got = append(got, "error "+rec.Where)
			continue
		}
		got = append(got, rec.Article.Title)
	}
	if strings.Join(got, ",") != "大,error big:2,后" {
		t.Errorf("got %v", got)
	}
}

func TestReadJSONLStopsWhenAsked(t *testing.T) {
	in := "{\"title\":\"a\"}\n{\"title\":\"b\"}\n"
	n := 0
	for range ReadJSONL(strings.NewReader(in), "x", Options{}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("yielded %d after break", n)
	}
}

// Producers write titles as numbers and dates as Unix seconds; such a
// record is read, not skipped. A date of the wrong shape only costs the
// date.
func TestReadJSONLLooseTypes(t *testing.T) {
	in := `{"id":1,"title":1936,"body":"正文 &amp; 注释&#x3000;完","date":1709280000,"categories":["体育/网球"]}
{"id":"2","title":"标题&amp;副题","body":"正文","date":{"y":2024}}
`
	var recs []Parsed
	for rec, err := range ReadJSONL(strings.NewReader(in), "x", Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	a := recs[0].Article
	if a.Title != "1936" || !a.Date.Equal(time.Unix(1709280000, 0)) || a.Body != "正文 & 注释\u3000完" ||
		strings.Join(a.Categories, "|") != "体育|网球" {
		t.Errorf("numbers, entities, a path in a list: %+v", a)
	}
	if b := recs[1].Article; b.Title != "标题&副题" || !b.Date.IsZero() || len(recs[1].Warnings) != 1 {
		t.Errorf("object date: %+v %v", b, recs[1].Warnings)
	}
}

// An id-less record's id comes from its content: the same record on
// another line of another file keeps it; another record does not share it.
func TestContentIDs(t *testing.T) {
	read := func(name, in string) []string {
		var ids []string
		for rec, err := range ReadJSONL(strings.NewReader(in), name, Options{}) {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, rec.Article.ID)
		}
		return ids
	}
	mon := read("day/today.jsonl", `{"title":"周一新闻","body":"一"}`+"\n"+`{"title":"有链接","body":"二","url":"https://e.com/1"}`)
	tue := read("/abs/other/today.jsonl", `{"title":"周二新闻","body":"三"}`+"\n"+`{"title":"周一新闻","body":"一"}`+"\n"+`{"title":"改了标题","body":"改了","url":"https://e.com/1"}`)
	if mon[0] == tue[0] {
		t.Errorf("two articles on line 1 of two today.jsonl share id %s", mon[0])
	}
	if mon[0] != tue[1] {
		t.Errorf("the same article read twice: ids %s and %s", mon[0], tue[1])
	}
	if mon[1] != tue[2] {
		t.Errorf("the same url: ids %s and %s", mon[1], tue[2])
	}
	for _, id := range append(mon, tue...) {
		if !strings.HasPrefix(id, "jl-") {
			t.Errorf("id %q lacks the jl- prefix", id)
		}
	}
}
