package main

import (
	"errors"
	"slices"
	"testing"
)

func TestParseScales(t *testing.T) {
	for _, tc := range []struct {
		list    string
		scale10 bool
		want    []int
	}{
		{"", false, nil},
		{"", true, []int{10}},
		{"10,40", false, []int{10, 40}},
		{" 40 , 10 ", false, []int{10, 40}},
		{"40", true, []int{10, 40}},
		{"10", true, []int{10}},
		{"4,2,4", false, []int{2, 4}},
	} {
		got, err := parseScales(tc.list, tc.scale10)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("parseScales(%q, %v) = %v, %v; want %v", tc.list, tc.scale10, got, err, tc.want)
		}
	}
	for _, bad := range []string{"1", "0", "-10", "ten", "10,x", "2.5"} {
		if got, err := parseScales(bad, false); !errors.Is(err, errUsage) {
			t.Errorf("parseScales(%q) = %v, %v; want errUsage", bad, got, err)
		}
	}
}
