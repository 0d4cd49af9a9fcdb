package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search"
)

// Limits on parameters that search.Request leaves to its caller.
const (
	maxCategories    = 20
	maxCategoryRunes = 200
	maxCursorBytes   = 1024
	defaultSuggestN  = 8
	maxSuggestN      = 20
	dateOnlyLayout   = "2006-01-02"
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

// parseSearch turns query parameters into a validated search.Request.
// Every error it returns is a *userError. The API also takes size=0, for
// the total and the facets without hits; the page does not.
func parseSearch(v url.Values, zone *time.Location) (search.Request, error) {
	return parseSearchSized(v, zone, 1)
}

// parseAPISearch is parseSearch with size=0 allowed.
func parseAPISearch(v url.Values, zone *time.Location) (search.Request, error) {
	return parseSearchSized(v, zone, 0)
}

func parseSearchSized(v url.Values, zone *time.Location, minSize int) (search.Request, error) {
	req := search.Request{Sort: search.SortRelevance, Page: 1, Size: search.DefaultSize}
	var err error
	if req.Query, err = parseQuery(v.Get("q")); err != nil {
		return req, err
	}
	if req.Categories, err = parseCategories(v["category"]); err != nil {
		return req, err
	}
	if req.From, req.To, err = parseRange(v.Get("from"), v.Get("to"), zone); err != nil {
		return req, err
	}
	if req.Sort, err = parseSort(v.Get("sort")); err != nil {
		return req, err
	}
	if req.Page, req.Size, err = parsePaging(v.Get("page"), v.Get("size"), minSize); err != nil {
		return req, err
	}
	if req.Size == 0 { // size=0: the total and the facets only
		req.Size, req.CountOnly = search.DefaultSize, true
	}
	if req.After, err = parseCursor(v.Get("after")); err != nil {
		return req, err
	}
	if err = checkWindow(req); err != nil {
		return req, err
	}
	if req.Recency, err = parseFlag("recency", v.Get("recency"), false); err != nil {
		return req, err
	}
	if req.FacetSize, err = parseInt("facet_size", v.Get("facet_size"), 0, 1, search.MaxFacetSize); err != nil {
		return req, err
	}
	facets, err := parseFlag("facets", v.Get("facets"), true)
	req.NoFacets = !facets
	return req, err
}

// parseQuery trims q and rejects text the search package cannot take.
func parseQuery(q string) (string, error) {
	q = strings.TrimSpace(q)
	if !utf8.ValidString(q) {
		return "", badParam("q must be valid UTF-8")
	}
	if utf8.RuneCountInString(q) > search.MaxQueryRunes {
		return "", &userError{kind: errQueryTooLong,
			msg: fmt.Sprintf("q must be at most %d characters", search.MaxQueryRunes)}
	}
	return q, nil
}

// parseCategories drops empty and repeated values, keeping order.
func parseCategories(raw []string) ([]string, error) {
	var out []string
	seen := make(map[string]bool)
	for _, c := range raw {
		c = strings.Trim(strings.TrimSpace(c), "/")
		if c == "" || seen[c] {
			continue
		}
		if !utf8.ValidString(c) || utf8.RuneCountInString(c) > maxCategoryRunes {
			return nil, badParam(fmt.Sprintf("category must be valid UTF-8 of at most %d characters", maxCategoryRunes))
		}
		seen[c] = true
		out = append(out, c)
	}
	if len(out) > maxCategories {
		return nil, badParam(fmt.Sprintf("at most %d categories", maxCategories))
	}
	return out, nil
}

// parseRange reads the inclusive date bounds; a bare date is a whole day in zone.
func parseRange(from, to string, zone *time.Location) (f, t time.Time, err error) {
	if f, err = parseDate("from", from, zone, false); err != nil {
		return f, t, err
	}
	if t, err = parseDate("to", to, zone, true); err != nil {
		return f, t, err
	}
	if !f.IsZero() && !t.IsZero() && f.After(t) {
		return f, t, badParam("from must not be after to")
	}
	return f, t, nil
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

func parseSort(s string) (string, error) {
	switch s {
	case "", search.SortRelevance:
		return search.SortRelevance, nil
	case search.SortDate:
		return search.SortDate, nil
	}
	return "", badParam("sort must be relevance or date")
}

func parsePaging(page, size string, minSize int) (p, n int, err error) {
	if p, err = parseInt("page", page, 1, 1, math.MaxInt); err != nil {
		return 0, 0, err
	}
	if n, err = parseInt("size", size, search.DefaultSize, minSize, search.MaxSize); err != nil {
		return 0, 0, err
	}
	return p, n, nil
}

// parseInt reads an optional integer within [lo, hi].
func parseInt(name, s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		if hi == math.MaxInt {
			return 0, badParam(fmt.Sprintf("%s must be an integer of at least %d", name, lo))
		}
		return 0, badParam(fmt.Sprintf("%s must be between %d and %d", name, lo, hi))
	}
	return n, nil
}

func parseCursor(s string) (string, error) {
	if len(s) > maxCursorBytes || !utf8.ValidString(s) {
		return "", badParam("after is not a cursor from next_cursor")
	}
	return s, nil
}

// checkWindow rejects offset paging past search.MaxWindow; a cursor has no
// such limit, and counts (size=0) page nothing.
func checkWindow(req search.Request) error {
	if req.After != "" || req.CountOnly || req.Page <= search.MaxWindow/req.Size {
		return nil
	}
	return &userError{kind: errDeepPage, msg: fmt.Sprintf(
		"page*size must be at most %d; to go deeper, sort=date and pass after=<next_cursor> from the previous page",
		search.MaxWindow)}
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
	if prefix, err = parseQuery(v.Get("q")); err != nil {
		return "", 0, err
	}
	n, err = parseInt("n", v.Get("n"), defaultSuggestN, 1, maxSuggestN)
	return prefix, n, err
}
