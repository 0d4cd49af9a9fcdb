package fold

import (
	"fmt"
	"sync"

	"github.com/xinwen-search/xinwen/search/zh/opencc"
)

// Script says how the chain folds Traditional Chinese into Simplified.
type Script int

const (
	// Regional folds like Standard and also Taiwan and Hong Kong variants
	// and vocabulary into mainland usage (軟體 → 软件, 網路 → 网络):
	// OpenCC's tw2sp and hk2sp joined.
	Regional Script = iota
	// Standard folds OpenCC's standard Traditional characters and phrases
	// (頭髮 → 头发, 乾隆 stays): OpenCC's t2s.
	Standard
)

// configs maps each Script to its OpenCC conversion.
var configs = map[Script]opencc.Config{Regional: opencc.Regional, Standard: opencc.T2S}

// ParseScript reads a Script by its name.
func ParseScript(name string) (Script, error) {
	for _, s := range []Script{Regional, Standard} {
		if s.String() == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("fold: script folding %q: want regional or standard", name)
}

func (s Script) String() string {
	switch s {
	case Regional:
		return "regional"
	case Standard:
		return "standard"
	}
	return fmt.Sprintf("Script(%d)", int(s))
}

// loaded holds each Script's chain once built.
var loaded sync.Map // Script → *chain

// load builds the chain of s: its OpenCC conversion, with the tables'
// keys and values through the width step so that they match folded text
// (TWPhrasesRev's "SQL注入" is "sql注入" there).
func load(s Script) (*chain, error) {
	if c, ok := loaded.Load(s); ok {
		return c.(*chain), nil
	}
	cfg, ok := configs[s]
	if !ok {
		return nil, fmt.Errorf("fold: unknown script folding %d", s)
	}
	conv, err := opencc.Load(cfg, widthOnly)
	if err != nil {
		return nil, fmt.Errorf("fold: %w", err)
	}
	c := &chain{steps: []Step{scriptStep{conv}}, version: s.String() + "/" + opencc.Version}
	actual, _ := loaded.LoadOrStore(s, c)
	return actual.(*chain), nil
}

// widthOnly is the width step alone.
func widthOnly(s string) string {
	var t Text
	t.fold(s, false)
	return string(t.Bytes)
}

// scriptStep folds Traditional Chinese into Simplified before
// segmentation, so that jieba sees one script and a query in either
// script meets the text in either.
type scriptStep struct{ c *opencc.Converter }

func (s scriptStep) Apply(out *Text, in []byte) bool {
	var changed bool
	out.Bytes, out.start, out.end, changed = s.c.Append(out.Bytes, out.start, out.end, in)
	return changed
}
