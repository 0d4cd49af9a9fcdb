package opencc

import (
	"fmt"
	"io/fs"

	"github.com/xinwen-search/xinwen/data"
)

// Config names a conversion: OpenCC's configurations of the same name
// (data/config/*.json upstream), and Regional, xinwen's own.
type Config string

// The conversions this package builds. Each *2s* reads Traditional text
// and writes Simplified; S2T goes the other way.
const (
	T2S   Config = "t2s"   // OpenCC standard Traditional → Simplified
	TW2S  Config = "tw2s"  // Taiwan variants → Simplified
	TW2SP Config = "tw2sp" // Taiwan variants and vocabulary → Simplified, mainland vocabulary
	HK2S  Config = "hk2s"  // Hong Kong variants → Simplified
	HK2SP Config = "hk2sp" // Hong Kong variants and vocabulary → Simplified, mainland vocabulary
	S2T   Config = "s2t"   // Simplified → OpenCC standard Traditional
	// Regional is tw2sp and hk2sp in one, the Taiwan then the Hong Kong
	// tables of each kind in the first group of the chain, for text of
	// either script: an entry of that group whose key t2s leaves as it is
	// (TWPhrasesRev's 核心 → 内核, 文件 → 文档) is left out, so that
	// Simplified text, which t2s leaves as it is, stays so.
	Regional Config = "regional"
)

// Version names the OpenCC commit the tables in data/opencc come from.
const Version = "opencc-5249273a"

// tables lists, per configuration, the segmentation table ("" for none)
// and the chain's groups. A name ending in "Rev" is the reverse of the
// file without it, "Ext" the tofu-risk extension of TSCharacters.
var tables = map[Config]recipe{
	T2S: {chain: [][]string{ts}},
	TW2S: {segment: "TSPhrases", chain: [][]string{
		{"TWVariantsRevPhrases", "TWVariantsRev"}, ts}},
	TW2SP: {segment: "TSPhrases", chain: [][]string{
		{"TWPhrasesRev", "TWVariantsRevPhrases", "TWVariantsRev"}, ts}},
	HK2S: {segment: "TSPhrases", chain: [][]string{
		{"HKVariantsRevPhrases", "HKVariantsRev"}, ts}},
	HK2SP: {segment: "TSPhrases", chain: [][]string{
		{"HKPhrasesRev", "HKVariantsRevPhrases", "HKVariantsRev"}, ts}},
	S2T: {chain: [][]string{{"STPhrases", "STCharacters"}}},
	Regional: {segment: "TSPhrases", chain: [][]string{
		{"TWPhrasesRev", "HKPhrasesRev", "TWVariantsRevPhrases", "HKVariantsRevPhrases", "TWVariantsRev", "HKVariantsRev"}, ts}, onlyT2SKey: true},
}

// recipe names a configuration's tables.
type recipe struct {
	segment    string
	chain      [][]string
	onlyT2SKey bool // keep in the groups before the last only keys t2s changes
}

// ts is OpenCC's Traditional → Simplified group.
var ts = []string{"TSPhrases", "TSCharactersExt", "TSCharacters"}

// Load builds the converter of cfg from the embedded tables. norm, if not
// nil, maps every key and value first: a caller that converts normalized
// text passes its normalization, so that keys match it.
func Load(cfg Config, norm func(string) string) (*Converter, error) {
	t, ok := tables[cfg]
	if !ok {
		return nil, fmt.Errorf("opencc: no configuration %q", cfg)
	}
	return build(t, norm)
}

// build reads the tables of t.
func build(t recipe, norm func(string) string) (*Converter, error) {
	l := loader{norm: norm, files: make(map[string]*file)}
	var seg *Dict
	if t.segment != "" {
		d, err := l.dict(t.segment)
		if err != nil {
			return nil, err
		}
		seg = d
	}
	var chain []Group
	for _, names := range t.chain {
		var g Group
		for _, name := range names {
			d, err := l.dict(name)
			if err != nil {
				return nil, err
			}
			g = append(g, d)
		}
		chain = append(chain, g)
	}
	if t.onlyT2SKey {
		onlyChangedKeys(chain)
	}
	return NewConverter(seg, chain...), nil
}

// onlyChangedKeys drops from every group but the last the entries whose
// key the last group, alone, leaves as it is.
func onlyChangedKeys(chain []Group) {
	last := NewConverter(nil, chain[len(chain)-1])
	for _, g := range chain[:len(chain)-1] {
		for i, d := range g {
			g[i] = d.filter(func(key string) bool { return last.String(key) != key })
		}
	}
}

// loader reads each file once per Load.
type loader struct {
	norm  func(string) string
	files map[string]*file
}

func (l *loader) dict(name string) (*Dict, error) {
	base, derive := name, (*file).forward
	switch {
	case name == "TSCharactersExt":
		base, derive = "TSCharacters", (*file).extension
	case name == "TWVariantsRev", name == "HKVariantsRev":
		base, derive = name[:len(name)-len("Rev")], (*file).reverse
	}
	f, err := l.file(base)
	if err != nil {
		return nil, err
	}
	d, err := derive(f)
	if err != nil {
		return nil, fmt.Errorf("opencc: %s: %w", name, err)
	}
	return d, nil
}

func (l *loader) file(name string) (*file, error) {
	if f, ok := l.files[name]; ok {
		return f, nil
	}
	src, err := fs.ReadFile(data.OpenCC, data.OpenCCDir+"/"+name+".txt")
	if err != nil {
		return nil, fmt.Errorf("opencc: %w", err)
	}
	f, err := parse(src, l.norm)
	if err != nil {
		return nil, fmt.Errorf("opencc: %s: %w", name, err)
	}
	l.files[name] = f
	return f, nil
}
