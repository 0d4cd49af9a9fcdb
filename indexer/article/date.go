package article

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen"
)

// Layouts that carry their own zone or offset.
var zonedLayouts = []string{
	time.RFC3339Nano,
	time.RFC1123, // "Sun, 28 Nov 2021 04:16:53 GMT", the usual RSS form
	time.RFC1123Z,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04Z07:00",
	"Mon Jan 02 2006 15:04:05 GMT-0700",
}

// Layouts read in the caller's zone. Month, day and hour may have one
// digit or two ("2024-3-1", "2024/03/01 9:05").
var localLayouts = []string{
	"2006-1-2 15:04:05",
	"2006-1-2T15:04:05",
	"2006-1-2 15:04",
	"2006-1-2",
	"2006/1/2 15:04:05",
	"2006/1/2 15:04",
	"2006/1/2",
	"2006.1.2",
	"2006年1月2日 15:04:05",
	"2006年1月2日 15:04",
	"2006年1月2日15:04",
	"2006年1月2日",
}

// zoneAbbrevs are the offsets of zone abbreviations that mean one thing.
// Others ("CST": China, or US Central?) count only where the configured
// zone uses them (Asia/Shanghai's CST is +08:00).
var zoneAbbrevs = map[string]int{
	"UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0,
	"BST": 1, "CET": 1, "WAT": 1, "CEST": 2, "EET": 2, "SAST": 2, "EEST": 3, "MSK": 3,
	"HKT": 8, "SGT": 8, "AWST": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
	"EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "HST": -10,
}

// ParseDate reads the date forms found in news feeds: RFC 3339, RFC 1123
// ("Sun, 28 Nov 2021 04:16:53 GMT", other zone names as zoneAbbrevs says),
// Unix seconds or milliseconds, and zone-less "2022-02-09 11:06:55",
// "2022-02-09", "2022/2/9 11:06" or "2022年2月9日", which are read in zone
// (nil means Asia/Shanghai). An empty string is the zero time without
// error; anything else that does not parse, such as the literal "Invalid
// Date", an unknown zone name or a year outside 1678-2261, is an ErrBadDate
// error. A time at offset zero is returned in UTC.
func ParseDate(s string, zone *time.Location) (time.Time, error) {
	t, err := parseDate(s, zone)
	if err == nil && !t.IsZero() && (t.Year() < minYear || t.Year() > maxYear) {
		return time.Time{}, fmt.Errorf("date %q: outside the years %d-%d: %w", s, minYear, maxYear, ErrBadDate)
	}
	return t, err
}

// The years a date may have: those the index's datetime field holds
// (nanoseconds since 1970 in an int64), whole.
const minYear, maxYear = 1678, 2261

func parseDate(s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if zone == nil {
		zone = xinwen.DefaultZone()
	}
	if t, ok := unixTime(s); ok {
		return t, nil
	}
	// JavaScript's Date.toString: "Fri Mar 01 2024 12:00:00 GMT+0800 (中国标准时间)".
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	var zoneErr error
	for _, layout := range zonedLayouts {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			if t, ok := knownZone(t); ok {
				return t, nil
			}
			name, _ := t.Zone()
			zoneErr = fmt.Errorf("date %q: unknown zone %q: %w", s, name, ErrBadDate)
		}
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			return t, nil
		}
	}
	if zoneErr != nil {
		return time.Time{}, zoneErr
	}
	return time.Time{}, fmt.Errorf("date %q: %w", s, ErrBadDate)
}

// knownZone checks the zone of a time parsed with an abbreviation. Go
// gives an abbreviation that zone does not use a made-up zone at offset
// zero ("EST" read as UTC): such a time gets the abbreviation's offset from
// zoneAbbrevs; ok is false when the name is not one of them.
func knownZone(t time.Time) (_ time.Time, ok bool) {
	name, off := t.Zone()
	if off != 0 || name == "" || t.Location() != time.UTC && t.Location().String() != name {
		return inUTCIfZero(t), true // an offset, or an abbreviation zone uses
	}
	hours, ok := zoneAbbrevs[name]
	if !ok {
		return time.Time{}, false
	}
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, hours*3600))
	return inUTCIfZero(wall), true
}

// unixTime reads 10 digits as Unix seconds and 13 as milliseconds (the
// years 2001-2286), the forms JSON exports write dates in.
func unixTime(s string) (time.Time, bool) {
	if len(s) != 10 && len(s) != 13 || strings.TrimLeft(s, "0123456789") != "" {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1e9 {
		return time.Time{}, false
	}
	if len(s) == 13 {
		return time.UnixMilli(n).UTC(), true
	}
	return time.Unix(n, 0).UTC(), true
}

// inUTCIfZero gives "GMT" and "Z" times one location, so equal instants
// print and compare alike.
func inUTCIfZero(t time.Time) time.Time {
	if _, off := t.Zone(); off == 0 {
		return t.UTC()
	}
	return t
}
