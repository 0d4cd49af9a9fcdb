package bench

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/xinwen-search/xinwen/indexer/article"
)

// Doc is one article as the benchmark handles it: parsed, plain text.
type Doc struct {
	ID         string
	Title      string
	Body       string
	Categories []string
	Date       time.Time
}

// TextBytes is the title+body size, the unit of every MB/s figure.
func (d Doc) TextBytes() int { return len(d.Title) + len(d.Body) }

// TextBytes sums the title+body size of docs.
func TextBytes(docs []Doc) int64 {
	var n int64
	for _, d := range docs {
		n += int64(d.TextBytes())
	}
	return n
}

// ReadCorpus reads up to limit articles (0: all) from a JSON Lines file,
// gzipped when its name ends in .gz, through xinwen's own parser. Records
// the indexer would skip are skipped here too.
func ReadCorpus(path string, limit int) ([]Doc, error) {
	arts, err := article.LoadJSONL(path, limit, article.Options{})
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	docs := make([]Doc, len(arts))
	for i, a := range arts {
		docs[i] = Doc{ID: a.ID, Title: a.Title, Body: a.Body, Categories: a.Categories, Date: a.Date}
	}
	return docs, nil
}

// jsonDoc is the JSON Lines shape both indexing children read.
type jsonDoc struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	Date       string   `json:"date,omitempty"`
	Categories []string `json:"categories,omitempty"`
}

// CorpusWriter writes articles as gzipped JSON Lines.
type CorpusWriter struct {
	f   *os.File
	gz  *gzip.Writer
	buf *bufio.Writer
	enc *json.Encoder
}

// CreateCorpus starts a gzipped JSON Lines file at path.
func CreateCorpus(path string) (*CorpusWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("bench: write corpus: %w", err)
	}
	gz, _ := gzip.NewWriterLevel(f, gzip.BestSpeed) // the level is valid
	buf := bufio.NewWriterSize(gz, 1<<20)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return &CorpusWriter{f: f, gz: gz, buf: buf, enc: enc}, nil
}

// Write appends one article.
func (w *CorpusWriter) Write(d Doc) error {
	jd := jsonDoc{ID: d.ID, Title: d.Title, Body: d.Body, Categories: d.Categories}
	if !d.Date.IsZero() {
		jd.Date = d.Date.Format(time.RFC3339)
	}
	if err := w.enc.Encode(jd); err != nil {
		return fmt.Errorf("bench: write corpus: %w", err)
	}
	return nil
}

// Close flushes and closes the file.
func (w *CorpusWriter) Close() error {
	err := w.buf.Flush()
	if e := w.gz.Close(); err == nil {
		err = e
	}
	if e := w.f.Close(); err == nil {
		err = e
	}
	if err != nil {
		return fmt.Errorf("bench: write corpus: %w", err)
	}
	return nil
}

// WriteCorpus writes docs to a gzipped JSON Lines file at path.
func WriteCorpus(path string, docs []Doc) error {
	w, err := CreateCorpus(path)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			w.Close()
			return err
		}
	}
	return w.Close()
}
