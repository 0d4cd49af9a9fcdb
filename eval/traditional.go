package eval

import (
	"sync"

	"github.com/xinwen-search/xinwen/search/zh/opencc"
)

// s2t converts Simplified text to OpenCC's standard Traditional, once
// loaded: the Traditional forms a reader in Hong Kong or Taiwan would type
// for the oracle strings.
var s2t = sync.OnceValues(func() (*opencc.Converter, error) { return opencc.Load(opencc.S2T, nil) })

// TraditionalForms returns the Traditional form of each oracle string
// and how many of them differ from their Simplified form.
func TraditionalForms(probes []Probe) ([]string, int, error) {
	c, err := s2t()
	if err != nil {
		return nil, 0, err
	}
	out := make([]string, len(probes))
	differ := 0
	for i, p := range probes {
		out[i] = c.String(p.Text)
		if out[i] != p.Text {
			differ++
		}
	}
	return out, differ, nil
}
