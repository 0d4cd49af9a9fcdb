package data_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xinwen-search/xinwen/data"
	"github.com/xinwen-search/xinwen/search/synonym"
)

// TestSynonymsParse keeps the built-in file free of bad lines: it is
// loaded by default, and a bad line would stop serve from starting.
func TestSynonymsParse(t *testing.T) {
	s, err := synonym.Parse(bytes.NewReader(data.Synonyms), "data/synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	if s.Rules() < 30 {
		t.Errorf("%d rules, want the few dozen shipped", s.Rules())
	}
	for _, w := range []string{"新冠", "COVID-19", "美联储", "俄乌冲突", "世卫组织"} {
		if len(s.Lookup(w)) == 0 {
			t.Errorf("no synonyms for %s", w)
		}
	}
	if slices.Contains(s.Lookup("世界卫生组织"), "who") || len(s.Lookup("who")) == 0 {
		t.Error("WHO should find 世界卫生组织 one way only")
	}
}
