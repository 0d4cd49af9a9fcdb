package zh

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// linkedDictDir makes a directory with links to the real dictionary files,
// minus the ones named in omit.
func linkedDictDir(t *testing.T, omit ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range dictFiles {
		if strings.Contains(strings.Join(omit, " "), name) {
			continue
		}
		if err := os.Symlink(filepath.Join(BundledDictDir(), name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadErrors(t *testing.T) {
	full := linkedDictDir(t)
	for _, tc := range []struct {
		name    string
		cfg     Config
		mention string
	}{
		{"no directory", Config{}, "no dictionary directory"},
		{"missing dictionary", Config{DictDir: linkedDictDir(t, dictFile)}, dictFile},
		{"missing hmm model", Config{DictDir: linkedDictDir(t, hmmFile)}, hmmFile},
		{"missing idf", Config{DictDir: linkedDictDir(t, idfFile)}, idfFile},
		{"missing jieba stop words", Config{DictDir: linkedDictDir(t, jstopFile)}, jstopFile},
		{"missing user dictionary", Config{DictDir: full, UserDict: filepath.Join(full, "nope.txt")}, "nope.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(tc.cfg)
			if err == nil {
				s.Close()
				t.Fatal("Load succeeded")
			}
			if !strings.HasPrefix(err.Error(), "zh: load: ") || !strings.Contains(err.Error(), tc.mention) {
				t.Errorf("error %q does not name %q", err, tc.mention)
			}
		})
	}
}

func TestFindDictDir(t *testing.T) {
	partial := linkedDictDir(t, hmmFile)
	got, err := FindDictDir("", "/nonexistent/dict", partial, BundledDictDir())
	if err != nil || got != BundledDictDir() {
		t.Errorf("FindDictDir = %q, %v; want %q", got, err, BundledDictDir())
	}
	_, err = FindDictDir("/nonexistent/dict", partial)
	if err == nil {
		t.Fatal("FindDictDir found a directory among bad candidates")
	}
	for _, want := range []string{"/nonexistent/dict", partial, hmmFile} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// TestVersion checks the fingerprint without loading jieba a second time.
func TestVersion(t *testing.T) {
	seg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	v := seg.Version()
	if len(v) != 12 || strings.Trim(v, "0123456789abcdef") != "" {
		t.Fatalf("Version() = %q, want 12 hex digits", v)
	}
	user, err := userDict("")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := fingerprint(BundledDictDir(), user); again != v {
		t.Errorf("fingerprint not stable: %q then %q", v, again)
	}
	extra := filepath.Join(t.TempDir(), "extra.txt")
	if err := os.WriteFile(extra, []byte("ＸＹ新词 5 n\r\n# comment\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	more, err := userDict(extra)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(more), "\nxy新词 5 n\n") {
		t.Errorf("extra user dictionary not normalized: %q", more[len(more)-20:])
	}
	if other, _ := fingerprint(BundledDictDir(), more); other == v {
		t.Error("an extra user dictionary does not change the version")
	}
}
