package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
)

func addHexoSeeds(f *testing.F) {
	names, _ := filepath.Glob("testdata/hexo/*.md")
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

func checkArticle(t *testing.T, a xinwen.Article) {
	t.Helper()
	for _, s := range append([]string{a.ID, a.Title, a.Body, a.Source, a.URL, a.Thumbnail}, a.Categories...) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %+v", a)
		}
	}
	if a.ID == "" {
		t.Fatalf("empty ID in %+v", a)
	}
	if a.Title == "" && a.Body == "" {
		t.Fatalf("article with neither title nor body: %+v", a)
	}
}

func FuzzParseHexo(f *testing.F) {
	addHexoSeeds(f)
	f.Add("---\ntitle: \"\"\"'x'\"\"\"\n---\n")
	f.Fuzz(func(t *testing.T, in string) {
		a, _, err := ParseHexo(strings.NewReader(in), "f.md", Options{})
		if err == nil {
			checkArticle(t, a)
		}
	})
}

func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{"<p>甲</p><p><br></p>", "<和平宣言>", "<pre><init></pre>", `<img src="<a href="x">">`,
		"<video>x", "\u3000a\u3000\n", "a\xffb", "<script>x</script>y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := HTMLToText(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8: %q", out)
		}
		if out == "" {
			return
		}
		for line := range strings.SplitSeq(out, "\n") {
			if line == "" || strings.TrimFunc(line, isLineSpace) != line {
				t.Fatalf("untrimmed or blank line %q in %q", line, out)
			}
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	b, err := os.ReadFile("testdata/jsonl/mixed.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add(`{"id":null,"title":"t","categories":"a / b > c"}`)
	f.Fuzz(func(t *testing.T, in string) {
		lines := strings.Count(in, "\n") + 1
		n := 0
		for rec, err := range ReadJSONL(strings.NewReader(in), "f", Options{}) {
			n++
			if err == nil {
				checkArticle(t, rec.Article)
			} else if !strings.Contains(err.Error(), "f:") {
				t.Fatalf("error without position: %v", err)
			}
		}
		if n > lines {
			t.Fatalf("%d results from %d lines", n, lines)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"Sun, 28 Nov 2021 04:16:53 GMT", "2022-02-09 11:06:55", "Invalid Date",
		"2022-01-01T19:00:00+08:00", "2021-05-01", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ParseDate(in, nil)
		if err != nil && !d.IsZero() {
			t.Fatalf("error %v with a date %v", err, d)
		}
	})
}
