package article

import (
	"compress/gzip"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/internal/testcorpus"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestCorpusHexo(t *testing.T) {
	root := testcorpus.Path(t, "hexo")
	var files, bad, warned, undated int
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		files++
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		a, warns, err := ParseHexo(strings.NewReader(string(raw)), rel, Options{})
		if err != nil {
			bad++
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if len(warns) > 0 {
			warned++
			t.Logf("%s: %v", rel, warns)
		}
		if a.Date.IsZero() {
			undated++
		}
		checkCorpusHexo(t, rel, string(raw), a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("hexo: %d files, %d failed, %d with warnings, %d without date", files, bad, warned, undated)
	if files != 128 {
		t.Errorf("walked %d .md files, want 128", files)
	}
	if undated != 10 { // the ten "Invalid Date" posts
		t.Errorf("%d posts without a date, want 10", undated)
	}
}

func checkCorpusHexo(t *testing.T, rel, raw string, a xinwen.Article) {
	t.Helper()
	base := filepath.Base(rel)
	switch {
	case a.Title == "1200" || strings.Contains(a.Title, "&#12"):
		t.Errorf("%s: mangled title %q", rel, a.Title)
	case strings.TrimSpace(a.Title) == "" || strings.HasPrefix(a.Title, `"`) || strings.HasSuffix(a.Title, `"`):
		t.Errorf("%s: blank or quoted title %q", rel, a.Title)
	case base == "12_00.md" && a.Title != "12_00", base == "1936.md" && a.Title != "1936":
		t.Errorf("%s: title %q, want the file's name", rel, a.Title)
	case strings.Contains(raw, "<和平宣言>") && !strings.Contains(a.Body, "<和平宣言>"):
		t.Errorf("%s: pseudo-tag <和平宣言> lost", rel)
	case strings.Contains(raw, "<让我们荡起双桨>") && !strings.Contains(a.Body, "<让我们荡起双桨>"):
		t.Errorf("%s: pseudo-tag <让我们荡起双桨> lost", rel)
	case strings.Contains(a.Body, "&#123;") || strings.Contains(a.Body, "<p>"):
		t.Errorf("%s: markup left in body", rel)
	case !a.Date.IsZero() && (a.Date.Year() < 1936 || a.Date.After(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC))):
		t.Errorf("%s: date %v out of range", rel, a.Date)
	case len(a.Categories) < 2 || len(a.Categories) > 3:
		t.Errorf("%s: categories %q, want 2 or 3 levels", rel, a.Categories)
	}
}

func TestCorpusJSONL(t *testing.T) {
	tests := []struct {
		file                             string
		records, titleOnly, undefinedRec int
	}{
		{"xwlb.jsonl.gz", 24102, 2, 0},
		// Five records read "undefined" in both title and body: scraper
		// artefacts with nothing to index, reported as ErrEmpty.
		{"xwlb-html.jsonl.gz", 19876, 282, 5},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(testcorpus.Path(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			z, err := gzip.NewReader(f)
			if err != nil {
				t.Fatal(err)
			}
			var ok, titleOnly, empty int
			for rec, err := range ReadJSONL(z, tt.file, Options{}) {
				switch {
				case errors.Is(err, ErrEmpty):
					empty++
					t.Logf("skipped %v", err)
				case err != nil:
					t.Errorf("%v", err)
				default:
					ok++
					if rec.Article.Body == "" {
						titleOnly++
					}
					checkCorpusRecord(t, rec)
				}
			}
			t.Logf("%s: %d articles (%d title only), %d empty skipped", tt.file, ok, titleOnly, empty)
			if ok+empty != tt.records || titleOnly != tt.titleOnly || empty != tt.undefinedRec {
				t.Errorf("got %d articles, %d title-only, %d empty; want %d records, %d title-only, %d empty",
					ok, titleOnly, empty, tt.records, tt.titleOnly, tt.undefinedRec)
			}
		})
	}
}

func checkCorpusRecord(t *testing.T, rec Parsed) {
	t.Helper()
	a := rec.Article
	// One record's title is the artefact "undefined"; it takes its title
	// from the body with a warning. No other warning is expected.
	if !strings.HasPrefix(a.ID, "xwlb") || a.Date.IsZero() || len(a.Categories) == 0 ||
		a.Categories[0] != "新闻联播" || strings.Contains(a.Body, "<p") ||
		len(rec.Warnings) > 0 && !strings.HasSuffix(rec.Warnings[0].Where, ": title") {
		t.Errorf("%s: suspicious record id=%q date=%v cats=%q warns=%v", rec.Where, a.ID, a.Date, a.Categories, rec.Warnings)
	}
}

// TestCorpusSogou reads both Sogou dumps. Decoding must look like Chinese
// news: "的" is about 3% of it, and GBK read out of step or as the wrong
// encoding has far fewer. And no record may read out of step (see
// misreadSpan): in SogouCA, stray '?' bytes replaced one byte of a two-byte
// character all over; before repairGBK weighed readings by common hanzi,
// 91 of its 200 records still read out of step, now none does. SogouCS is
// UTF-8 and calibrates the check: one record there has three rare hanzi in
// a row (鹧鸪、珙).
func TestCorpusSogou(t *testing.T) {
	for _, file := range []string{"SogouCA/news_tensite_xml.smarty.dat", "SogouCS/news_sohusite_xml.smarty.dat"} {
		t.Run(filepath.Dir(file), func(t *testing.T) {
			f, err := os.Open(testcorpus.Path(t, filepath.Join("sogou", file)))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var ok, skipped, runes, bad, de, misread int
			for rec, err := range ReadSogou(f, file, Options{}) {
				if err != nil {
					skipped++
					t.Logf("skipped %v", err)
					continue
				}
				ok++
				text := rec.Article.Title + rec.Article.Body
				runes += len([]rune(text))
				bad += strings.Count(text, "\uFFFD")
				de += strings.Count(text, "的")
				if span := misreadSpan(rec.Article.Title + "\n" + rec.Article.Body); span != "" {
					misread++
					t.Logf("%s: reads out of step: %q", rec.Article.ID, span)
				}
			}
			t.Logf("%s: %d docs parsed, %d skipped, %d runes, %d U+FFFD, %d 的, %d read out of step", file, ok, skipped, runes, bad, de, misread)
			if ok+skipped != 200 || ok < 190 || bad*1000 > runes || de*50 < runes {
				t.Errorf("decoding looks wrong")
			}
			if misread > 2 {
				t.Errorf("%d of %d records read out of step, want at most 2", misread, ok)
			}
		})
	}
}

// misreadSpan returns a stretch of text that looks like GBK decoded out of
// step, or "". Two signs, neither used by the repair itself: a '?' left
// beside a hanzi or full-width form (an unrepaired lost byte), and three of
// four consecutive hanzi outside GB2312 level 1 (the 3,755 most frequent),
// which in-step news text almost never has but pairs read across character
// boundaries often do.
func misreadSpan(text string) string {
	rs := []rune(text)
	cjk := func(r rune) bool { return unicode.Is(unicode.Han, r) || r >= 0xFF01 && r <= 0xFF5E }
	for i, r := range rs {
		if r == '?' && (i > 0 && cjk(rs[i-1]) || i+1 < len(rs) && cjk(rs[i+1])) {
			return string(rs[max(0, i-4):min(len(rs), i+5)])
		}
	}
	enc := simplifiedchinese.GBK.NewEncoder()
	rare := func(r rune) bool {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		b, err := enc.Bytes([]byte(string(r)))
		return err != nil || len(b) != 2 || b[0] < 0xB0 || b[0] > 0xD7
	}
	for i := 0; i+4 <= len(rs); i++ {
		n := 0
		for _, r := range rs[i : i+4] {
			if rare(r) {
				n++
			}
		}
		if n >= 3 {
			return string(rs[i : i+4])
		}
	}
	return ""
}
