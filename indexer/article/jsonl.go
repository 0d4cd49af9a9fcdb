package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
)

// MaxLineBytes bounds one JSON Lines record; longer lines are reported and
// skipped.
const MaxLineBytes = 16 << 20

var errLineTooLong = errors.New("line longer than 16 MiB")

// jsonRecord is the wire shape of one JSON Lines record. ID and categories
// vary in type between producers.
type jsonRecord struct {
	ID         json.RawMessage `json:"id"`
	Title      string          `json:"title"`
	Body       string          `json:"body"`
	Date       string          `json:"date"`
	Categories json.RawMessage `json:"categories"`
	URL        string          `json:"url"`
	Source     string          `json:"source"`
	Thumbnail  string          `json:"thumbnail"`
}

// ReadJSONL reads one JSON object per line: id, title, body (text, or HTML
// reduced with HTMLToText), date (as ParseDate), categories (a list, or one
// string split on "/" or " > "), url, source, thumbnail. name identifies the
// stream in positions ("name:line") and, with the line number, gives the
// stable id "jl-…" of a record without one. Each line is decoded on its own
// (UTF-8 or GB18030), so one bad line costs only itself: it is yielded as an
// error wrapping ErrBadJSON, ErrEncoding or ErrEmpty and reading goes on. A
// read error ends the sequence. Blank lines are skipped.
func ReadJSONL(r io.Reader, name string, opt Options) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		for n := 1; ; n++ {
			line, tooLong, err := readLine(br)
			where := name + ":" + strconv.Itoa(n)
			switch {
			case tooLong:
				if !yield(Record{Where: where}, fmt.Errorf("jsonl: %s: %w", where, errLineTooLong)) {
					return
				}
			case len(bytes.TrimSpace(line)) > 0:
				if !yield(parseJSONLine(line, where, name, n, opt)) {
					return
				}
			}
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(Record{Where: where}, fmt.Errorf("jsonl: %s: %w", where, err))
				return
			}
		}
	}
}

// readLine reads through the next "\n" (io.EOF comes with the last line).
// A line over MaxLineBytes is consumed but not kept, and reported tooLong.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong && len(line)+len(chunk) > MaxLineBytes {
			tooLong, line = true, nil
		}
		if !tooLong {
			line = append(line, chunk...) // copies: chunk is reused by br
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, tooLong, err
		}
	}
}

func parseJSONLine(line []byte, where, name string, n int, opt Options) (Record, error) {
	rec := Record{Where: where}
	text, err := DecodeText(line)
	if err != nil {
		return rec, fmt.Errorf("jsonl: %s: %w", where, err)
	}
	var jr jsonRecord
	if err := json.Unmarshal([]byte(text), &jr); err != nil {
		return rec, fmt.Errorf("jsonl: %s: %w: %w", where, ErrBadJSON, err)
	}
	a, warns, err := jr.article(where, opt)
	if err != nil {
		return rec, fmt.Errorf("jsonl: %s: %w", where, err)
	}
	if a.ID == "" && opt.RequireID {
		return rec, fmt.Errorf("jsonl: %s: %w", where, ErrNoID)
	}
	if a.ID == "" {
		a.ID = stableID("jl-", name+":"+strconv.Itoa(n))
	}
	more, err := finish(&a, where)
	if err != nil {
		return rec, fmt.Errorf("jsonl: %s: %w", where, err)
	}
	rec.Article, rec.Warnings = a, append(warns, more...)
	return rec, nil
}
