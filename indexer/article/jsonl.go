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

// jsonRecord is the wire shape of one JSON Lines record. Producers vary
// the types: ids and titles may be numbers, dates Unix seconds, categories
// a list or one path.
type jsonRecord struct {
	ID         jsonText        `json:"id"`
	Title      jsonText        `json:"title"`
	Body       jsonText        `json:"body"`
	Date       jsonText        `json:"date"`
	Categories json.RawMessage `json:"categories"`
	URL        jsonText        `json:"url"`
	Source     jsonText        `json:"source"`
	Thumbnail  jsonText        `json:"thumbnail"`
}

// jsonText is a field meant as text: a string, or a number or boolean
// written as JSON writes it; null is empty. An array or object is kept as
// its JSON with bad set, for the field's reader to refuse.
type jsonText struct {
	s   string
	bad bool
}

func (t *jsonText) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*t = jsonText{}
	case len(b) > 0 && b[0] == '"':
		return json.Unmarshal(b, &t.s)
	case len(b) > 0 && (b[0] == '[' || b[0] == '{'):
		*t = jsonText{s: string(b), bad: true}
	default:
		*t = jsonText{s: string(b)}
	}
	return nil
}

// text is the field's text, or an error naming field when it is a list or
// an object.
func (t jsonText) text(field string) (string, error) {
	if t.bad {
		return "", fmt.Errorf("%s: %w: a list or object, want text", field, ErrBadJSON)
	}
	return t.s, nil
}

// ReadJSONL reads one JSON object per line: id, title, body (text, or HTML
// reduced with HTMLToText), date (as ParseDate), categories (a list, or one
// string split on "/" or " > "), url, source, thumbnail. name identifies the
// stream in positions ("name:line"). A record without an id gets one from
// its content (contentID), so it keeps it wherever and however often it is
// read. Each line is decoded on its own
// (UTF-8 or GB18030), so one bad line costs only itself: it is yielded as an
// error wrapping ErrBadJSON, ErrEncoding or ErrEmpty and reading goes on. A
// read error ends the sequence. Blank lines are skipped.
func ReadJSONL(r io.Reader, name string, opt Options) iter.Seq2[Parsed, error] {
	return func(yield func(Parsed, error) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		for n := 1; ; n++ {
			line, tooLong, err := readLine(br)
			where := name + ":" + strconv.Itoa(n)
			switch {
			case tooLong:
				if !yield(Parsed{Where: where}, fmt.Errorf("jsonl: %s: %w", where, errLineTooLong)) {
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
				yield(Parsed{Where: where}, fmt.Errorf("jsonl: %s: %w", where, err))
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

func parseJSONLine(line []byte, where, name string, n int, opt Options) (Parsed, error) {
	rec := Parsed{Where: where}
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
	more, err := finish(&a, where)
	if err != nil {
		return rec, fmt.Errorf("jsonl: %s: %w", where, err)
	}
	if a.ID == "" {
		a.ID = contentID(a)
	}
	rec.Article, rec.Warnings = a, append(warns, more...)
	return rec, nil
}
