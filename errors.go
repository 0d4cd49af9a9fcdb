package xinwen

import (
	"errors"
	"fmt"
)

// Sentinel errors callers branch on with errors.Is; web maps each to an
// HTTP status and code.
var (
	// ErrBadQuery marks a request the caller got wrong (bad syntax, bad
	// filter, out-of-range paging).
	ErrBadQuery = errors.New("bad query")
	// ErrQueryTooLong is the ErrBadQuery of a query over MaxQueryRunes.
	ErrQueryTooLong = fmt.Errorf("query too long: %w", ErrBadQuery)
	// ErrDeepPage is the ErrBadQuery of offset paging past MaxWindow.
	ErrDeepPage = fmt.Errorf("page too deep: %w", ErrBadQuery)
	// ErrNotFound is returned by Get for an unknown article id.
	ErrNotFound = errors.New("not found")
	// ErrTooLarge marks a write bigger than the limits allow.
	ErrTooLarge = errors.New("request too large")
)

// badQuery is an ErrBadQuery whose text, before the sentinel's, is msg.
func badQuery(msg string) error { return fmt.Errorf("%s: %w", msg, ErrBadQuery) }
