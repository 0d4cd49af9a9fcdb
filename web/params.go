package web

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen"
)

// Limits of the suggest endpoint, and the form of a bare date.
const (
	defaultSuggestN = 8
	maxSuggestN     = 20
	dateOnlyLayout  = "2006-01-02"
)

// queryOf parses the request's query string strictly: url.URL.Query
// silently drops pairs it cannot decode, which would widen a search.
func queryOf(r *http.Request) (url.Values, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return v, errMalformed
	}
	return v, nil
}

// parseSearch turns query parameters into a normalized
// xinwen.SearchRequest; every error it returns wraps xinwen.ErrBadQuery.
// The API also takes size=0, for the total and the facets without hits;
// the page does not.
func parseSearch(v url.Values, zone *time.Location) (xinwen.SearchRequest, error) {
	return parseSearchSized(v, zone, 1)
}

// apiSearchOf reads a request's query string and the search it asks for,
// as the API takes it (size=0 allowed).
func apiSearchOf(r *http.Request, zone *time.Location) (url.Values, xinwen.SearchRequest, error) {
	v, err := queryOf(r)
	if err != nil {
		return v, xinwen.SearchRequest{}, err
	}
	req, err := parseAPISearch(v, zone)
	return v, req, err
}

// parseAPISearch is parseSearch with size=0 allowed.
func parseAPISearch(v url.Values, zone *time.Location) (xinwen.SearchRequest, error) {
	return parseSearchSized(v, zone, 0)
}

// parseSearchSized reads the parameters; the request's Normalize holds
// the rules. An absent number leaves its field zero, which Normalize
// reads as the default, so a number given must be at least 1 (size: at
// least minSize, 0 meaning counts only).
func parseSearchSized(v url.Values, zone *time.Location, minSize int) (xinwen.SearchRequest, error) {
	req := xinwen.SearchRequest{Query: v.Get("q"), Categories: v["category"], Sort: v.Get("sort"), After: v.Get("after"),
		Histogram: v.Get("histogram"), Cluster: v.Get("cluster")}
	var err error
	if req.From, req.To, err = parseRange(v.Get("from"), v.Get("to"), zone); err != nil {
		return req, err
	}
	if req.Page, err = parseInt("page", v.Get("page"), 1, math.MaxInt); err != nil {
		return req, err
	}
	if req.Size, err = parseSize(v.Get("size"), minSize); err != nil {
		return req, err
	}
	req.CountOnly = v.Get("size") != "" && req.Size == 0
	if req.Recency, err = parseFlag("recency", v.Get("recency"), false); err != nil {
		return req, err
	}
	if req.FacetSize, err = parseInt("facet_size", v.Get("facet_size"), 1, xinwen.MaxFacetSize); err != nil {
		return req, err
	}
	facets, err := parseFlag("facets", v.Get("facets"), true)
	if err != nil {
		return req, err
	}
	req.NoFacets = !facets
	rewrite, err := parseFlag("rewrite", v.Get("rewrite"), true)
	if err != nil {
		return req, err
	}
	req.NoRewrite = !rewrite
	collapse, err := parseFlag("collapse", v.Get("collapse"), true)
	if err != nil {
		return req, err
	}
	req.NoCollapse = !collapse
	return req.Normalize()
}

// parseSize reads the number of hits. The API takes 0..MaxSize, 0 for
// counts only, and leaves the upper bound to Normalize; the page shows
// 1..MaxSize hits and says so in its own words.
func parseSize(s string, minSize int) (int, error) {
	n, err := parseInt("size", s, minSize, xinwen.MaxSize)
	if err == nil && minSize > 0 && n > xinwen.MaxSize {
		err = rangeError("size", minSize, xinwen.MaxSize)
	}
	return n, err
}

// parseRange reads the inclusive date bounds; a bare date is a whole day in zone.
func parseRange(from, to string, zone *time.Location) (f, t time.Time, err error) {
	if f, err = parseDate("from", from, zone, false); err != nil {
		return f, t, err
	}
	t, err = parseDate("to", to, zone, true)
	return f, t, err
}

// parseDate accepts YYYY-MM-DD or RFC 3339. For a bare date, endOfDay picks
// its last nanosecond instead of its first.
func parseDate(name, s string, zone *time.Location, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseInLocation(dateOnlyLayout, s, zone); err == nil {
		if endOfDay {
			d = d.AddDate(0, 0, 1).Add(-time.Nanosecond)
		}
		return d, nil
	}
	// An unescaped "+08:00" in a URL arrives as " 08:00".
	if len(s) > 6 && s[len(s)-6] == ' ' {
		s = s[:len(s)-6] + "+" + s[len(s)-5:]
	}
	d, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, badParam(name + " must be YYYY-MM-DD or RFC 3339")
	}
	return d, nil
}

// parseInt reads an optional integer of at least lo; absent is 0. hi
// only names the range in the message: Normalize holds the upper bounds.
func parseInt(name, s string, lo, hi int) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo {
		return 0, rangeError(name, lo, hi)
	}
	return n, nil
}

func rangeError(name string, lo, hi int) error {
	if hi == math.MaxInt {
		return badParam(fmt.Sprintf("%s must be an integer of at least %d", name, lo))
	}
	return badParam(fmt.Sprintf("%s must be between %d and %d", name, lo, hi))
}

// parseFlag reads an optional boolean: 1/0, true/false.
func parseFlag(name, s string, def bool) (bool, error) {
	if s == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return def, badParam(name + " must be 1, 0, true or false")
	}
	return b, nil
}

// parseSuggest reads the prefix and count of /api/suggest.
func parseSuggest(v url.Values) (prefix string, n int, err error) {
	if prefix, err = xinwen.NormalizeQuery(v.Get("q")); err != nil {
		return "", 0, err
	}
	if n, err = parseInt("n", v.Get("n"), 1, maxSuggestN); err == nil && n > maxSuggestN {
		err = rangeError("n", 1, maxSuggestN)
	}
	return prefix, cmp.Or(n, defaultSuggestN), err
}
