package indexer

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestReportOfAnEmptyRun: a run that stopped before reading anything
// still gives a document a script can read: lists empty rather than null,
// rates 0 rather than the infinities JSON cannot hold.
func TestReportOfAnEmptyRun(t *testing.T) {
	b, err := json.Marshal((&Summary{}).Report("", errors.New("index: locked")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"generation":null`, `"serving":null`, `"error":"index: locked"`,
		`"not_found":[]`, `"by_reason":{}`, `"items":[]`, `"articles_per_second":0`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %s:\n%s", want, b)
		}
	}
}

// TestReportDeletedOnlyWhenPublished: ids found for deletion in a run that
// published nothing were not deleted, and the text summary says so too.
func TestReportDeletedOnlyWhenPublished(t *testing.T) {
	s := &Summary{Deleted: 2, NotFound: []string{"x"}, Duration: time.Second}
	if r := s.Report("gen-1", errors.New("failed")); r.Deleted != 0 || len(r.NotFound) != 1 {
		t.Errorf("unpublished run: deleted %d, not found %v; want 0, [x]", r.Deleted, r.NotFound)
	}
	s.Generation = "gen-2"
	if r := s.Report("gen-2", nil); r.Deleted != 2 || *r.Generation != "gen-2" || r.Error != nil {
		t.Errorf("published run: deleted %d, generation %v, error %v; want 2, gen-2, null", r.Deleted, r.Generation, r.Error)
	}
}
