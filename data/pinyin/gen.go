//go:build ignore

// gen writes phrases.txt from phrase-pinyin-data's pinyin.txt, keeping the
// words that some character reads otherwise than its most common reading
// (the only ones the table changes), so the binary carries under a tenth
// of the table:
//
//	git --git-dir=PATH/phrase-pinyin-data.git show cee0ed6:pinyin.txt | go run gen.go > phrases.txt
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/pinyin"
)

func main() {
	sc := bufio.NewScanner(os.Stdin)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "# Words of phrase-pinyin-data (MIT, github.com/mozillazg/phrase-pinyin-data at cee0ed6)")
	fmt.Fprintln(w, "# whose reading differs from their characters' most common readings; made by gen.go.")
	for sc.Scan() {
		word, reading, ok := strings.Cut(sc.Text(), ":")
		if !ok || strings.HasPrefix(word, "#") {
			continue
		}
		if differs(strings.TrimSpace(word), strings.Fields(pinyin.Toneless(reading))) {
			fmt.Fprintf(w, "%s:%s\n", strings.TrimSpace(word), reading)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// differs tells whether some character of word reads otherwise in syl
// than alone; words whose syllables do not match their characters are
// dropped.
func differs(word string, syl []string) bool {
	if utf8.RuneCountInString(word) != len(syl) || len(syl) < 2 {
		return false
	}
	i := 0
	for _, r := range word {
		if s, ok := pinyin.CharReading(r); !ok || s != syl[i] {
			return ok
		}
		i++
	}
	return false
}
