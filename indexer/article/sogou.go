package article

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"iter"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen"
	"golang.org/x/net/html"
)

var docEnd = []byte("</doc>")

// ReadSogou reads a SogouCA/SogouCS dump: <doc> records holding <url>,
// <docno>, <contenttitle> and <content>. The dumps are not XML (bare "&",
// stray bytes), so fields are cut out by their tags. Each record is decoded
// on its own, as UTF-8 or GB18030 (see DecodeText). The id is "sogou-" +
// docno, the source the URL's host, the category its first label
// ("sports" for sports.sohu.com), and the date the day in its path
// (/20120612/), the only date these dumps have. A record with neither title nor content
// is yielded as an error wrapping ErrEmpty; reading goes on. name
// identifies the stream in positions ("name:line").
func ReadSogou(r io.Reader, name string, opt Options) iter.Seq2[Parsed, error] {
	return func(yield func(Parsed, error) bool) {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
		sc.Split(splitDocs)
		line := 1
		for sc.Scan() {
			chunk := sc.Bytes()
			start := line + bytes.Count(chunk[:max(0, bytes.Index(chunk, []byte("<doc>")))], []byte("\n"))
			line += bytes.Count(chunk, []byte("\n"))
			if bytes.Index(chunk, []byte("<doc>")) < 0 {
				continue // the <doclist> wrapper or trailing text
			}
			if !yield(parseSogouDoc(chunk, name+":"+strconv.Itoa(start), opt)) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(Parsed{Where: name}, fmt.Errorf("sogou: %s:%d: %w", name, line, err))
		}
	}
}

// sogouParagraph is the private-use character SogouCS writes where a
// paragraph ends.
const sogouParagraph = "\ue40c"

// urlDate finds a day in a URL path: /20120612/, /2012-06-12/, /2012/0612/
// or /2012/06/12/.
var urlDate = regexp.MustCompile(`/((?:19|20)\d\d)[-/]?(\d\d)[-/]?(\d\d)/`)

// dateFromURL is the day a news URL names, at midnight in zone, or zero.
// The Sogou dumps carry no other date.
func dateFromURL(link string, zone *time.Location) time.Time {
	m := urlDate.FindStringSubmatch(link)
	if m == nil {
		return time.Time{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, zone)
	if t.Month() != time.Month(mo) || t.Day() != d { // 20121340 is no day
		return time.Time{}
	}
	return t
}

// splitDocs cuts the stream after each "</doc>".
func splitDocs(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.Index(data, docEnd); i >= 0 {
		return i + len(docEnd), data[:i+len(docEnd)], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func parseSogouDoc(chunk []byte, where string, opt Options) (Parsed, error) {
	rec := Parsed{Where: where}
	text, err := DecodeText(chunk)
	if err != nil {
		return rec, fmt.Errorf("sogou: %s: %w", where, err)
	}
	link := strings.TrimSpace(sogouField(text, "url"))
	a := xinwen.Article{
		URL:   link,
		Title: html.UnescapeString(sogouField(text, "contenttitle")),
		Body:  bodyText(strings.ReplaceAll(sogouField(text, "content"), sogouParagraph, "\n")),
		Date:  dateFromURL(link, opt.zone()),
	}
	if docno := strings.TrimSpace(sogouField(text, "docno")); docno != "" {
		a.ID = "sogou-" + docno
	} else {
		a.ID = stableID("sogou-", where)
	}
	if u, err := url.Parse(link); err == nil && u.Hostname() != "" {
		a.Source = u.Hostname()
		label, _, _ := strings.Cut(u.Hostname(), ".")
		a.Categories = []string{label}
	}
	rec.Warnings, err = finish(&a, where)
	if err != nil {
		return rec, fmt.Errorf("sogou: %s: %w", where, err)
	}
	rec.Article = a
	return rec, nil
}

// sogouField returns the text between <tag> and </tag>; a missing close
// tag ends the field at the next line break.
func sogouField(doc, tag string) string {
	_, rest, ok := strings.Cut(doc, "<"+tag+">")
	if !ok {
		return ""
	}
	if v, _, ok := strings.Cut(rest, "</"+tag+">"); ok {
		return v
	}
	v, _, _ := strings.Cut(rest, "\n")
	return v
}
