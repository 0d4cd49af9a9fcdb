package zh

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Entry is one line of a user dictionary: a word, its optional frequency
// (0: jieba's default weight for user words) and part-of-speech tag, and
// when it was added through the API (zero for other dictionaries).
type Entry struct {
	Word  string    `json:"word"`
	Freq  int       `json:"freq,omitempty"`
	Tag   string    `json:"tag,omitempty"`
	Added time.Time `json:"added,omitzero"`
}

// addedPrefix opens the comment line WriteEntries puts before an entry
// with an Added time. A comment, so the live list stays a plain user
// dictionary that jieba and --user-dict read as any other.
const addedPrefix = "# added "

// String is the entry as a user-dictionary line (without Added).
func (e Entry) String() string {
	switch {
	case e.Tag != "":
		return fmt.Sprintf("%s %d %s", e.Word, e.Freq, e.Tag)
	case e.Freq != 0:
		return fmt.Sprintf("%s %d", e.Word, e.Freq)
	}
	return e.Word
}

// ParseEntries reads user-dictionary lines (`word [freq [tag]]`, # comments
// and blank lines skipped). Words are normalized as text is before
// segmenting; a malformed line fails the whole read with its line number.
// A comment `# added TIME` (RFC 3339) gives the next entry its Added time.
func ParseEntries(r io.Reader) ([]Entry, error) {
	var (
		out   []Entry
		added time.Time
	)
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if t, ok := strings.CutPrefix(line, addedPrefix); ok {
			added, _ = time.Parse(time.RFC3339, strings.TrimSpace(t)) // a bad time is a plain comment
			continue
		}
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		e, err := parseEntry(fields)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		e.Added, added = added, time.Time{}
		out = append(out, e)
	}
	return out, sc.Err()
}

func parseEntry(fields []string) (Entry, error) {
	if len(fields) > 3 {
		return Entry{}, errors.New("more than 'word [freq [tag]]'")
	}
	e := Entry{Word: strings.Join(strings.Fields(Normalize(fields[0])), "")}
	if !fold.HasWordRune(e.Word) {
		return Entry{}, fmt.Errorf("%q holds no letters or digits", fields[0])
	}
	if len(fields) > 1 {
		f, err := strconv.Atoi(fields[1])
		if err != nil || f < 0 {
			return Entry{}, fmt.Errorf("frequency %q is not a non-negative integer", fields[1])
		}
		e.Freq = f
	}
	if len(fields) > 2 {
		e.Tag = fields[2]
	}
	return e, nil
}

// ReadEntries reads a user-dictionary file; a missing file is empty.
func ReadEntries(path string) ([]Entry, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	es, err := ParseEntries(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return es, nil
}

// WriteEntries replaces path with es, through a synced temporary file and
// a rename, so a crash leaves the old list or the new one.
func WriteEntries(path string, es []Entry) error {
	var b bytes.Buffer
	b.WriteString("# Words added through POST /api/admin/dictionary; read by xinwen serve and xinwen index.\n")
	for _, e := range es {
		if !e.Added.IsZero() {
			b.WriteString(addedPrefix + e.Added.UTC().Format(time.RFC3339) + "\n")
		}
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(b.Bytes())
	err = errors.Join(err, tmp.Sync(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}

// LiveVersion is a fingerprint of the live word list s was loaded with
// (its lines, in order), "" when it is empty: what a generation records as
// the word list it was analysed with.
func (s *Segmenter) LiveVersion() string {
	if len(s.live) == 0 {
		return ""
	}
	h := sha256.New()
	for _, e := range s.live {
		fmt.Fprintln(h, e.String())
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// MergeEntries returns list with add applied: a new word is appended, a
// known one takes the new frequency, tag and Added time. changed lists the
// words whose entry is new or different; a word added again as it was
// keeps its entry, and so the time it was first added.
func MergeEntries(list, add []Entry) (out []Entry, changed []string) {
	out = slices.Clone(list)
	for _, e := range add {
		i := slices.IndexFunc(out, func(o Entry) bool { return o.Word == e.Word })
		switch {
		case i < 0:
			out = append(out, e)
		case out[i].String() != e.String():
			out[i] = e
		default:
			continue
		}
		if !slices.Contains(changed, e.Word) {
			changed = append(changed, e.Word)
		}
	}
	return out, changed
}

// RemoveEntries returns list without words; removed lists those it held.
func RemoveEntries(list []Entry, words []string) (out []Entry, removed []string) {
	for _, e := range list {
		if slices.Contains(words, e.Word) {
			removed = append(removed, e.Word)
			continue
		}
		out = append(out, e)
	}
	return out, removed
}
