// Package journal owns the write journal of an index directory: an
// append-only JSON Lines file, DIR/journal.jsonl, holding every article
// written and every id deleted over HTTP, in the order the server
// acknowledged them. The server appends to it (and syncs) before it
// answers a write; a batch build reads it as one more source, so a
// rebuild keeps what was written since the last one. It imports only the
// root package: search writes it, indexer reads it.
package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/xinwen-search/xinwen"
)

// FileName is the journal's name inside an index directory.
const FileName = "journal.jsonl"

// Path is the journal of the index directory dir.
func Path(dir string) string { return filepath.Join(dir, FileName) }

// entry is one line: an article written, or an id deleted.
type entry struct {
	Article *xinwen.Article `json:"article,omitempty"`
	Deleted string          `json:"deleted,omitempty"`
}

// Writer appends to a journal; its methods are safe for concurrent use.
type Writer struct {
	mu sync.Mutex // serializes appends; guards f
	f  *os.File
}

// Open opens the journal of dir for appending, creating it when missing.
// A last line without its newline, which a crash in the middle of an
// append leaves, is cut off: that write was never acknowledged.
func Open(dir string) (*Writer, error) {
	path := Path(dir)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	if err := trimTornTail(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("journal: %s: %w", path, err)
	}
	if err := syncDir(dir); err != nil {
		f.Close()
		return nil, fmt.Errorf("journal: %w", err)
	}
	return &Writer{f: f}, nil
}

// trimTornTail truncates f after its last newline and leaves the offset
// at the end.
func trimTornTail(f *os.File) error {
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	end := int64(bytes.LastIndexByte(data, '\n') + 1)
	if end != int64(len(data)) {
		if err := f.Truncate(end); err != nil {
			return err
		}
	}
	_, err = f.Seek(end, io.SeekStart)
	return err
}

// Write appends the articles and returns once they are on disk.
func (w *Writer) Write(arts []xinwen.Article) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for i := range arts {
		if err := enc.Encode(entry{Article: &arts[i]}); err != nil {
			return fmt.Errorf("journal: %q: %w", arts[i].ID, err)
		}
	}
	return w.append(b.Bytes())
}

// Delete appends a tombstone for id and returns once it is on disk.
func (w *Writer) Delete(id string) error {
	line, err := json.Marshal(entry{Deleted: id})
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return w.append(append(line, '\n'))
}

func (w *Writer) append(b []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return errors.New("journal: closed")
	}
	if _, err := w.f.Write(b); err != nil {
		return fmt.Errorf("journal: append: %w", err)
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("journal: sync: %w", err)
	}
	return nil
}

// Close closes the journal; later appends fail.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}

// State is what a journal says in the end: the last version written of
// each article not deleted since, in the order of their last writes, and
// the ids whose last entry deletes them.
type State struct {
	Articles []xinwen.Article
	Deleted  map[string]bool
	written  map[string]bool // the ids of Articles
}

// Has reports whether the journal decides id: written or deleted.
func (s State) Has(id string) bool {
	return s.Deleted[id] || s.written[id]
}

// Read folds the journal of dir into its State; no journal is an empty
// one. It reads the complete lines there are now: a line still being
// appended is left for the next reader.
func Read(dir string) (State, error) {
	st := State{Deleted: map[string]bool{}, written: map[string]bool{}}
	f, err := os.Open(Path(dir))
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	last := map[string]int{} // id -> index of its article in arts
	var arts []xinwen.Article
	br := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			break // a line without its newline is still being written
		}
		if err != nil {
			return st, fmt.Errorf("journal: read: %w", err)
		}
		var e entry
		if err := json.Unmarshal(line, &e); err != nil {
			return st, fmt.Errorf("journal: %s:%d: %w", Path(dir), n, err)
		}
		arts = fold(arts, last, st.Deleted, e)
	}
	for _, a := range arts {
		if a.ID != "" {
			st.Articles = append(st.Articles, a)
			st.written[a.ID] = true
		}
	}
	return st, nil
}

// fold applies one entry: a write replaces the id's earlier version (left
// as a hole with an empty id) and clears its tombstone; a delete drops it.
func fold(arts []xinwen.Article, last map[string]int, deleted map[string]bool, e entry) []xinwen.Article {
	id := e.Deleted
	if e.Article != nil {
		id = e.Article.ID
	}
	if i, ok := last[id]; ok {
		arts[i] = xinwen.Article{}
		delete(last, id)
	}
	if e.Article == nil {
		deleted[id] = true
		return arts
	}
	delete(deleted, id)
	last[id] = len(arts)
	return append(arts, *e.Article)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
