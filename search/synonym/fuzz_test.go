package synonym

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse: any file either parses into rules that never map a term to
// itself, with every alternative folded and within the limits, or fails
// with one LineError per bad line, each naming a line of the file.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"新冠, 新型冠状病毒, COVID-19",
		"联储局 => 美联储\n# comment\n\n两会, 全国两会 => 全国人大",
		"a,,b\n=>\nx => y => z",
		"ＷＨＯ, world  health organization\r\n",
		"新冠 # trailing comment, with comma",
		"\xff\xfe, a",
		"a=>b,c=>",
		strings.Repeat("a,", 20) + "b",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, file string) {
		s, err := Parse(strings.NewReader(file), "f")
		lines := strings.Count(file, "\n") + 1
		if err != nil {
			if s != nil {
				t.Fatal("both rules and an error")
			}
			for _, e := range unwrap(err) {
				var le *LineError
				if !errors.As(e, &le) || le.Line < 1 || le.Line > lines {
					t.Fatalf("error %q names no line of a %d-line file", e, lines)
				}
			}
			return
		}
		for key, alts := range s.alts {
			if key != Fold(key) || len(alts) == 0 || len(alts) > MaxAlternatives {
				t.Fatalf("key %q: %q", key, alts)
			}
			if slices.Contains(alts, key) {
				t.Fatalf("%q maps to itself", key)
			}
			for _, a := range alts {
				if a != Fold(a) || !utf8.ValidString(a) || utf8.RuneCountInString(a) > MaxTermRunes {
					t.Fatalf("alternative %q of %q", a, key)
				}
			}
		}
	})
}

func unwrap(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
