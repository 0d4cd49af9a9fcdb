package indexer

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/indexer/article"
)

func gzipped(t *testing.T, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := io.WriteString(zw, text); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeFile(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// jsonlLines is a JSON Lines feed long enough that a gzip of it cut short
// breaks inside the stream, not in its header.
func jsonlLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"g%d","title":"压缩文件中的第%d条新闻","body":"正文内容，第%d条。"}`+"\n", i, i, i)
	}
	return b.String()
}

// TestUnreadableInputFailsRun: a source file that cannot be read, given
// directly or found in a walked directory, or a .gz that is not gzip or
// breaks off, fails the run: nothing is published and the error names the
// file. The generation that was serving keeps serving.
func TestUnreadableInputFailsRun(t *testing.T) {
	_, good := writeSources(t)
	feed := jsonlLines(200)
	whole := gzipped(t, feed)
	hexo := gzipped(t, strings.Repeat(" ", 4000)+"---\ntitle: 'x'\n---\n"+strings.Repeat("正文", 2000))
	sogou := gzipped(t, strings.Repeat("<doc><docno>d1</docno><contenttitle>标题</contenttitle><content>正文内容</content></doc>\n", 200))

	socket := func(t *testing.T, path string) string {
		t.Helper()
		os.MkdirAll(filepath.Dir(path), 0o755)
		l, err := net.Listen("unix", path)
		if err != nil {
			t.Skipf("no unix socket to stand for an unopenable file: %v", err)
		}
		t.Cleanup(func() { l.Close() })
		return path
	}
	tests := []struct {
		name string
		make func(t *testing.T, dir string) (source, file string)
		want error // nil: any error naming file
	}{
		{"unopenable file given", func(t *testing.T, dir string) (string, string) {
			p := socket(t, filepath.Join(dir, "s.jsonl"))
			return p, p
		}, nil},
		{"unopenable file in a directory", func(t *testing.T, dir string) (string, string) {
			writeFile(t, filepath.Join(dir, "in", "a.jsonl"), []byte(jsonlLines(3)))
			p := filepath.Join(dir, "in", "b.jsonl")
			if err := os.Symlink(filepath.Join(dir, "gone.jsonl"), p); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(dir, "in"), p
		}, os.ErrNotExist},
		{"not gzip", func(t *testing.T, dir string) (string, string) {
			p := writeFile(t, filepath.Join(dir, "plain.jsonl.gz"), []byte(feed))
			return p, p
		}, gzip.ErrHeader},
		{"empty .gz", func(t *testing.T, dir string) (string, string) {
			p := writeFile(t, filepath.Join(dir, "empty.jsonl.gz"), nil)
			return p, p
		}, nil},
		{"truncated .jsonl.gz", func(t *testing.T, dir string) (string, string) {
			p := writeFile(t, filepath.Join(dir, "cut.jsonl.gz"), whole[:len(whole)*2/3])
			return p, p
		}, io.ErrUnexpectedEOF},
		{"truncated .gz in a directory", func(t *testing.T, dir string) (string, string) {
			writeFile(t, filepath.Join(dir, "in", "a.jsonl"), []byte(jsonlLines(3)))
			p := writeFile(t, filepath.Join(dir, "in", "b.jsonl.gz"), whole[:len(whole)-20])
			return filepath.Join(dir, "in"), p
		}, io.ErrUnexpectedEOF},
		{"corrupt .gz", func(t *testing.T, dir string) (string, string) {
			bad := bytes.Clone(whole)
			for i := 20; i < len(bad)-8; i += 7 {
				bad[i] ^= 0x55
			}
			p := writeFile(t, filepath.Join(dir, "bad.jsonl.gz"), bad)
			return p, p
		}, nil},
		{"truncated .md.gz", func(t *testing.T, dir string) (string, string) {
			p := writeFile(t, filepath.Join(dir, "post.md.gz"), hexo[:len(hexo)/2])
			return p, p
		}, io.ErrUnexpectedEOF},
		{"truncated .dat.gz", func(t *testing.T, dir string) (string, string) {
			p := writeFile(t, filepath.Join(dir, "news.dat.gz"), sogou[:len(sogou)/2])
			return p, p
		}, io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			serving := publishOne(t, buildCfg(dir, good))
			source, file := tt.make(t, t.TempDir())
			sum, err := Build(context.Background(), buildCfg(dir, good, source))
			if err == nil {
				t.Fatalf("the run succeeded (published %s):\n%s", sum.Generation, sum)
			}
			t.Logf("the run failed: %v", err)
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), file) {
				t.Errorf("err = %v, does not name %s", err, file)
			}
			if cur, _ := generation.Current(dir); filepath.Base(cur) != serving {
				t.Errorf("CURRENT = %s, want %s still", cur, serving)
			}
			if gens := generations(t, dir); len(gens) != 1 {
				t.Errorf("generations left: %v", gens)
			}
			if sum != nil && sum.SkippedTotal() != 3 { // writeSources's three bad lines
				t.Errorf("a read failure was counted as a skip:\n%s", sum)
			}
		})
	}
}

// TestBadRecordInGzipSkipped: a bad record inside a readable .gz is
// skipped and reported, and the run publishes the rest.
func TestBadRecordInGzipSkipped(t *testing.T) {
	p := writeFile(t, filepath.Join(t.TempDir(), "feed.jsonl.gz"), gzipped(t, jsonlLines(5)+"{\"id\":\"broken\n"))
	sum, err := Build(context.Background(), buildCfg(t.TempDir(), p))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != 5 || sum.Skipped[reasonJSON] != 1 || len(sum.Problems) != 1 {
		t.Errorf("want 5 indexed and the bad line reported once:\n%s", sum)
	}
}

// The summary lists the first skips and warnings and says how many more
// there were, so an operator knows the list is cut.
func TestSummaryListsAndCounts(t *testing.T) {
	s := newSummary()
	log := slog.New(slog.DiscardHandler)
	for i := range maxProblems + 10 {
		s.skip(reasonJSON, fmt.Sprintf("a.jsonl:%d", i+1), errors.New("bad JSON record"), log)
	}
	s.warn([]article.Warning{{Where: "b.md: date", Reason: "bad date"}}, log)
	out := s.String()
	for _, want := range []string{"  skipped a.jsonl:1: bad JSON record", "… and 10 more", "  warning b.md: date: bad date"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "a.jsonl:51:") {
		t.Errorf("summary lists more than %d skips", maxProblems)
	}
}
