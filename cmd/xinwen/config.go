package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen/data"
	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/search/synonym"
	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// common holds the settings every command that analyzes text shares.
type common struct {
	dictDir    string
	userDict   string
	scriptFold string // fold.Script by name
	zone       string
	index      string
	synonyms   string
}

// envOr returns the environment variable's value, or def.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: xinwen %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func (c *common) dictFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.dictDir, "dict", envOr("XINWEN_DICT", ""),
		"jieba dictionary directory (env XINWEN_DICT); default: ./dict beside the binary, /usr/share/xinwen/dict, then gojieba's own")
	fs.StringVar(&c.userDict, "user-dict", envOr("XINWEN_USER_DICT", ""),
		"extra user dictionary file, one 'word [freq [tag]]' per line (env XINWEN_USER_DICT)")
	fs.StringVar(&c.scriptFold, "script-fold", envOr("XINWEN_SCRIPT_FOLD", fold.Regional.String()),
		"how Traditional Chinese folds into Simplified: regional (also Taiwan and Hong Kong vocabulary) or standard (env XINWEN_SCRIPT_FOLD)")
	fs.StringVar(&c.zone, "zone", envOr("XINWEN_ZONE", "Asia/Shanghai"),
		"time zone for dates without one and for bare dates in filters (env XINWEN_ZONE)")
}

// noSynonyms is the --synonyms value that turns synonyms off.
const noSynonyms = "none"

func (c *common) synonymsFlag(fs *flag.FlagSet) {
	fs.StringVar(&c.synonyms, "synonyms", envOr("XINWEN_SYNONYMS", ""),
		"synonyms file, a rule a line: 'a, b, c' or 'a => b' (env XINWEN_SYNONYMS); default: the built-in news aliases (data/synonyms.txt); 'none': no synonyms")
}

// loadSynonyms reads --synonyms: nil for none, the built-in list when
// unset, else the file (which serve re-reads when it changes).
func (c *common) loadSynonyms() (*synonym.Source, error) {
	switch c.synonyms {
	case noSynonyms:
		return nil, nil
	case "":
		return synonym.ParseFixed(data.Synonyms, "data/synonyms.txt")
	}
	src, err := synonym.Open(c.synonyms)
	if err != nil {
		return nil, fmt.Errorf("--synonyms: %w", err)
	}
	return src, nil
}

func (c *common) indexFlag(fs *flag.FlagSet, def string) {
	fs.StringVar(&c.index, "index", envOr("XINWEN_INDEX", def),
		"index directory holding CURRENT and its generations (env XINWEN_INDEX)")
}

// dictCandidates lists where the dictionaries may be, in order.
func (c *common) dictCandidates() []string {
	if c.dictDir != "" {
		return []string{c.dictDir}
	}
	var cands []string
	if exe, err := os.Executable(); err == nil {
		cands = append(cands, filepath.Join(filepath.Dir(exe), "dict"))
	}
	return append(cands, "/usr/share/xinwen/dict", zh.BundledDictDir())
}

// loadSegmenter sets the script folding, then finds and loads the
// dictionaries and installs them for Bleve's analyzers.
func (c *common) loadSegmenter() (*zh.Segmenter, error) {
	script, err := fold.ParseScript(c.scriptFold)
	if err != nil {
		return nil, fmt.Errorf("--script-fold: %w", err)
	}
	if err := fold.Use(script); err != nil {
		return nil, err
	}
	dir, err := zh.FindDictDir(c.dictCandidates()...)
	if err != nil {
		return nil, fmt.Errorf("%w (set --dict or XINWEN_DICT)", err)
	}
	cfg := zh.Config{DictDir: dir, UserDict: c.userDict}
	if c.index != "" {
		cfg.LiveDict = filepath.Join(c.index, search.DictionaryFile)
	}
	seg, err := zh.Load(cfg)
	if err != nil {
		return nil, err
	}
	zh.Use(seg)
	return seg, nil
}

// setup loads the segmenter (see loadSegmenter) and resolves --zone, what
// every command that reads or writes an index needs first. On error
// nothing stays loaded; otherwise the caller closes the segmenter.
func (c *common) setup() (*zh.Segmenter, *time.Location, error) {
	seg, err := c.loadSegmenter()
	if err != nil {
		return nil, nil, err
	}
	zone, err := c.location()
	if err != nil {
		seg.Close()
		return nil, nil, err
	}
	return seg, zone, nil
}

func (c *common) location() (*time.Location, error) {
	z, err := time.LoadLocation(c.zone)
	if err != nil {
		return nil, fmt.Errorf("--zone %q: %w", c.zone, err)
	}
	return z, nil
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }

func (m *multiFlag) Set(v string) error {
	*m = append(*m, v)
	return nil
}

// parseDay reads YYYY-MM-DD or RFC 3339; a bare date's end is the day's
// last instant when end is set.
func parseDay(s string, zone *time.Location, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD or RFC 3339", s)
	}
	if end {
		t = t.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	return t, nil
}
