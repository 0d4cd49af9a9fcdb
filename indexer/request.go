package indexer

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/indexer/article"
	"github.com/xinwen-search/xinwen/search"
)

// BodyError is a write request whose body could not be read: the
// client's fault, unlike a failure to index.
type BodyError struct{ Err error }

func (e *BodyError) Error() string { return "ingest: unreadable body: " + e.Err.Error() }
func (e *BodyError) Unwrap() error { return e.Err }

// requestStream names a request body in record positions ("body:3").
const requestStream = "body"

// SkippedLine is one record of a write request that is not indexed, and why.
type SkippedLine struct {
	Line   int
	Reason string
}

// ReadRequest reads the body of one write request: JSON Lines records as
// xinwen index reads them, each with an id, at most xinwen.MaxIngest of
// them, dates read in zone. Every record passes one Gate, and its id must
// name an article (xinwen.CheckID); a record refused is reported with its
// line and skipped. A failed read fails the request (*BodyError), as do
// too many records (xinwen.ErrTooLarge).
func ReadRequest(body io.Reader, zone *time.Location) ([]xinwen.Article, []SkippedLine, error) {
	rd := &stickyReader{r: body}
	gate := NewGate(zone, "request", false)
	var docs []xinwen.Article
	skipped := []SkippedLine{}
	n := 0
	for rec, err := range article.ReadJSONL(rd, requestStream, article.Options{Zone: zone, RequireID: true}) {
		if rd.err != nil {
			return nil, nil, &BodyError{rd.err}
		}
		if n++; n > xinwen.MaxIngest {
			return nil, nil, fmt.Errorf("ingest: more than %d records: %w", xinwen.MaxIngest, xinwen.ErrTooLarge)
		}
		line := lineOf(rec.Where)
		if reason := rejectReason(gate, rec.Article, err, line); reason != "" {
			skipped = append(skipped, SkippedLine{Line: line, Reason: reason})
			continue
		}
		docs = append(docs, rec.Article)
	}
	if rd.err != nil {
		return nil, nil, &BodyError{rd.err}
	}
	return docs, skipped, nil
}

// rejectReason says why a record cannot be ingested, or "" when gate
// admits it.
func rejectReason(gate *Gate, a xinwen.Article, err error, line int) string {
	if err != nil {
		return strings.TrimPrefix(err.Error(), fmt.Sprintf("jsonl: %s:%d: ", requestStream, line))
	}
	if err := xinwen.CheckID(a.ID); err != nil {
		return err.Error()
	}
	if err := gate.Admit(a); err != nil {
		return err.Error()
	}
	return ""
}

func lineOf(where string) int {
	n, _ := strconv.Atoi(where[strings.LastIndexByte(where, ':')+1:])
	return n
}

// Stories gives each article of a write request its story against the
// served index, as a batch build would: the cluster of its most similar
// earlier copy among the articles lookup finds (those sharing band keys
// with it, search.Live.Candidates, given its band hashes) and the
// request's earlier articles, else its own id. Articles are taken in
// request order.
func Stories(docs []xinwen.Article, zone *time.Location, lookup func(bands []uint64) ([]search.Member, error)) ([]search.Story, error) {
	gate := NewGate(zone, "request", false)
	gate.Existing(lookup)
	out := make([]search.Story, len(docs))
	for i, a := range docs {
		s, err := gate.Story(a)
		if err != nil {
			return nil, fmt.Errorf("ingest: story of %q: %w", a.ID, err)
		}
		out[i] = s
	}
	return out, nil
}
