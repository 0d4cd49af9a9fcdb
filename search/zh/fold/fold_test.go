package fold

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestString(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"full-width latin and digits", "ＡＢＣ１２３", "abc123"},
		{"full-width punctuation", "（测试），！？：；", "(测试),!?:;"},
		{"ideographic space", "中\u3000国", "中 国"},
		{"lower case", "Hello ÄÖ", "hello äö"},
		{"zero width", "a\u200bb\ufeffc\u00add", "abcd"},
		{"NUL", "a\x00b", "a b"},
		{"compatibility ideograph", "㈱", "(株)"},
		{"composition", "e\u0301", "é"},
		{"already normal", "中华人民共和国", "中华人民共和国"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := String(tc.in); got != tc.want {
				t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestSimpleRunesMatchNFKC checks the fast path of String against norm:
// each simple rune alone, and next to other simple runes.
func TestSimpleRunesMatchNFKC(t *testing.T) {
	var all []rune
	for r := rune(0); r <= 0xffff; r++ {
		mapped, ok := simple(r)
		if !ok {
			continue
		}
		all = append(all, r)
		if want := norm.NFKC.String(string(r)); string(mapped) != want {
			t.Errorf("simple(%U) = %q, NFKC gives %q", r, string(mapped), want)
		}
	}
	for i, r := range all {
		next := all[(i*7919)%len(all)]
		m1, _ := simple(r)
		m2, _ := simple(next)
		if got := norm.NFKC.String(string(r) + string(next)); got != string(m1)+string(m2) {
			t.Errorf("%U+%U: NFKC gives %q", r, next, got)
		}
	}
}

// referenceString is the width step the slow, obvious way.
func referenceString(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKC.String(strings.ToValidUTF8(s, "\uFFFD")) {
		switch {
		case r == 0:
			b.WriteByte(' ')
		case IsInvisible(r):
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"ＡＢＣ１２３", "e\u0301", "Ｅ\u0301ｘ", "㈱㍿", "한국어", "a\xffb", "\u1100\u1161\u11a8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // invalid bytes: each becomes U+FFFD, ToValidUTF8 merges runs
		}
		if got, want := widthOnly(s), referenceString(s); got != want {
			t.Errorf("widthOnly(%q) = %q, want %q", s, got, want)
		}
	})
}

// The fast paths of the width step must give what NFKC and lower-casing give, character by
// character, in every plane, but for the invisible characters the chain
// drops and NUL, which it makes a space.
func TestRunesMatchNFKC(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		want := strings.Map(func(r rune) rune {
			switch {
			case IsInvisible(r):
				return -1
			case r == 0:
				return ' '
			}
			return r
		}, strings.ToLower(norm.NFKC.String(string(r))))
		if got := widthOnly(string(r)); got != want {
			t.Fatalf("widthOnly(%U) = %q, want %q", r, got, want)
		}
	}
}

// TestDecodeRuneAsLibrary checks the inline decoder against the
// library's on every sequence led by a three-byte lead (overlong,
// surrogate and truncated ones included) and on a few others.
func TestDecodeRuneAsLibrary(t *testing.T) {
	check := func(s string) {
		r, n := decodeRune(s)
		if wr, wn := utf8.DecodeRuneInString(s); r != wr || n != wn {
			t.Fatalf("decodeRune(% x) = %U, %d; the library gives %U, %d", s, r, n, wr, wn)
		}
	}
	for b0 := 0xe0; b0 <= 0xef; b0++ {
		for b1 := range 256 {
			check(string([]byte{byte(b0), byte(b1)}))
			for b2 := range 256 {
				check(string([]byte{byte(b0), byte(b1), byte(b2), 'x'}))
			}
		}
	}
	for _, s := range []string{"", "a", "é", "中", "\U0001F600", "\xff", "\xe4\xb8"} {
		check(s)
	}
}
