package article

import (
	"fmt"
	"strings"
	"time"
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
}

// Layouts read in the caller's zone.
var localLayouts = []string{
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
}

// ParseDate reads the date forms found in news feeds: RFC 3339, RFC 1123
// ("Sun, 28 Nov 2021 04:16:53 GMT"), and zone-less "2022-02-09 11:06:55" or
// "2022-02-09", which are read in zone (nil means Asia/Shanghai).
// An empty string is the zero time without error; anything else that does
// not parse, such as the literal "Invalid Date", is an ErrBadDate error.
// A time at offset zero is returned in UTC.
func ParseDate(s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if zone == nil {
		zone = shanghai
	}
	for _, layout := range zonedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return inUTCIfZero(t), nil
		}
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: %w", s, ErrBadDate)
}

// inUTCIfZero gives "GMT" and "Z" times one location, so equal instants
// print and compare alike.
func inUTCIfZero(t time.Time) time.Time {
	if _, off := t.Zone(); off == 0 {
		return t.UTC()
	}
	return t
}
