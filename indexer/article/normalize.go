package article

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"unicode"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// maxDerivedTitle bounds a title taken from the first line of the body.
const maxDerivedTitle = 60

// stableID derives an id that survives re-indexing: prefix plus the first
// 16 hex digits of the SHA-1 of key, with path separators as "/".
func stableID(prefix, key string) string {
	sum := sha1.Sum([]byte(strings.ReplaceAll(key, `\`, "/")))
	return prefix + hex.EncodeToString(sum[:])[:16]
}

// finish normalises a parsed article in place and validates it: the title
// becomes one trimmed line (or, when blank, the start of the body), the
// body clean paragraphs, categories trimmed. It fails with ErrEmpty when
// nothing is left to index.
func finish(a *xinwen.Article, where string) ([]Warning, error) {
	a.Title = oneLine(a.Title)
	if a.Title == "undefined" { // a scraper's JavaScript artefact, not a title
		a.Title = ""
	}
	a.Body = cleanLines(a.Body)
	a.Categories = cleanPath(a.Categories)
	a.URL = strings.TrimSpace(a.URL)
	a.Source = oneLine(a.Source)
	a.Thumbnail = strings.TrimSpace(a.Thumbnail)
	if a.Title != "" {
		return nil, nil
	}
	if a.Body == "" {
		return nil, ErrEmpty
	}
	first, _, _ := strings.Cut(a.Body, "\n")
	a.Title = truncateRunes(first, maxDerivedTitle)
	return []Warning{{Where: where + ": title", Reason: "blank title; used the first line of the body"}}, nil
}

// oneLine drops invisible characters and folds all whitespace, newlines
// included, into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(dropInvisible(s)), " ")
}

// cleanPath trims each level of a category path, dashes at its edges
// included ("— 分类" is 分类), and drops empty ones.
func cleanPath(path []string) []string {
	var out []string
	for _, p := range path {
		if p = strings.Trim(oneLine(p), " —–―"); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// dropInvisible removes the characters the analyzers drop as invisible
// (zero-width characters, the soft hyphen, the byte-order mark), which
// split words without showing on screen.
func dropInvisible(s string) string { return fold.DropInvisible(s) }

// isLineSpace is every space a line may start or end with, U+3000 and
// no-break space included.
func isLineSpace(r rune) bool { return unicode.IsSpace(r) }
