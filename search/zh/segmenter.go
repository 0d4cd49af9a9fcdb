package zh

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yanyiwu/gojieba"

	"github.com/xinwen-search/xinwen/data"
)

// algorithmVersion changes whenever the analysis code changes what terms,
// positions or offsets it produces; it is part of Version.
const algorithmVersion = "xinwen-zh-2"

// Files jieba needs in Config.DictDir. The user dictionary is xinwen's own.
const (
	dictFile  = "jieba.dict.utf8"
	hmmFile   = "hmm_model.utf8"
	idfFile   = "idf.utf8"
	jstopFile = "stop_words.utf8" // jieba's, for keyword extraction only
)

var dictFiles = []string{dictFile, hmmFile, idfFile, jstopFile}

// ErrNoSegmenter is returned (and the tokenizers fail) before Use is called.
var ErrNoSegmenter = errors.New("zh: no segmenter loaded; call zh.Use")

// Config says where the dictionaries are. main fills it from flags.
type Config struct {
	DictDir  string // directory holding jieba.dict.utf8, hmm_model.utf8, idf.utf8, stop_words.utf8
	UserDict string // optional extra user dictionary, on top of xinwen's embedded one
	// LiveDict is the index's own word list (search.DictionaryFile), on
	// top of both, changed at run time through Reload. Its words are not
	// part of Version: a generation stays openable when a word is added,
	// and the articles holding the word are re-analysed instead.
	LiveDict string
}

// Segmenter is a loaded jieba instance. Its cut methods are read-only and
// safe for concurrent use. It is never changed once loaded: a new word
// list makes a new Segmenter (Reload), because gojieba's AddWord mutates
// the trie under concurrent cuts and its RemoveWord drops every word that
// shares the first character.
type Segmenter struct {
	jieba   *gojieba.Jieba
	cfg     Config
	version string
	live    []Entry      // cfg.LiveDict's words, in file order
	mu      sync.RWMutex // read-held by every cut; write-held to free jieba
	closed  bool         // guarded by mu
}

var shared atomic.Pointer[Segmenter]

// BundledDictDir is the dictionary directory inside the gojieba module
// source this binary was built from. It exists only where the module cache
// does (development machines, tests); deployments pass their own directory.
func BundledDictDir() string { return gojieba.DICT_DIR }

// FindDictDir returns the first candidate directory holding every file
// jieba needs.
func FindDictDir(candidates ...string) (string, error) {
	for _, dir := range candidates {
		if dir != "" && checkFiles(dir) == nil {
			return dir, nil
		}
	}
	return "", fmt.Errorf("zh: no jieba dictionary directory (need %s) among %q",
		strings.Join(dictFiles, ", "), candidates)
}

func checkFiles(dir string) error {
	for _, name := range dictFiles {
		if err := checkFile(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

func checkFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	return nil
}

// Load checks every file, then loads jieba with xinwen's user dictionary
// plus cfg.UserDict. It never lets gojieba panic on a missing file.
func Load(cfg Config) (*Segmenter, error) {
	if cfg.DictDir == "" {
		return nil, errors.New("zh: load: no dictionary directory configured")
	}
	if err := checkFiles(cfg.DictDir); err != nil {
		return nil, fmt.Errorf("zh: load: %w", err)
	}
	user, err := userDict(cfg.UserDict)
	if err != nil {
		return nil, fmt.Errorf("zh: load: %w", err)
	}
	version, err := fingerprint(cfg.DictDir, user)
	if err != nil {
		return nil, fmt.Errorf("zh: load: %w", err)
	}
	live, err := ReadEntries(cfg.LiveDict)
	if err != nil {
		return nil, fmt.Errorf("zh: load: %w", err)
	}
	for _, e := range live {
		user = append(user, e.String()+"\n"...)
	}
	j, err := newJieba(cfg.DictDir, user)
	if err != nil {
		return nil, fmt.Errorf("zh: load: %w", err)
	}
	return &Segmenter{jieba: j, cfg: cfg, version: version, live: live}, nil
}

// Reload loads the shared segmenter again with the current content of its
// LiveDict, installs the new one and frees the old one once the cuts
// running on it have finished. Cuts never fail or wait meanwhile: each
// runs on the old segmenter or the new one.
func Reload() (*Segmenter, error) {
	old, err := Default()
	if err != nil {
		return nil, err
	}
	s, err := Load(old.cfg)
	if err != nil {
		return nil, err
	}
	if !shared.CompareAndSwap(old, s) {
		s.Close()
		return nil, errors.New("zh: reload: the shared segmenter changed meanwhile")
	}
	old.Close()
	return s, nil
}

// LiveDict is the path of the live word list s was loaded with.
func (s *Segmenter) LiveDict() string { return s.cfg.LiveDict }

// LiveWords returns the words of the live dictionary, in file order.
func (s *Segmenter) LiveWords() []Entry { return slices.Clone(s.live) }

// acquire returns the shared segmenter read-locked; the caller RUnlocks.
func acquire() *Segmenter {
	for {
		s := shared.Load()
		if s == nil {
			panic(ErrNoSegmenter)
		}
		s.mu.RLock()
		if !s.closed {
			return s
		}
		s.mu.RUnlock() // replaced and freed meanwhile: take the new one
	}
}

// newJieba hands the user dictionary to gojieba through a temporary file,
// removed once loaded.
func newJieba(dir string, user []byte) (j *gojieba.Jieba, err error) {
	tmp, err := os.CreateTemp("", "xinwen-userdict-*.utf8")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(user); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("gojieba: %v", r)
		}
	}()
	return gojieba.NewJieba(filepath.Join(dir, dictFile), filepath.Join(dir, hmmFile),
		tmp.Name(), filepath.Join(dir, idfFile), filepath.Join(dir, jstopFile)), nil
}

// userDict joins the embedded dictionary and the optional extra one, with
// each word normalized as text is before segmenting (user words must match
// lower-cased, width-folded text) and CRs removed.
func userDict(extra string) ([]byte, error) {
	var out bytes.Buffer
	if err := appendUserDict(&out, bytes.NewReader(data.UserDict)); err != nil {
		return nil, err
	}
	if extra == "" {
		return out.Bytes(), nil
	}
	f, err := os.Open(extra)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := appendUserDict(&out, f); err != nil {
		return nil, fmt.Errorf("%s: %w", extra, err)
	}
	return out.Bytes(), nil
}

func appendUserDict(out *bytes.Buffer, r io.Reader) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") || len(fields) > 3 {
			continue
		}
		fields[0] = strings.Join(strings.Fields(Normalize(fields[0])), "")
		if fields[0] == "" {
			continue
		}
		out.WriteString(strings.Join(fields, " "))
		out.WriteByte('\n')
	}
	return sc.Err()
}

// fingerprint hashes everything that decides the terms: the segmentation
// dictionaries, the user dictionary, the stop list and the code version.
func fingerprint(dir string, user []byte) (string, error) {
	h := sha256.New()
	io.WriteString(h, algorithmVersion)
	for _, name := range []string{dictFile, hmmFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "\x00%s\x00%d\x00", name, len(b))
		h.Write(b)
	}
	fmt.Fprintf(h, "\x00user\x00%d\x00", len(user))
	h.Write(user)
	fmt.Fprintf(h, "\x00stop\x00%d\x00", len(data.StopWords))
	h.Write(data.StopWords)
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// Version is a fingerprint of the dictionaries, stop list and analysis
// code. An index records it so that querying with different analysis is
// detected.
func (s *Segmenter) Version() string { return s.version }

// Close uninstalls s if it is the shared one and frees jieba's memory
// once the cuts running on it have finished. Closing twice is harmless.
func (s *Segmenter) Close() {
	shared.CompareAndSwap(s, nil)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		s.jieba.Free()
	}
}

// Use installs s as the segmenter of the registered tokenizers.
func Use(s *Segmenter) { shared.Store(s) }

// Default returns the segmenter installed by Use.
func Default() (*Segmenter, error) {
	if s := shared.Load(); s != nil {
		return s, nil
	}
	return nil, ErrNoSegmenter
}
