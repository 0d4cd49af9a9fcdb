package zh

import (
	"strings"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Normalize folds s the way the analyzers do before segmenting: the chain
// of package fold (NFKC, lower case, invisible characters dropped, NUL to
// space). The phrase verifier uses it to compare text with indexed terms.
func Normalize(s string) string { return fold.String(s) }

// WordRuns splits normalized text into its runs of word characters, the
// stretches the bigram fields index: "经济，社会" -> [经济 社会].
func WordRuns(normalized string) []string {
	return strings.FieldsFunc(normalized, func(r rune) bool { return !fold.IsWordRune(r) })
}

// HasRuns reports whether normalized text holds runs one after another
// with at least one character that is not a word character between each
// two: what a quoted phrase with punctuation inside means. The first run
// may end a longer run of the text and the last begin one; the runs
// between must stand alone.
func HasRuns(normalized string, runs []string) bool {
	if len(runs) == 0 {
		return false
	}
	for i := 0; ; {
		j := strings.Index(normalized[i:], runs[0])
		if j < 0 {
			return false
		}
		at := i + j
		if followedByRuns(normalized[at+len(runs[0]):], runs[1:]) {
			return true
		}
		_, size := utf8.DecodeRuneInString(normalized[at:])
		i = at + size
	}
}

// followedByRuns: rest begins with a separator, then runs[0], and so on.
func followedByRuns(rest string, runs []string) bool {
	for _, run := range runs {
		trimmed := strings.TrimLeftFunc(rest, func(r rune) bool { return !fold.IsWordRune(r) })
		if len(trimmed) == len(rest) || !strings.HasPrefix(trimmed, run) {
			return false
		}
		rest = trimmed[len(run):]
	}
	return true
}
