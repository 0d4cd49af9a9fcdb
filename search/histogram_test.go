package search

import (
	"reflect"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

func TestHistogramBuckets(t *testing.T) {
	day := func(s string) int32 {
		d, _ := time.Parse("2006-01-02", s)
		return int32(d.Unix() / 86400)
	}
	days := map[int32]int{day("2023-12-31"): 2, day("2024-01-02"): 1, day("2024-03-05"): 4, undated: 3}
	cases := map[string][]xinwen.Bucket{
		xinwen.HistogramYear:  {{Key: "2023", Count: 2}, {Key: "2024", Count: 5}},
		xinwen.HistogramMonth: {{Key: "2023-12", Count: 2}, {Key: "2024-01", Count: 1}, {Key: "2024-02", Count: 0}, {Key: "2024-03", Count: 4}},
	}
	for interval, want := range cases {
		got, none := histogram(days, interval)
		if !reflect.DeepEqual(got, want) || none != 3 {
			t.Errorf("%s: %v, %d undated; want %v, 3", interval, got, none, want)
		}
	}
	// 2023-12-31 is a Sunday of ISO week 2023-W52; 2024-01-02 is in 2024-W01.
	weeks, _ := histogram(days, xinwen.HistogramWeek)
	if len(weeks) != 11 || weeks[0] != (xinwen.Bucket{Key: "2023-W52", Count: 2}) || weeks[1] != (xinwen.Bucket{Key: "2024-W01", Count: 1}) ||
		weeks[10] != (xinwen.Bucket{Key: "2024-W10", Count: 4}) {
		t.Errorf("weeks %v", weeks)
	}
	byDay, _ := histogram(days, xinwen.HistogramDay)
	if len(byDay) != 66 || byDay[1] != (xinwen.Bucket{Key: "2024-01-01", Count: 0}) {
		t.Errorf("%d days, second %v", len(byDay), byDay[1])
	}
}

// TestDayOfZone: a sortkey is UTC; its day is the date in the index's zone.
func TestDayOfZone(t *testing.T) {
	key := sortKey(time.Date(2024, 3, 5, 20, 0, 0, 0, time.UTC), "x") // 04:00 on the 6th in Shanghai
	if got := civil(dayOf(key, shanghai)).Format("2006-01-02"); got != "2024-03-06" {
		t.Errorf("day %s", got)
	}
	if dayOf(sortKey(time.Time{}, "x"), shanghai) != undated {
		t.Error("an undated key has a day")
	}
}
