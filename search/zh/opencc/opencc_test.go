package opencc

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// upstream is OpenCC's test/testcases/testcases.json at the commit the
// tables come from.
type upstream struct {
	Cases []struct {
		ID       string            `json:"id"`
		Input    string            `json:"input"`
		Expected map[string]string `json:"expected"`
	} `json:"cases"`
}

// TestUpstreamCases runs every case of OpenCC's own tests for each
// configuration this package builds.
func TestUpstreamCases(t *testing.T) {
	up := readUpstream(t)
	pass, total := 0, 0
	for _, cfg := range []Config{T2S, TW2S, TW2SP, HK2S, HK2SP, S2T} {
		c, err := Load(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range up.Cases {
			want, ok := tc.Expected[string(cfg)]
			if !ok {
				continue
			}
			total++
			if got := c.String(tc.Input); got != want {
				t.Errorf("%s %s(%q) = %q, want %q", tc.ID, cfg, tc.Input, got, want)
				continue
			}
			pass++
		}
	}
	t.Logf("%d of %d upstream cases pass", pass, total)
}

// readUpstream reads the upstream cases.
func readUpstream(t *testing.T) upstream {
	t.Helper()
	b, err := os.ReadFile("testdata/testcases.json")
	if err != nil {
		t.Fatal(err)
	}
	// Upstream's parser accepts a trailing comma; encoding/json does not.
	b = regexp.MustCompile(`,(\s*[}\]])`).ReplaceAll(b, []byte("$1"))
	var up upstream
	if err := json.Unmarshal(b, &up); err != nil {
		t.Fatal(err)
	}
	return up
}
