package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/indexer/article"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Doc is one article as every engine indexes it, with the normalized text
// the exact-substring truth is computed on.
type Doc struct {
	xinwen.Article
	NormTitle string // zh.Normalize(Title)
	NormBody  string // zh.Normalize(Body)
}

func newDoc(a xinwen.Article) Doc {
	return Doc{Article: a, NormTitle: zh.Normalize(a.Title), NormBody: zh.Normalize(a.Body)}
}

// Contains reports whether the normalized title or body holds s.
func (d *Doc) Contains(s string) bool {
	return strings.Contains(d.NormTitle, s) || strings.Contains(d.NormBody, s)
}

// IsBundle reports whether d is a 国内联播快讯 or 国际联播快讯 bundle.
func (d *Doc) IsBundle() bool {
	for _, c := range d.Categories {
		if c == "国内联播快讯" || c == "国际联播快讯" {
			return true
		}
	}
	return false
}

// readArticles reads up to n articles (n <= 0: all) of a JSON Lines
// corpus; dates without a zone are read in zone (nil: Asia/Shanghai).
func readArticles(path string, n int, zone *time.Location) ([]xinwen.Article, error) {
	arts, err := article.LoadJSONL(path, max(n, 0), article.Options{Zone: zone})
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	return arts, nil
}

// writeJSONL writes articles in the JSON Lines form the indexer reads.
func writeJSONL(path string, arts []xinwen.Article) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("eval: write corpus sample: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			f.Close()
			return fmt.Errorf("eval: write corpus sample: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("eval: write corpus sample: %w", err)
	}
	return f.Close()
}

// prepareCorpus loads the sample, writes it to jsonl and reads it back: the
// read-back articles are exactly what the indexer sees, so truth, baselines
// and xinwen all work on the same text.
func prepareCorpus(src, jsonl string, n int, zone *time.Location) ([]Doc, error) {
	arts, err := readArticles(src, n, zone)
	if err != nil {
		return nil, err
	}
	if err := writeJSONL(jsonl, arts); err != nil {
		return nil, err
	}
	back, err := readArticles(jsonl, 0, zone)
	if err != nil {
		return nil, err
	}
	docs := make([]Doc, len(back))
	for i, a := range back {
		docs[i] = newDoc(a)
	}
	return docs, nil
}
