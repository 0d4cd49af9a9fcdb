package xinwen

import "fmt"

// Histogram intervals: SearchRequest.Histogram buckets the matches by
// date in the index's zone, keyed 2024-03-05, 2024-W10 (ISO week),
// 2024-03 and 2024.
const (
	HistogramDay   = "day"
	HistogramWeek  = "week"
	HistogramMonth = "month"
	HistogramYear  = "year"
)

// Bucket is one interval of a histogram and the matches dated in it.
type Bucket struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// checkHistogram accepts no interval or one of the four.
func checkHistogram(h string) error {
	switch h {
	case "", HistogramDay, HistogramWeek, HistogramMonth, HistogramYear:
		return nil
	}
	return badQuery(fmt.Sprintf("histogram must be %s, %s, %s or %s", HistogramDay, HistogramWeek, HistogramMonth, HistogramYear))
}
