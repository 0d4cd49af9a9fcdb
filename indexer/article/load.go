package article

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xinwen-search/xinwen"
)

// LoadJSONL reads up to limit articles (0: all) from a JSON Lines file,
// gzipped when its name ends in .gz, for tools that want a corpus in
// memory (evaluation, benchmarks). Records the indexer would skip (bad
// JSON, empty, an id seen before) are skipped here too.
func LoadJSONL(path string, limit int, opt Options) ([]xinwen.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("corpus %s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	var out []xinwen.Article
	seen := map[string]bool{}
	for rec, err := range ReadJSONL(r, path, opt) {
		if err != nil || seen[rec.Article.ID] {
			continue
		}
		seen[rec.Article.ID] = true
		out = append(out, rec.Article)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus %s: no articles", path)
	}
	return out, nil
}
