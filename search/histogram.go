package search

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/xinwen-search/xinwen"
)

// Histograms are counted with the facets, from the same tables: each
// document's day (its date in the index's zone, as days since 1970-01-01)
// is read from its sortkey when the generation opens, and a query counts
// its hits' days, then folds them into the asked interval. Counting by
// day costs one map increment a hit; the sortkey is read again only for
// readers without a table (the ingest overlay).

// undated is the day of a document without a date.
const undated = math.MinInt32

// dayOf reads the day of a sortkey in zone: its date is UTC to the
// second; an undated document's key starts with "-".
func dayOf(key string, zone *time.Location) int32 {
	if len(key) < len(sortKeyLayout) {
		return undated
	}
	t, err := time.Parse(sortKeyLayout, key[:len(sortKeyLayout)])
	if err != nil {
		return undated
	}
	y, m, d := t.In(zone).Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// civil is the calendar date of a day.
func civil(day int32) time.Time { return time.Unix(int64(day)*86400, 0).UTC() }

// bucketStart is the first day of the interval holding t, as a date.
func bucketStart(t time.Time, interval string) time.Time {
	switch interval {
	case xinwen.HistogramWeek:
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)) // back to Monday
	case xinwen.HistogramMonth:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case xinwen.HistogramYear:
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func nextBucket(t time.Time, interval string) time.Time {
	switch interval {
	case xinwen.HistogramWeek:
		return t.AddDate(0, 0, 7)
	case xinwen.HistogramMonth:
		return t.AddDate(0, 1, 0)
	case xinwen.HistogramYear:
		return t.AddDate(1, 0, 0)
	}
	return t.AddDate(0, 0, 1)
}

func bucketKey(t time.Time, interval string) string {
	switch interval {
	case xinwen.HistogramWeek:
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case xinwen.HistogramMonth:
		return t.Format("2006-01")
	case xinwen.HistogramYear:
		return t.Format("2006")
	}
	return t.Format("2006-01-02")
}

// histogram folds counts by day into the interval's buckets, every one
// from the first dated match's to the last's, and returns the count of
// undated matches apart.
func histogram(days map[int32]int, interval string) ([]xinwen.Bucket, int) {
	none := days[undated]
	var sorted []int32
	for d, n := range days {
		if d != undated && n > 0 {
			sorted = append(sorted, d)
		}
	}
	if len(sorted) == 0 {
		return []xinwen.Bucket{}, none
	}
	slices.Sort(sorted)
	byStart := map[time.Time]int{}
	for _, d := range sorted {
		byStart[bucketStart(civil(d), interval)] += days[d]
	}
	last := bucketStart(civil(sorted[len(sorted)-1]), interval)
	var out []xinwen.Bucket
	for t := bucketStart(civil(sorted[0]), interval); !t.After(last); t = nextBucket(t, interval) {
		out = append(out, xinwen.Bucket{Key: bucketKey(t, interval), Count: byStart[t]})
	}
	return out, none
}
