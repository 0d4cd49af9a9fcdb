package web

import (
	"net/url"

	"github.com/xinwen-search/xinwen"
)

// exportLinks are the page's downloads of every match of its search:
// CSV (with the BOM Excel needs) and NDJSON, with the search's filters
// and order but none of its paging or display.
func exportLinks(st pageState) []link {
	v := url.Values{}
	if st.Q != "" {
		v.Set("q", st.Q)
	}
	v["category"] = st.Categories
	for k, val := range map[string]string{"from": st.From, "to": st.To} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if st.Sort == xinwen.SortDate {
		v.Set("sort", st.Sort)
	}
	csv, nd := url.Values{"format": {"csv"}, "bom": {"1"}}, url.Values{"format": {"ndjson"}}
	for k, vals := range v {
		csv[k], nd[k] = vals, vals
	}
	return []link{
		{Label: "CSV", URL: "/api/export?" + csv.Encode()},
		{Label: "NDJSON", URL: "/api/export?" + nd.Encode()},
	}
}
