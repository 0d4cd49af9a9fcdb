package generation

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
//	DIR/HISTORY            the serving history, for rollback
//	DIR/.lock              held by the run that writes DIR
//	DIR/gen-.../meta.json  what a generation holds and how it was built
//	DIR/gen-.../shard-NN/  Bleve indexes, searched together
//	DIR/gen-.../bands.bin  the articles' LSH band keys (package cluster/bands)
const (
	CurrentFile = "CURRENT"
	MetaFile    = "meta.json"
	BandsFile   = "bands.bin"
	Prefix      = "gen-"
	lockFile    = ".lock"
)

// HistoryFile lists the generations CURRENT has named, oldest first, one
// per line; the last is the one being served. It is the serving history:
// a build appends to it, a rollback takes the last one off, and what is
// not in it (a generation rolled back from, or one a killed run completed
// but never published) is removed by the next run.
const HistoryFile = "HISTORY"

// ErrNoIndex means a directory holds no published generation.
var ErrNoIndex = errors.New("no published index")

// ErrDictMismatch means an index was built with other dictionaries than
// the ones loaded to query or update it: queries would be segmented
// differently.
var ErrDictMismatch = errors.New("dictionary version mismatch")

// ErrFoldMismatch means an index was built with another script folding
// (fold.Version) than the one the process runs: Traditional text was
// folded otherwise, so queries would meet other terms.
var ErrFoldMismatch = errors.New("script folding mismatch")

// Meta describes one generation; a generation without it is not whole.
type Meta struct {
	Generation  string    `json:"generation"`
	Created     time.Time `json:"created"`
	Shards      int       `json:"shards"`
	Docs        uint64    `json:"docs"`
	Schema      int       `json:"schema"`
	DictVersion string    `json:"dict_version"`
	// LiveDict is the fingerprint of the index's live word list
	// (zh.Segmenter.LiveVersion) the generation was analysed with.
	LiveDict string   `json:"live_dict,omitempty"`
	Fold     string   `json:"fold"` // fold.Version of the chain that analysed it
	Zone     string   `json:"zone"`
	Sources  []string `json:"sources,omitempty"`
}

// ShardDir is the directory of shard i inside generation gen.
func ShardDir(gen string, i int) string {
	return filepath.Join(gen, fmt.Sprintf("shard-%02d", i))
}

// Current returns the path of the generation DIR/CURRENT names.
func Current(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, CurrentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("generation: %s: %w (run xinwen index first)", dir, ErrNoIndex)
	}
	if err != nil {
		return "", fmt.Errorf("generation: read current: %w", err)
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, Prefix) || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("generation: %s names %q, not a generation: %w", CurrentFile, name, ErrNoIndex)
	}
	return filepath.Join(dir, name), nil
}

// ReadMeta reads generation gen's meta.json.
func ReadMeta(gen string) (Meta, error) {
	var m Meta
	b, err := os.ReadFile(filepath.Join(gen, MetaFile))
	if err != nil {
		return m, fmt.Errorf("generation: read meta: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("generation: read meta: parse %s: %w", filepath.Join(gen, MetaFile), err)
	}
	if m.Shards < 1 {
		return m, fmt.Errorf("generation: read meta: %s: no shards", gen)
	}
	return m, nil
}

// WriteMeta writes generation gen's meta.json durably; from then on the
// generation is whole and may be published.
func WriteMeta(gen string, m Meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("generation: write meta: %w", err)
	}
	if err := writeFileSync(filepath.Join(gen, MetaFile), b); err != nil {
		return fmt.Errorf("generation: write meta: %w", err)
	}
	return nil
}
