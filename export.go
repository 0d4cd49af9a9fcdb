package xinwen

// ExportRow is one article of an export: the stored fields an analyst
// pulls, with the body and the highlighted snippet when asked for.
type ExportRow struct {
	ID         string   `json:"id"`
	Date       string   `json:"date"` // RFC 3339 in the index's zone, "" when unknown
	Title      string   `json:"title"`
	URL        string   `json:"url"`
	Categories []string `json:"categories"`
	Source     string   `json:"source"`
	Body       string   `json:"body,omitempty"`
	Snippet    string   `json:"snippet,omitempty"` // HTML, the query's words in <mark>
}

// ExportOptions say what an export's rows carry besides the default
// fields.
type ExportOptions struct {
	Body, Snippet bool
	// Begin is called once, with the number of rows to come, before the
	// first row: the request was valid and its first page found. An error
	// from it ends the export.
	Begin func(total uint64) error
	// Row is called with each matching article in the request's order; an
	// error from it (a dropped connection) ends the export.
	Row func(ExportRow) error
}
