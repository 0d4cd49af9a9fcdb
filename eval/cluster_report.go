package eval

import "fmt"

// clusterRows are the near-duplicate clustering figures: xinwen's only,
// the baselines do not cluster.
func (r *Report) clusterRows() []row {
	c := r.Clusters
	if c == nil {
		return nil
	}
	only := func(v string) func(e *EngineResult) string {
		return func(e *EngineResult) string {
			if e.Name != NameXinwen {
				return "–"
			}
			return v
		}
	}
	all := All(c.Copies)
	rows := []row{{fmt.Sprintf("near-duplicates: copies joined to their original (%d)", all.Of), only(f3(all.Share()))}}
	for _, k := range copyKinds {
		rows = append(rows, row{fmt.Sprintf("&nbsp;&nbsp;copies joined: %s (%d)", k, c.Copies[k].Of), only(f3(c.Copies[k].Share()))})
	}
	look := All(c.Lookalike)
	rows = append(rows, row{fmt.Sprintf("near-duplicates: look-alikes kept apart (%d)", look.Of), only(f3(look.Share()))})
	for _, k := range lookalikeKinds {
		rows = append(rows, row{fmt.Sprintf("&nbsp;&nbsp;kept apart: %s (%d)", k, c.Lookalike[k].Of), only(f3(c.Lookalike[k].Share()))})
	}
	if c.Twins.Of > 0 {
		rows = append(rows, row{fmt.Sprintf("near-duplicates: xwlb-html twins joined to xwlb (%d)", c.Twins.Of), only(f3(c.Twins.Share()))})
	}
	return rows
}
