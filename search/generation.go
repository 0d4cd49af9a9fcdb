package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The on-disk layout of an index directory:
//
//	DIR/CURRENT            the name of the generation being served
//	DIR/gen-.../meta.json  what a generation holds and how it was built
//	DIR/gen-.../shard-NN/  Bleve indexes, searched together
const (
	CurrentFile = "CURRENT"
	MetaFile    = "meta.json"
	GenPrefix   = "gen-"
)

// ErrNoIndex means a directory holds no published generation.
var ErrNoIndex = errors.New("no published index")

// ErrDictMismatch means an index was built with other dictionaries than
// the ones loaded to query it: queries would be segmented differently.
var ErrDictMismatch = errors.New("dictionary version mismatch")

// Meta describes one generation.
type Meta struct {
	Generation  string    `json:"generation"`
	Created     time.Time `json:"created"`
	Shards      int       `json:"shards"`
	Docs        uint64    `json:"docs"`
	Schema      int       `json:"schema"`
	DictVersion string    `json:"dict_version"`
	Zone        string    `json:"zone"`
	Sources     []string  `json:"sources,omitempty"`
}

// ShardDir is the directory of shard i inside a generation.
func ShardDir(gen string, i int) string {
	return filepath.Join(gen, fmt.Sprintf("shard-%02d", i))
}

// ReadCurrent returns the path of the generation DIR/CURRENT names.
func ReadCurrent(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, CurrentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("search: %s: %w (run xinwen index first)", dir, ErrNoIndex)
	}
	if err != nil {
		return "", fmt.Errorf("search: read current: %w", err)
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, GenPrefix) || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("search: %s names %q, not a generation: %w", CurrentFile, name, ErrNoIndex)
	}
	return filepath.Join(dir, name), nil
}

// ReadMeta reads a generation's meta.json.
func ReadMeta(gen string) (Meta, error) {
	var m Meta
	b, err := os.ReadFile(filepath.Join(gen, MetaFile))
	if err != nil {
		return m, fmt.Errorf("search: read meta: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("search: parse %s: %w", filepath.Join(gen, MetaFile), err)
	}
	if m.Shards < 1 {
		return m, fmt.Errorf("search: %s: no shards", gen)
	}
	return m, nil
}

// WriteMeta writes a generation's meta.json durably.
func WriteMeta(gen string, m Meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("search: encode meta: %w", err)
	}
	return WriteFileSync(filepath.Join(gen, MetaFile), b)
}

// WriteFileSync writes a file and syncs it before returning.
func WriteFileSync(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// DirSize sums the sizes of the files below dir.
func DirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
