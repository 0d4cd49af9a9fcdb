package search

import (
	"testing"
	"unicode/utf8"
)

// The fast paths and the table of appendFolded must give what NFKC and
// lower-casing give, character by character, in every plane.
func TestAppendFoldedMatchesNFKC(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		if got, want := string(appendFolded(nil, r)), foldRune(r); got != want {
			t.Fatalf("appendFolded(%U) = %q, want %q", r, got, want)
		}
	}
}

func TestFoldMapsBytesToRunes(t *testing.T) {
	f := fold("Ａ，ｂ中")
	if f.norm != "a,b中" {
		t.Fatalf("norm = %q, want %q", f.norm, "a,b中")
	}
	if len(f.src) != len(f.norm)+1 || f.src[len(f.norm)] != int32(utf8.RuneCountInString("Ａ，ｂ中")) {
		t.Fatalf("src = %v", f.src)
	}
	for i, want := range []int32{0, 1, 2, 3, 3, 3} {
		if f.src[i] != want {
			t.Fatalf("src[%d] = %d, want %d (src %v)", i, f.src[i], want, f.src)
		}
	}
}
