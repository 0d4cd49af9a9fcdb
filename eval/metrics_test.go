package eval

import (
	"math"
	"testing"
)

func set(ids ...string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCounts(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		add                  func(c *Counts)
		recall, precision    float64
		queries, incons, rel int
	}{
		{"exact", func(c *Counts) { c.Add(set("a", "b"), []string{"b", "a"}, 2) }, 1, 1, 1, 0, 2},
		{"one missing", func(c *Counts) { c.Add(set("a", "b"), []string{"a"}, 1) }, 0.5, 1, 1, 0, 2},
		{"one extra", func(c *Counts) { c.Add(set("a"), []string{"a", "x"}, 2) }, 1, 0.5, 1, 0, 1},
		// micro-averages: 3 of 4 relevant pairs found, 3 of 4 returned
		// pairs right; averaging per query would give 0.5 and 0.5.
		{"micro over queries", func(c *Counts) {
			c.Add(set("a", "b", "c"), []string{"a", "b", "c"}, 3)
			c.Add(set("d"), []string{"x"}, 1)
		}, 0.75, 0.75, 2, 0, 4},
		{"micro, not macro", func(c *Counts) {
			c.Add(set("a", "b", "c"), []string{"a", "b", "c"}, 3) // recall 1
			c.Add(set("d"), nil, 0)                               // recall 0
		}, 0.75, 1, 2, 0, 4},
		{"duplicate hit counts once and is inconsistent", func(c *Counts) { c.Add(set("a"), []string{"a", "a"}, 2) }, 1, 0.5, 1, 1, 1},
		{"total disagrees with hits", func(c *Counts) { c.Add(set("a"), []string{"a"}, 5) }, 1, 1, 1, 1, 1},
		{"nothing relevant, nothing returned", func(c *Counts) { c.Add(set(), nil, 0) }, 1, 1, 1, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Counts
			tc.add(&c)
			if !near(c.Recall(), tc.recall) || !near(c.Precision(), tc.precision) {
				t.Errorf("recall %.3f precision %.3f, want %.3f %.3f", c.Recall(), c.Precision(), tc.recall, tc.precision)
			}
			if c.Queries != tc.queries || c.Inconsistent != tc.incons || c.Relevant != tc.rel {
				t.Errorf("queries %d inconsistent %d relevant %d, want %d %d %d",
					c.Queries, c.Inconsistent, c.Relevant, tc.queries, tc.incons, tc.rel)
			}
		})
	}
}

func TestRanking(t *testing.T) {
	r := Ranking{K: 3}
	r.Add([]string{"t1", "x", "y"}, "t1")      // rank 1
	r.Add([]string{"x", "y", "t2"}, "t2")      // rank 3
	r.Add([]string{"x", "y", "z", "t3"}, "t3") // rank 4: beyond K
	r.Add(nil, "t4")                           // not found
	if want := (1 + 1.0/3) / 4; !near(r.MRR(), want) {
		t.Errorf("MRR = %.4f, want %.4f", r.MRR(), want)
	}
	if !near(r.Success(), 0.5) {
		t.Errorf("success@3 = %.3f, want 0.5", r.Success())
	}
	other := Ranking{K: 3}
	other.Add([]string{"x", "t1"}, "t1") // worse than r
	other.Add([]string{"t2"}, "t2")      // better
	other.Add(nil, "t3")                 // equal: both missed
	other.Add(nil, "t4")                 // equal
	if b, w := r.Versus(other); b != 1 || w != 1 {
		t.Errorf("Versus = %d better, %d worse, want 1 and 1", b, w)
	}
	if (Ranking{K: 10}).MRR() != 0 {
		t.Error("MRR of no queries is not 0")
	}
}

func TestAppendMiss(t *testing.T) {
	p := Probe{Text: "人民"}
	if ms := appendMiss(nil, p, true, set("a"), []string{"a"}, 1); len(ms) != 0 {
		t.Errorf("a right answer recorded as a miss: %+v", ms)
	}
	// unquoted words may match more than the substring: not a miss.
	if ms := appendMiss(nil, p, false, set("a"), []string{"a", "b"}, 2); len(ms) != 0 {
		t.Errorf("an unquoted superset recorded as a miss: %+v", ms)
	}
	ms := appendMiss(nil, p, true, set("a", "c"), []string{"a", "b"}, 2)
	if len(ms) != 1 || len(ms[0].Missing) != 1 || ms[0].Missing[0] != "c" || len(ms[0].Extra) != 1 || ms[0].Extra[0] != "b" {
		t.Errorf("phrase miss = %+v, want missing [c] extra [b]", ms)
	}
	if ms := appendMiss(nil, p, true, set("a"), []string{"a"}, 3); len(ms) != 1 {
		t.Errorf("a total that disagrees with the hits is not recorded: %+v", ms)
	}
}
