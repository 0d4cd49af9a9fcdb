package web

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/xinwen-search/xinwen"
)

// Exporter streams every match of a search; search.Live implements it.
// A Searcher that does not answers GET /api/export with 501.
type Exporter interface {
	Export(ctx context.Context, req xinwen.SearchRequest, opt xinwen.ExportOptions) error
}

// DefaultExportTimeout bounds an export when Options.ExportTimeout is
// zero: an export pages through every match, far longer than a search.
const DefaultExportTimeout = 10 * time.Minute

// exportFields are the columns every export has, in order; the optional
// ones follow when fields= names them.
var (
	exportFields   = []string{"id", "date", "title", "url", "categories", "source"}
	optionalFields = []string{"body", "snippet"}
)

// exportFormat is one export's shape, read from its parameters.
type exportFormat struct {
	csv, bom      bool
	body, snippet bool
}

func (f exportFormat) columns() []string {
	cols := slices.Clone(exportFields)
	if f.body {
		cols = append(cols, "body")
	}
	if f.snippet {
		cols = append(cols, "snippet")
	}
	return cols
}

// parseExport reads format, fields and bom; the filters are a search's.
func parseExport(v url.Values) (exportFormat, error) {
	var f exportFormat
	switch v.Get("format") {
	case "", "ndjson":
	case "csv":
		f.csv = true
	default:
		return f, badParam("format must be ndjson or csv")
	}
	for _, name := range strings.Split(v.Get("fields"), ",") {
		switch name = strings.TrimSpace(name); {
		case name == "body":
			f.body = true
		case name == "snippet":
			f.snippet = true
		case name != "" && !slices.Contains(exportFields, name):
			return f, badParam("fields may name " + strings.Join(append(slices.Clone(exportFields), optionalFields...), ", "))
		}
	}
	var err error
	f.bom, err = parseFlag("bom", v.Get("bom"), false)
	return f, err
}

// apiExport streams every article matching a search as NDJSON or CSV.
// Every parameter is checked, and the first page searched, before the
// status is sent: a bad request is a 400 like a search's. A client that
// goes away cancels the request's context and fails the next write; either
// ends the export.
func (s *Server) apiExport(c *gin.Context) {
	ex, ok := s.s.(Exporter)
	if !ok {
		c.AbortWithStatusJSON(http.StatusNotImplemented, gin.H{"error": apiError{Code: "not_implemented", Message: "this index cannot export"}})
		return
	}
	v, req, err := apiSearchOf(c.Request, s.opt.Zone)
	if err != nil {
		s.fail(c, err)
		return
	}
	f, err := parseExport(v)
	if err != nil {
		s.fail(c, err)
		return
	}
	w := newExportWriter(c, f)
	err = ex.Export(c.Request.Context(), req, xinwen.ExportOptions{Body: f.body, Snippet: f.snippet, Begin: w.begin, Row: w.row})
	if err == nil {
		err = w.flush()
	}
	switch {
	case err == nil:
	case !w.started:
		s.fail(c, err)
	default:
		// Rows went out under a 200: break the connection rather than end
		// the stream cleanly, so the client sees the export is incomplete.
		s.public(c, err)
		panic(http.ErrAbortHandler)
	}
}

// exportWriter writes rows to the response through one buffer.
type exportWriter struct {
	c       *gin.Context
	f       exportFormat
	buf     *bufio.Writer
	csv     *csv.Writer
	started bool
	rows    uint64
}

func newExportWriter(c *gin.Context, f exportFormat) *exportWriter {
	return &exportWriter{c: c, f: f}
}

// begin sends the status and headers, the BOM and the CSV header row.
func (w *exportWriter) begin(total uint64) error {
	w.started = true
	w.c.Set(hitsKey, total)
	h := w.c.Writer.Header()
	ext, ctype := "ndjson", "application/x-ndjson; charset=utf-8"
	if w.f.csv {
		ext, ctype = "csv", "text/csv; charset=utf-8"
	}
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", `attachment; filename="xinwen-export.`+ext+`"`)
	h.Set("X-Total-Count", strconv.FormatUint(total, 10))
	w.c.Status(http.StatusOK)
	w.buf = bufio.NewWriterSize(w.c.Writer, 64<<10)
	if w.f.bom {
		w.buf.WriteString("\uFEFF")
	}
	if w.f.csv {
		w.csv = csv.NewWriter(w.buf)
		return w.csv.Write(w.f.columns())
	}
	return nil
}

func (w *exportWriter) row(r xinwen.ExportRow) error {
	w.rows++
	if w.csv != nil {
		rec := []string{r.ID, r.Date, r.Title, r.URL, strings.Join(r.Categories, ";"), r.Source}
		if w.f.body {
			rec = append(rec, r.Body)
		}
		if w.f.snippet {
			rec = append(rec, r.Snippet)
		}
		if err := w.csv.Write(rec); err != nil {
			return err
		}
		w.csv.Flush()
		return w.csv.Error()
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	w.buf.Write(b)
	return w.buf.WriteByte('\n')
}

// flush sends what the buffer holds.
func (w *exportWriter) flush() error {
	if w.buf == nil {
		return nil
	}
	if w.csv != nil {
		if w.csv.Flush(); w.csv.Error() != nil {
			return w.csv.Error()
		}
	}
	return w.buf.Flush()
}
