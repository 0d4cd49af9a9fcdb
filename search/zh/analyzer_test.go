package zh

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// tok is an expected token: term, byte offsets into the input, position.
type tok struct {
	term       string
	start, end int
	pos        int
}

func (t tok) String() string { return fmt.Sprintf("%s[%d:%d]@%d", t.term, t.start, t.end, t.pos) }

type analyzerCase struct {
	name     string
	analyzer string
	input    string
	want     []tok
}

var analyzerCases = []analyzerCase{
	// zh_index: jieba search mode, sub-words share the parent's position.
	{"index/width folding", IndexAnalyzerName, "ＡＢＣ１２３", []tok{{"abc123", 0, 18, 1}}},
	{"index/lower case", IndexAnalyzerName, "Hello World", []tok{{"hello", 0, 5, 1}, {"world", 6, 11, 2}}},
	{"index/sub-words share position", IndexAnalyzerName, "中华人民共和国成立", []tok{
		{"中华人民共和国", 0, 21, 1}, {"中华", 0, 6, 1}, {"华人", 3, 9, 1}, {"人民", 6, 12, 1},
		{"共和国", 12, 21, 1}, {"共和", 12, 18, 1}, {"成立", 21, 27, 2}}},
	{"index/stop words leave gaps", IndexAnalyzerName, "我的和他的", []tok{{"我", 0, 3, 1}, {"他", 9, 12, 4}}},
	{"index/punctuation dropped", IndexAnalyzerName, "经济，发展！", []tok{{"经济", 0, 6, 1}, {"发展", 9, 15, 2}}},
	{"index/5G", IndexAnalyzerName, "5G网络", []tok{{"5g", 0, 2, 1}, {"网络", 2, 8, 2}}},
	{"index/COVID-19", IndexAnalyzerName, "COVID-19疫情", []tok{{"covid", 0, 5, 1}, {"19", 6, 8, 2}, {"疫情", 8, 14, 3}}},
	{"index/ISO 9001", IndexAnalyzerName, "ISO 9001认证", []tok{{"iso", 0, 3, 1}, {"9001", 4, 8, 2}, {"认证", 8, 14, 3}}},
	{"index/date", IndexAnalyzerName, "2024年3月", []tok{{"2024", 0, 4, 1}, {"年", 4, 7, 2}, {"3", 7, 8, 3}, {"月", 8, 11, 4}}},
	{"index/user dictionary", IndexAnalyzerName, "新质生产力", []tok{
		{"新质生产力", 0, 15, 1}, {"生产力", 6, 15, 1}, {"生产", 6, 12, 1}}},
	{"index/zero width dropped", IndexAnalyzerName, "人\u200b民币", []tok{{"人民币", 0, 12, 1}, {"人民", 0, 9, 1}}},
	{"index/empty", IndexAnalyzerName, "", []tok{}},
	{"index/only punctuation", IndexAnalyzerName, "，。！？ ", []tok{}},

	// zh_query: precise mode, one position per word.
	{"query/width folding", QueryAnalyzerName, "ＡＢＣ１２３", []tok{{"abc123", 0, 18, 1}}},
	{"query/no sub-words", QueryAnalyzerName, "中华人民共和国成立", []tok{{"中华人民共和国", 0, 21, 1}, {"成立", 21, 27, 2}}},
	{"query/stop words leave gaps", QueryAnalyzerName, "中国的经济", []tok{{"中国", 0, 6, 1}, {"经济", 9, 15, 3}}},
	{"query/english stop words", QueryAnalyzerName, "The Art of War", []tok{{"art", 4, 7, 2}, {"war", 11, 14, 4}}},
	{"query/full-width punctuation", QueryAnalyzerName, "Ａ股（港股）", []tok{{"a股", 0, 6, 1}, {"港股", 9, 15, 2}}},
	{"query/COVID-19", QueryAnalyzerName, "COVID-19疫情", []tok{{"covid", 0, 5, 1}, {"19", 6, 8, 2}, {"疫情", 8, 14, 3}}},
	{"query/all stop words", QueryAnalyzerName, "的了", []tok{}},

	// zh_bigram: overlapping bigrams per run, a position gap between runs.
	{"bigram/width folding", BigramAnalyzerName, "ＡＢ１", []tok{{"ab", 0, 6, 1}, {"b1", 3, 9, 2}}},
	{"bigram/mixed script", BigramAnalyzerName, "5G网络", []tok{{"5g", 0, 2, 1}, {"g网", 1, 5, 2}, {"网络", 2, 8, 3}}},
	{"bigram/gap across punctuation", BigramAnalyzerName, "人民，币", []tok{{"人民", 0, 6, 1}, {"币", 9, 12, 4}}},
	{"bigram/gap across space", BigramAnalyzerName, "ISO 9001", []tok{
		{"is", 0, 2, 1}, {"so", 1, 3, 2}, {"90", 4, 6, 5}, {"00", 5, 7, 6}, {"01", 6, 8, 7}}},
	{"bigram/single-character runs", BigramAnalyzerName, "我、你。他", []tok{{"我", 0, 3, 1}, {"你", 6, 9, 4}, {"他", 12, 15, 7}}},
	{"bigram/stop words kept", BigramAnalyzerName, "的了", []tok{{"的了", 0, 6, 1}}},
	{"bigram/zero width dropped", BigramAnalyzerName, "人\u200b民", []tok{{"人民", 0, 9, 1}}},
	{"bigram/combining mark in run", BigramAnalyzerName, "e\u0301t", []tok{{"ét", 0, 4, 1}}},
	{"bigram/empty", BigramAnalyzerName, "", []tok{}},
}

func TestAnalyzers(t *testing.T) {
	cache := registry.NewCache()
	for _, tc := range analyzerCases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := cache.AnalyzerNamed(tc.analyzer)
			if err != nil {
				t.Fatal(err)
			}
			got := toks(a.Analyze([]byte(tc.input)))
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s(%q)\n got %v\nwant %v", tc.analyzer, tc.input, got, tc.want)
			}
		})
	}
}

func toks(stream analysis.TokenStream) []tok {
	out := make([]tok, len(stream))
	for i, t := range stream {
		out[i] = tok{string(t.Term), t.Start, t.End, t.Position}
	}
	return out
}

// TestOffsetsPointAtOriginal checks that every token's span covers exactly
// the original characters it came from: normalizing the span gives the term
// back, and on already-normalized input the span is the term itself.
func TestOffsetsPointAtOriginal(t *testing.T) {
	inputs := []string{"ＡＢＣ１２３股市", "Ｈｅｌｌｏ，世界！", "COVID-19疫情", "中华人民共和国成立",
		"２０２４年３月", "人\u200b民币", "新質生產力"}
	for _, name := range []string{IndexAnalyzerName, QueryAnalyzerName, BigramAnalyzerName} {
		for _, in := range inputs {
			toks, err := Analyze(name, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, tk := range toks {
				surface := in[tk.Start:tk.End]
				if !utf8.ValidString(surface) || Normalize(surface) != tk.Term {
					t.Errorf("%s(%q): %q at [%d:%d] covers %q", name, in, tk.Term, tk.Start, tk.End, surface)
				}
				if Normalize(in) == in && surface != tk.Term {
					t.Errorf("%s(%q): surface %q != term %q", name, in, surface, tk.Term)
				}
			}
		}
	}
}

func TestNoSegmenter(t *testing.T) {
	seg, _ := Default()
	Use(nil)
	defer Use(seg)
	if _, err := Default(); err != ErrNoSegmenter {
		t.Errorf("Default() error = %v, want ErrNoSegmenter", err)
	}
	if _, err := registry.NewCache().AnalyzerNamed(IndexAnalyzerName); err == nil {
		t.Error("zh_index built without a segmenter")
	}
	if _, err := Analyze(BigramAnalyzerName, "人民"); err != nil {
		t.Errorf("zh_bigram needs no segmenter: %v", err)
	}
}

// FuzzAnalyzers checks, for any input, that spans lie on the input, cover
// their term and that positions never go back.
func FuzzAnalyzers(f *testing.F) {
	for _, tc := range analyzerCases {
		f.Add(tc.input)
	}
	f.Add("㍿\x00\xff\u0301e")
	f.Fuzz(func(t *testing.T, in string) {
		for _, name := range []string{IndexAnalyzerName, QueryAnalyzerName, BigramAnalyzerName} {
			toks, err := Analyze(name, in)
			if err != nil {
				t.Fatal(err)
			}
			last := 0
			for _, tk := range toks {
				if tk.Start < 0 || tk.Start >= tk.End || tk.End > len(in) || tk.Position < last {
					t.Fatalf("%s(%q): bad token %+v", name, in, tk)
				}
				if !strings.Contains(Normalize(in[tk.Start:tk.End]), tk.Term) {
					t.Fatalf("%s(%q): %q not in its span %q", name, in, tk.Term, in[tk.Start:tk.End])
				}
				last = tk.Position
			}
		}
	})
}

// TestConcurrentAnalyze shares one segmenter between goroutines, as
// Bleve's analysis workers do (run with -race).
func TestConcurrentAnalyze(t *testing.T) {
	want, err := Analyze(IndexAnalyzerName, "中华人民共和国成立，ＧＤＰ增长5%")
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			for range 50 {
				got, _ := Analyze(IndexAnalyzerName, "中华人民共和国成立，ＧＤＰ增长5%")
				if fmt.Sprint(got) != fmt.Sprint(want) {
					errs <- fmt.Sprint(got)
					return
				}
			}
			errs <- ""
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Errorf("concurrent result %s, want %v", e, want)
		}
	}
}

// The index form of the bigram analyzer differs from zh_bigram in the
// offsets alone: the same terms at the same positions, offsets zero.
func TestBigramPositionsDropOffsetsOnly(t *testing.T) {
	cache := registry.NewCache()
	full, err := cache.AnalyzerNamed(BigramAnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	pos, err := cache.AnalyzerNamed(BigramPositionsAnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"中华人民共和国，ＡＢＣ１２３ 5G网络", "新闻联播：COVID-19", "单"} {
		want, got := toks(full.Analyze([]byte(in))), toks(pos.Analyze([]byte(in)))
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%q: %d tokens, want %d", in, len(got), len(want))
		}
		for i := range want {
			w := want[i]
			w.start, w.end = 0, 0
			if got[i] != w {
				t.Errorf("%q token %d = %v, want %v", in, i, got[i], w)
			}
		}
	}
}

func TestHasRuns(t *testing.T) {
	tests := []struct {
		text string
		runs []string
		want bool
	}{
		{"推动经济，社会协调", []string{"经济", "社会"}, true},
		{"推动经济和社会协调", []string{"经济", "社会"}, false},
		{"经济，社会主义，发展", []string{"经济", "社会", "发展"}, false},
		{"经济，，社会 发展", []string{"经济", "社会", "发展"}, true},
		{"经济社会，经济，社会", []string{"经济", "社会"}, true}, // a later occurrence
		{"7.8%", []string{"7", "8"}, true},
		{"1758", []string{"7", "8"}, false},
		{"", []string{"a"}, false},
	}
	for _, tt := range tests {
		if got := HasRuns(tt.text, tt.runs); got != tt.want {
			t.Errorf("HasRuns(%q, %q) = %v, want %v", tt.text, tt.runs, got, tt.want)
		}
	}
	if got := WordRuns(Normalize("经济，社会 ＡＢ-12")); strings.Join(got, "|") != "经济|社会|ab|12" {
		t.Errorf("WordRuns = %q", got)
	}
}
