package opencc

import "testing"

// regionalDiffers lists the tw2sp and hk2sp cases Regional converts
// otherwise, with the reason: it holds both regions' tables at once.
var regionalDiffers = map[string]string{
	// 機率 is 概率 in Taiwan and 几率 in Hong Kong; 機會率 is Hong Kong's
	// 概率. Taiwan's table comes first, so both become 概率, which folds
	// three regional words for one notion together: what search wants.
	"BYVoid_OpenCC_Issue_506/tw2sp": "機會率 (Hong Kong) becomes 概率, not 机会率",
	"BYVoid_OpenCC_Issue_506/hk2sp": "機率 becomes 概率 (Taiwan), not 几率",
}

// TestRegionalUpstreamCases runs Regional on the upstream cases of tw2sp
// and hk2sp, the two configurations it joins.
func TestRegionalUpstreamCases(t *testing.T) {
	c, err := Load(Regional, nil)
	if err != nil {
		t.Fatal(err)
	}
	pass, total := 0, 0
	for _, tc := range readUpstream(t).Cases {
		for _, cfg := range []Config{TW2SP, HK2SP} {
			want, ok := tc.Expected[string(cfg)]
			if !ok {
				continue
			}
			total++
			if why, ok := regionalDiffers[tc.ID+"/"+string(cfg)]; ok {
				t.Logf("%s/%s differs: %s", tc.ID, cfg, why)
				continue
			}
			if got := c.String(tc.Input); got != want {
				t.Errorf("%s Regional(%q) = %q, %s wants %q", tc.ID, tc.Input, got, cfg, want)
				continue
			}
			pass++
		}
	}
	t.Logf("%d of %d upstream tw2sp and hk2sp cases pass", pass, total)
}
