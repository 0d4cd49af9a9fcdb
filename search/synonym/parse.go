package synonym

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Limits on one rule, so a file cannot make a query of thousands of
// clauses: every alternative of a typed word is a phrase query.
const (
	MaxTermRunes    = 64 // a term longer than this is a bad line
	MaxTermsPerLine = 16 // terms on one line, both sides together
	// MaxAlternatives bounds what Lookup returns for one word when several
	// rules name it; the first rules in the file win.
	MaxAlternatives = 16
)

// Set is a parsed synonyms file: for each folded term, the other terms a
// query of it also searches. It is immutable; the zero Set and a nil *Set
// hold no rules.
type Set struct {
	alts  map[string][]string
	rules int
}

// LineError is one bad line of a synonyms file.
type LineError struct {
	File   string
	Line   int
	Reason string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason) }

// Parse reads a synonyms file; name is what errors call it. Each line is
// a rule, a comment (from #) or blank:
//
//	新冠, 新冠肺炎, 新型冠状病毒   equivalents: a query of any also searches the others
//	联储局 => 美联储              one way: a query of 联储局 also searches 美联储, not back
//	两会, 全国两会 => 全国人大和全国政协会议
//
// A typed word always searches itself too: "a => b" adds b to a, it does
// not replace a (Solr's replacement would break the promise that any text
// an article holds is found). Rules are not chained: "a, b" and "b, c"
// give a query of a only b. The error, when any line is bad, lists every
// bad line as *LineError joined (errors.Join), and no Set is returned.
func Parse(r io.Reader, name string) (*Set, error) {
	s := &Set{alts: map[string][]string{}}
	var bad []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := s.add(line); err != nil {
			bad = append(bad, &LineError{File: name, Line: n, Reason: err.Error()})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("synonym: read %s: %w", name, err)
	}
	if len(bad) > 0 {
		return nil, errors.Join(bad...)
	}
	return s, nil
}

// add parses one rule line into s.
func (s *Set) add(line string) error {
	if !utf8.ValidString(line) {
		return errors.New("not UTF-8")
	}
	sides := strings.Split(line, "=>")
	if len(sides) > 2 {
		return errors.New(`more than one "=>"`)
	}
	from, err := terms(sides[0])
	if err != nil {
		return err
	}
	to := from
	if len(sides) == 2 {
		if to, err = terms(sides[1]); err != nil {
			return err
		}
	}
	if len(sides) == 1 && len(from) < 2 {
		return errors.New(`one term: nothing to be equivalent to (write "a, b" or "a => b")`)
	}
	n := len(from)
	if len(sides) == 2 {
		n += len(to)
	}
	if n > MaxTermsPerLine {
		return fmt.Errorf("%d terms, at most %d on a line", n, MaxTermsPerLine)
	}
	for _, f := range from {
		for _, t := range to {
			if t != f && !slices.Contains(s.alts[f], t) && len(s.alts[f]) < MaxAlternatives {
				s.alts[f] = append(s.alts[f], t)
			}
		}
	}
	s.rules++
	return nil
}

// terms splits one side of a rule at commas and folds each term.
func terms(side string) ([]string, error) {
	var out []string
	for _, raw := range strings.Split(side, ",") {
		t := Fold(raw)
		switch {
		case t == "":
			return nil, errors.New("empty term (two commas, or a comma or \"=>\" at an end)")
		case !fold.HasWordRune(t):
			return nil, fmt.Errorf("term %q has no letter or digit", strings.TrimSpace(raw))
		case utf8.RuneCountInString(t) > MaxTermRunes:
			return nil, fmt.Errorf("term %q is longer than %d characters", t, MaxTermRunes)
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// Fold is the form terms are matched in: fold.String, with the spaces
// trimmed at the ends and runs of them inside made one.
func Fold(s string) string { return strings.Join(strings.Fields(fold.String(s)), " ") }

// Lookup returns the other terms a query of word also searches, folded,
// in the order of the file; nil when no rule names it. The slice is
// shared: do not change it.
func (s *Set) Lookup(word string) []string {
	if s == nil || len(s.alts) == 0 {
		return nil
	}
	return s.alts[Fold(word)]
}

// Rules is how many rule lines s holds.
func (s *Set) Rules() int {
	if s == nil {
		return 0
	}
	return s.rules
}
