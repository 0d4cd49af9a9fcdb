package opencc

import (
	"strings"
	"testing"
)

// joinedDiffers lists the tw2sp and hk2sp cases that tw2sp and hk2sp
// joined convert otherwise, with the reason.
var joinedDiffers = map[string]string{
	// 機率 is 概率 in Taiwan and 几率 in Hong Kong; 機會率 is Hong Kong's
	// 概率. Taiwan's table comes first, so both become 概率, which folds
	// three regional words for one notion together: what search wants.
	"BYVoid_OpenCC_Issue_506/tw2sp": "機會率 (Hong Kong) becomes 概率, not 机会率",
	"BYVoid_OpenCC_Issue_506/hk2sp": "機率 becomes 概率 (Taiwan), not 几率",
}

// TestRegionalUpstreamCases runs the upstream cases of tw2sp and hk2sp
// on the two joined, then checks that Regional differs from the join
// only on cases holding a key it leaves out (a key written in
// characters t2s leaves, such as 滑鼠 or 史蒂芬).
func TestRegionalUpstreamCases(t *testing.T) {
	r := tables[Regional]
	r.onlyT2SKey = false
	joined, err := build(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	regional, err := Load(Regional, nil)
	if err != nil {
		t.Fatal(err)
	}
	dropped := droppedKeys(joined, regional)
	pass, same, total := 0, 0, 0
	for _, tc := range readUpstream(t).Cases {
		for _, cfg := range []Config{TW2SP, HK2SP} {
			want, ok := tc.Expected[string(cfg)]
			if !ok {
				continue
			}
			total++
			if got := joined.String(tc.Input); got == want {
				pass++
			} else if why, ok := joinedDiffers[tc.ID+"/"+string(cfg)]; ok {
				t.Logf("%s/%s differs: %s", tc.ID, cfg, why)
			} else {
				t.Errorf("%s joined(%q) = %q, %s wants %q", tc.ID, tc.Input, got, cfg, want)
			}
			if regional.String(tc.Input) == joined.String(tc.Input) {
				same++
			} else if !containsAny(tc.Input, dropped) {
				t.Errorf("%s: Regional(%q) = %q, joined %q, and no key was left out",
					tc.ID, tc.Input, regional.String(tc.Input), joined.String(tc.Input))
			}
		}
	}
	t.Logf("joined: %d of %d upstream tw2sp and hk2sp cases pass; Regional converts %d of them alike", pass, total, same)
}

// droppedKeys lists the keys of a's first group that b's lacks.
func droppedKeys(a, b *Converter) []string {
	var out []string
	for i, d := range a.Chain[0] {
		for k := range d.values {
			if _, ok := b.Chain[0][i].values[k]; !ok {
				out = append(out, k)
			}
		}
	}
	return out
}

func containsAny(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// TestRegionalKeepsSimplified: Simplified news words that Taiwan's
// tables would rewrite stay as they are.
func TestRegionalKeepsSimplified(t *testing.T) {
	c, err := Load(Regional, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"核心", "新增", "智慧", "文件", "整合", "效能", "显著", "什么", "么"} {
		if got := c.String(s); got != s {
			t.Errorf("Regional(%q) = %q", s, got)
		}
	}
}
