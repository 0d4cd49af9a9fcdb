package article

import (
	"testing"

	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// The parser drops what the analyzers drop as invisible, the soft hyphen
// included, so stored text holds no character that search ignores.
func TestDropsInvisibleLikeTheAnalyzers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"人工\u00ad智能", "人工智能"},
		{"人工\u200b智能\ufeff", "人工智能"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := HTMLToText("<p>" + tt.in + "</p>"); got != tt.want {
			t.Errorf("HTMLToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Every rune of the Basic Multilingual Plane is dropped from stored text
// exactly when the chain drops it as invisible.
func TestEveryBMPRuneInvisibleLikeTheChain(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		if dropped := dropInvisible("a"+string(r)+"b") == "ab"; dropped != fold.IsInvisible(r) {
			t.Errorf("%U: parser drops it %v, chain %v", r, dropped, fold.IsInvisible(r))
		}
	}
}
