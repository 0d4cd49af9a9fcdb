// Package display converts the original text of an article into the
// script its reader asked for, for showing only: titles, bodies, and the
// searcher's marked HTML (escaped text with matches in <mark>), whose
// marks stay on the characters they marked. Matching never sees it: the
// index and queries fold both scripts to one (package fold).
//
// Simplified to Traditional is one-to-many (发 is 發 or 髮); OpenCC's s2t
// phrase tables pick the usual form for the word it sits in (头发 →
// 頭髮, 发展 → 發展), which is what a reader expects, though a rare
// word may get the wrong one. Traditional to Simplified is OpenCC's t2s:
// characters and phrases without regional vocabulary (軟體 becomes 软体,
// not 软件), since a display conversion changes the script, not the
// author's words.
package display

import (
	"fmt"
	"sync"

	"github.com/xinwen-search/xinwen/search/zh/opencc"
)

// Script is the script a reader asked to read in.
type Script string

// The scripts, by their names in the API's script parameter.
const (
	Original    Script = "orig" // the text as stored
	Traditional Script = "hant" // OpenCC s2t
	Simplified  Script = "hans" // OpenCC t2s
)

// Parse reads a script by its name; "" is Original.
func Parse(name string) (Script, error) {
	switch s := Script(name); s {
	case "":
		return Original, nil
	case Original, Traditional, Simplified:
		return s, nil
	}
	return Original, fmt.Errorf("display: script %q: want orig, hant or hans", name)
}

// configs maps each converting script to its OpenCC conversion.
var configs = map[Script]opencc.Config{Traditional: opencc.S2T, Simplified: opencc.T2S}

// loaders build each converter once, on first use: a server whose
// readers never ask for a conversion never loads its tables.
var loaders = map[Script]func() (*opencc.Converter, error){}

func init() {
	for s, cfg := range configs {
		loaders[s] = sync.OnceValues(func() (*opencc.Converter, error) { return opencc.Load(cfg, nil) })
	}
}

// Converter shows text in one script. The nil Converter, for Original,
// shows it as it is.
type Converter struct{ c *opencc.Converter }

// For returns the converter of s, loading its tables the first time.
func For(s Script) (*Converter, error) {
	load, ok := loaders[s]
	if !ok {
		return nil, nil // Original, or a Script Parse refused: as stored
	}
	c, err := load()
	if err != nil {
		return nil, fmt.Errorf("display: %w", err)
	}
	return &Converter{c}, nil
}

// Text converts plain text.
func (c *Converter) Text(s string) string {
	if c == nil {
		return s
	}
	return c.c.String(s)
}
