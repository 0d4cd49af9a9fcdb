package article

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	sh := Options{}.zone()
	utc8 := time.FixedZone("", 8*3600)
	tests := []struct {
		name string
		in   string
		zone *time.Location
		want time.Time
		err  error
	}{
		{"rfc1123 gmt", "Sun, 28 Nov 2021 04:16:53 GMT", nil, time.Date(2021, 11, 28, 4, 16, 53, 0, time.UTC), nil},
		{"rfc1123 day only", "Thu, 31 Dec 1936 00:00:00 GMT", nil, time.Date(1936, 12, 31, 0, 0, 0, 0, time.UTC), nil},
		{"rfc1123z", "Mon, 14 Feb 2022 14:49:26 +0800", nil, time.Date(2022, 2, 14, 14, 49, 26, 0, utc8), nil},
		{"one-digit day", "Tue, 1 Mar 2022 08:00:00 GMT", nil, time.Date(2022, 3, 1, 8, 0, 0, 0, time.UTC), nil},
		{"rfc3339", "2022-01-01T19:00:00+08:00", nil, time.Date(2022, 1, 1, 11, 0, 0, 0, time.UTC), nil},
		{"rfc3339 z", "2022-01-01T19:00:00Z", nil, time.Date(2022, 1, 1, 19, 0, 0, 0, time.UTC), nil},
		{"zone-less in shanghai", "2022-02-09 11:06:55", nil, time.Date(2022, 2, 9, 11, 6, 55, 0, sh), nil},
		{"zone-less in utc", "2022-02-09 11:06:55", time.UTC, time.Date(2022, 2, 9, 11, 6, 55, 0, time.UTC), nil},
		{"day", "2021-05-01", nil, time.Date(2021, 5, 1, 0, 0, 0, 0, sh), nil},
		{"slashes", "2021/05/01", nil, time.Date(2021, 5, 1, 0, 0, 0, 0, sh), nil},
		{"spaces around", "  2021-05-01\n", nil, time.Date(2021, 5, 1, 0, 0, 0, 0, sh), nil},
		{"zone name the zone uses", "Fri, 01 Mar 2024 12:00:00 CST", nil, time.Date(2024, 3, 1, 12, 0, 0, 0, sh), nil},
		{"zone name with one meaning", "Fri, 01 Mar 2024 12:00:00 EST", nil, time.Date(2024, 3, 1, 17, 0, 0, 0, time.UTC), nil},
		{"unknown zone name", "Fri, 01 Mar 2024 12:00:00 XYZ", nil, time.Time{}, ErrBadDate},
		{"javascript toString", "Fri Mar 01 2024 12:00:00 GMT+0800 (中国标准时间)", nil, time.Date(2024, 3, 1, 12, 0, 0, 0, sh), nil},
		{"space and offset", "2024-03-01 12:00:00+08:00", nil, time.Date(2024, 3, 1, 12, 0, 0, 0, sh), nil},
		{"minutes and offset", "2024-03-01T12:00+08:00", nil, time.Date(2024, 3, 1, 12, 0, 0, 0, sh), nil},
		{"one-digit month and day", "2024-3-1", nil, time.Date(2024, 3, 1, 0, 0, 0, 0, sh), nil},
		{"slashes and minutes", "2024/3/1 12:00", nil, time.Date(2024, 3, 1, 12, 0, 0, 0, sh), nil},
		{"chinese", "2024年3月1日", nil, time.Date(2024, 3, 1, 0, 0, 0, 0, sh), nil},
		{"unix seconds", "1709280000", nil, time.Unix(1709280000, 0), nil},
		{"unix milliseconds", "1709280000123", nil, time.UnixMilli(1709280000123), nil},
		{"year the index cannot hold", "9999-12-31", nil, time.Time{}, ErrBadDate},
		{"year zero", "0001-01-01", nil, time.Time{}, ErrBadDate},
		{"empty", "", nil, time.Time{}, nil},
		{"invalid date", "Invalid Date", nil, time.Time{}, ErrBadDate},
		{"garbage", "yesterday", nil, time.Time{}, ErrBadDate},
		{"bad month", "2021-13-01", nil, time.Time{}, ErrBadDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in, tt.zone)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if !got.Equal(tt.want) || got.IsZero() != tt.want.IsZero() {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if _, off := got.Zone(); off == 0 && !got.IsZero() && got.Location() != time.UTC {
				t.Errorf("offset-zero time in %v, want UTC", got.Location())
			}
		})
	}
}

func TestDefaultZoneIsShanghai(t *testing.T) {
	got, _ := ParseDate("2022-06-01 12:00:00", nil)
	if _, off := got.Zone(); off != 8*3600 {
		t.Errorf("offset = %d, want +08:00", off)
	}
}
