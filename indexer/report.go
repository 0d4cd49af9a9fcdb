package indexer

import "maps"

// Report is a run's summary as `xinwen index --summary json` prints it, for
// scripts and bench. The JSON field names are an interface: add fields,
// never rename or remove one. Lists are empty, never null.
type Report struct {
	// Generation is the generation this run published; null when it
	// published nothing.
	Generation *string `json:"generation"`
	// Serving is the generation serving after the run: the new one, or on
	// failure the one still serving; null when the index has none.
	Serving *string `json:"serving"`
	// Error says why nothing was published; null on success.
	Error *string `json:"error"`

	Indexed   int    `json:"indexed"`   // articles written this run
	Documents uint64 `json:"documents"` // documents in the new generation
	// Deleted counts the ids removed (--delete); 0 when nothing was
	// published, even if the ids were found.
	Deleted  int      `json:"deleted"`
	NotFound []string `json:"not_found"` // ids to delete the index did not hold

	Skipped      SkippedReport `json:"skipped"`
	Warnings     WarningReport `json:"warnings"`
	IgnoredFiles int           `json:"ignored_files"` // files in walked directories that are not inputs

	ElapsedSeconds    float64 `json:"elapsed_seconds"`
	TextBytes         int64   `json:"text_bytes"`          // title+body bytes indexed
	InputBytes        int64   `json:"input_bytes"`         // bytes read from the sources
	ArticlesPerSecond float64 `json:"articles_per_second"` // indexed / elapsed_seconds
	MBPerSecond       float64 `json:"mb_per_second"`       // text_bytes / 1e6 / elapsed_seconds
}

// SkippedReport is the items a run left out.
type SkippedReport struct {
	Total    int            `json:"total"`
	ByReason map[string]int `json:"by_reason"`
	Items    []Problem      `json:"items"` // the first 50, with where and why
}

// WarningReport is the articles indexed with a part lost.
type WarningReport struct {
	Articles int       `json:"articles"` // articles with one warning or more
	Total    int       `json:"total"`    // warnings, several for one article at times
	Items    []Problem `json:"items"`    // the first 50
}

// Report gives the summary's Report. serving is the generation serving
// after the run ("" for none) and runErr the run's failure, if any.
func (s *Summary) Report(serving string, runErr error) Report {
	secs := s.Duration.Seconds()
	r := Report{
		Generation:     optional(s.Generation),
		Serving:        optional(serving),
		Indexed:        s.Indexed,
		Documents:      s.Docs,
		NotFound:       append([]string{}, s.NotFound...),
		IgnoredFiles:   s.IgnoredFiles,
		ElapsedSeconds: secs,
		TextBytes:      s.TextBytes,
		InputBytes:     s.Bytes,
		Skipped: SkippedReport{
			Total:    s.SkippedTotal(),
			ByReason: maps.Clone(s.Skipped),
			Items:    append([]Problem{}, s.Problems...),
		},
		Warnings: WarningReport{
			Articles: s.Warnings,
			Total:    max(s.warnItems, len(s.WarningList)),
			Items:    append([]Problem{}, s.WarningList...),
		},
	}
	if r.Skipped.ByReason == nil {
		r.Skipped.ByReason = map[string]int{}
	}
	if s.Generation != "" {
		r.Deleted = s.Deleted
	}
	if runErr != nil {
		r.Error = optional(runErr.Error())
	}
	if secs > 0 { // JSON has no infinity
		r.ArticlesPerSecond = float64(s.Indexed) / secs
		r.MBPerSecond = float64(s.TextBytes) / 1e6 / secs
	}
	return r
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
