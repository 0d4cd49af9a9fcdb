package eval

// Counts micro-averages set retrieval over (query, article) pairs.
type Counts struct {
	Queries   int
	Relevant  int // pairs in the truth
	Retrieved int // pairs returned, duplicates included
	Correct   int // returned pairs in the truth, each counted once
	// Inconsistent counts queries whose reported total disagreed with
	// the hits returned, or that returned an article twice.
	Inconsistent int
}

// Add scores one query: truth is the set of relevant ids, got what the
// engine returned and total what it said it found.
func (c *Counts) Add(truth map[string]bool, got []string, total uint64) {
	c.Queries++
	c.Relevant += len(truth)
	c.Retrieved += len(got)
	seen := make(map[string]bool, len(got))
	for _, id := range got {
		if truth[id] && !seen[id] {
			c.Correct++
		}
		seen[id] = true
	}
	if len(seen) != len(got) || total != uint64(len(got)) {
		c.Inconsistent++
	}
}

// Recall is the share of relevant pairs returned; 1 with nothing relevant.
func (c Counts) Recall() float64 { return ratio(c.Correct, c.Relevant) }

// Precision is the share of returned pairs that are relevant; 1 with
// nothing returned.
func (c Counts) Precision() float64 { return ratio(c.Correct, c.Retrieved) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Ranking scores known-item search: one target per query.
type Ranking struct {
	Queries int
	K       int       // cut-off: ranks beyond K count as not found
	SumRR   float64   // sum of 1/rank of the target
	Found   int       // queries with the target in the first K
	RR      []float64 // each query's reciprocal rank, 0 when not found
}

// Add scores one ranked list against its target.
func (r *Ranking) Add(ranked []string, target string) {
	r.Queries++
	rr := 0.0
	for i, id := range ranked[:min(len(ranked), r.K)] {
		if id == target {
			rr = 1 / float64(i+1)
			r.SumRR += rr
			r.Found++
			break
		}
	}
	r.RR = append(r.RR, rr)
}

// MRR is the mean reciprocal rank at K.
func (r Ranking) MRR() float64 {
	if r.Queries == 0 {
		return 0
	}
	return r.SumRR / float64(r.Queries)
}

// Success is the share of queries with the target in the first K.
func (r Ranking) Success() float64 {
	if r.Queries == 0 {
		return 0
	}
	return float64(r.Found) / float64(r.Queries)
}

// Versus counts the queries that r ranks better and worse than other, query
// by query; both must have scored the same queries in the same order.
func (r Ranking) Versus(other Ranking) (better, worse int) {
	for i := range min(len(r.RR), len(other.RR)) {
		switch {
		case r.RR[i] > other.RR[i]:
			better++
		case r.RR[i] < other.RR[i]:
			worse++
		}
	}
	return better, worse
}
