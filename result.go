package xinwen

// Result is one page of hits with facets. Its JSON form is the public API.
type Result struct {
	Total uint64 `json:"total"`
	// TotalClusters counts the distinct stories among the Total matching
	// articles, exactly; 0 when the search was not collapsed.
	TotalClusters uint64  `json:"total_clusters"`
	TookMS        float64 `json:"took_ms"`
	Page          int     `json:"page"`
	// Size is the request's: 0 for counts only.
	Size       int    `json:"size"`
	Hits       []Hit  `json:"hits"`
	Facets     Facets `json:"facets"`
	NextCursor string `json:"next_cursor,omitempty"`
	// Truncated is set when the query held more than the limits allow
	// (MaxTerms terms, or lone characters past the search's budget) and
	// only its first part was searched.
	Truncated bool `json:"truncated,omitempty"`
	// Rewritten is set when the query was read as pinyin and the result
	// is for the Hanzi word it spells (SearchRequest.NoRewrite turns it
	// off).
	Rewritten *Rewrite `json:"rewritten,omitempty"`
	// Expanded lists the typed words the synonyms file widened, in the
	// order typed; absent when no rule applied.
	Expanded []Expansion `json:"expanded,omitempty"`
}

// Rewrite says which query was searched instead of the typed one.
type Rewrite struct {
	From string `json:"from"` // as typed: xiangcunzhenxing
	To   string `json:"to"`   // searched: 乡村振兴
}

// Expansion is one typed word (or excluded word) and the synonyms it was
// searched with besides itself, in their normalized form (lower case,
// half width).
type Expansion struct {
	From string   `json:"from"`
	To   []string `json:"to"`
}

// Hit is one matching article.
type Hit struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	TitleHTML   string   `json:"title_html"`
	SnippetHTML string   `json:"snippet_html"`
	URL         string   `json:"url"`
	Date        string   `json:"date"` // RFC 3339 in the index's zone, "" when unknown
	Categories  []string `json:"categories"`
	Source      string   `json:"source"`
	Score       float64  `json:"score"`
	// Cluster is the near-duplicate cluster the article belongs to: the
	// same string for every copy of one story.
	Cluster string `json:"cluster"`
	// Duplicates is, on a collapsed search, how many other articles of
	// the cluster match the search (collapse=false&cluster=… lists them).
	Duplicates int `json:"duplicates"`
}

// Facets are counts over all matching articles, not just this page.
type Facets struct {
	Categories []FacetValue `json:"categories"`
	Months     []FacetValue `json:"months"`
	// Histogram counts the matches by SearchRequest.Histogram's interval,
	// oldest first, every interval from the first match's to the last's
	// (empty ones too); Undated counts the matches without a date, so the
	// buckets and Undated sum to Result.Total.
	Histogram []Bucket `json:"histogram,omitempty"`
	Undated   int      `json:"undated,omitempty"`
}

// FacetValue is one facet bucket.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Doc is one stored article as GET /api/articles/:id returns it.
type Doc struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	URL        string   `json:"url"`
	Date       string   `json:"date"`
	Categories []string `json:"categories"`
	Source     string   `json:"source"`
	Thumbnail  string   `json:"thumbnail"`
	// Cluster is the article's near-duplicate cluster; Duplicates the
	// ids of the other members, oldest first, at most MaxDuplicates.
	Cluster    string   `json:"cluster"`
	Duplicates []string `json:"duplicates"`
}

// Stats describes the open index.
type Stats struct {
	Docs        uint64 `json:"docs"`
	Generation  string `json:"generation"`
	SizeBytes   int64  `json:"size_bytes"`
	DictVersion string `json:"dict_version"`
	// LiveDict fingerprints the live word list the generation was built
	// with; LiveDictInForce the one queries and re-analysed articles use
	// now (they differ after POST /api/admin/dictionary). "" when empty.
	LiveDict        string `json:"live_dict,omitempty"`
	LiveDictInForce string `json:"live_dict_in_force,omitempty"`
	// Zone is the one the generation was built in: its month facets count
	// in it.
	Zone string `json:"zone"`
}
