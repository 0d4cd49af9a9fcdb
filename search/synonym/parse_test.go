package synonym

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		file string
		want map[string][]string // word -> Lookup
	}{
		{"equivalents", "新冠, 新型冠状病毒, COVID-19", map[string][]string{
			"新冠":       {"新型冠状病毒", "covid-19"},
			"新型冠状病毒":   {"新冠", "covid-19"},
			"covid-19": {"新冠", "新型冠状病毒"},
			"COVID-19": {"新冠", "新型冠状病毒"},
			"ＣＯＶＩＤ－１９": {"新冠", "新型冠状病毒"}, // matched after NFKC
		}},
		{"one way", "联储局 => 美联储", map[string][]string{
			"联储局": {"美联储"},
			"美联储": nil,
		}},
		{"several one way", "两会, 全国两会 => 全国人大, 全国政协", map[string][]string{
			"两会":   {"全国人大", "全国政协"},
			"全国两会": {"全国人大", "全国政协"},
			"全国人大": nil,
		}},
		{"a one-way rule naming itself on the right", "世卫 => 世卫, 世卫组织", map[string][]string{
			"世卫": {"世卫组织"},
		}},
		{"comments and blank lines", "# news aliases\n\n  \n美联储, 联储局 # the Fed\n", map[string][]string{
			"美联储": {"联储局"},
			"联储局": {"美联储"},
		}},
		{"rules merge, without chaining", "a1, b1\nb1, c1", map[string][]string{
			"a1": {"b1"},
			"b1": {"a1", "c1"},
			"c1": {"b1"},
		}},
		{"spaces inside a term are one", "WHO,  World   Health Organization ", map[string][]string{
			"who":                       {"world health organization"},
			"world health organization": {"who"},
		}},
		{"duplicate terms", "欧盟, 欧盟, 欧洲联盟", map[string][]string{
			"欧盟": {"欧洲联盟"},
		}},
		{"CRLF", "美联储, 联储局\r\n", map[string][]string{
			"联储局": {"美联储"},
		}},
		{"empty file", "", map[string][]string{"新冠": nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(strings.NewReader(tt.file), "test.txt")
			if err != nil {
				t.Fatal(err)
			}
			for w, want := range tt.want {
				if got := s.Lookup(w); !slices.Equal(got, want) {
					t.Errorf("Lookup(%q) = %q, want %q", w, got, want)
				}
			}
		})
	}
}

func TestParseBadLines(t *testing.T) {
	tests := []struct {
		name, line, reason string
	}{
		{"one term", "新冠", "one term"},
		{"empty term", "新冠,,新型冠状病毒", "empty term"},
		{"trailing comma", "新冠, 新型冠状病毒,", "empty term"},
		{"empty left side", "=> 美联储", "empty term"},
		{"empty right side", "联储局 =>", "empty term"},
		{"two arrows", "a => b => c", `more than one "=>"`},
		{"no word character", "新冠, ——", "no letter or digit"},
		{"too long", "新冠, " + strings.Repeat("长", MaxTermRunes+1), "longer than"},
		{"too many terms", "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q", "at most 16"},
		{"too many terms one way", "a,b,c,d,e,f,g,h => i,j,k,l,m,n,o,p,q", "at most 16"},
		{"not UTF-8", "新冠, \xff\xfe", "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := "美联储, 联储局\n# comment\n" + tt.line + "\n"
			s, err := Parse(strings.NewReader(file), "syn.txt")
			if s != nil || err == nil {
				t.Fatalf("Parse = %v, %v; want an error", s, err)
			}
			var le *LineError
			if !errors.As(err, &le) || le.Line != 3 || le.File != "syn.txt" {
				t.Fatalf("err = %v, want a LineError at syn.txt:3", err)
			}
			if !strings.HasPrefix(err.Error(), "syn.txt:3: ") || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err = %q, want syn.txt:3: …%s…", err, tt.reason)
			}
		})
	}
}

func TestParseListsEveryBadLine(t *testing.T) {
	_, err := Parse(strings.NewReader("a, b\nlonely\nc, d\n,\ne => f => g\n"), "f.txt")
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{"f.txt:2: ", "f.txt:4: ", "f.txt:5: "}
	if len(lines) != len(want) {
		t.Fatalf("error lists %d lines, want %d:\n%s", len(lines), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d of the error = %q, want prefix %q", i, lines[i], w)
		}
	}
}

func TestLookupMergesUpToTheLimit(t *testing.T) {
	var file strings.Builder
	for i := range MaxAlternatives + 5 {
		file.WriteString("key, alt" + strings.Repeat("x", i) + "\n")
	}
	s, err := Parse(strings.NewReader(file.String()), "f")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Lookup("key"); len(got) != MaxAlternatives || got[0] != "alt" {
		t.Errorf("Lookup(key) = %d alternatives starting %q, want %d starting alt", len(got), got[0], MaxAlternatives)
	}
	if s.Rules() != MaxAlternatives+5 {
		t.Errorf("Rules = %d", s.Rules())
	}
}

func TestNilSet(t *testing.T) {
	var s *Set
	if s.Lookup("新冠") != nil || s.Rules() != 0 {
		t.Error("a nil Set holds rules")
	}
}
