package bench

import (
	"strings"
	"testing"
)

// summaryJSON is what `xinwen index --summary json` prints, cut to the
// fields bench reads; skipped is filled in per case.
const summaryJSON = `{
  "generation": "gen-20261207T203224.696697-24802",
  "indexed": 2000,
  "documents": 2000,
  "skipped": {"total": %s, "by_reason": {}, "items": []},
  "elapsed_seconds": 12.345678,
  "text_bytes": 4000000
}`

func TestReadSummary(t *testing.T) {
	rep, err := readSummary(strings.Replace(summaryJSON, "%s", "0", 1))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Indexed != 2000 || rep.ElapsedSeconds != 12.345678 {
		t.Errorf("read %d articles in %v s, want 2000 in 12.345678", rep.Indexed, rep.ElapsedSeconds)
	}
	for _, tc := range []struct{ name, out, why string }{
		{"skipped articles", strings.Replace(summaryJSON, "%s", "3", 1), "skipped 3 articles"},
		{"the text summary", "indexed 2000 articles (2000 documents in gen-1) in 12.3s: 162 articles/s\nskipped 0\n", "reading its summary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := readSummary(tc.out); err == nil || !strings.Contains(err.Error(), tc.why) {
				t.Errorf("readSummary = %v, want an error saying %q", err, tc.why)
			}
		})
	}
}
