package zh

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestMain loads jieba once for the whole test binary: loading costs 0.5 s.
func TestMain(m *testing.M) {
	seg, err := Load(Config{DictDir: BundledDictDir()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	Use(seg)
	code := m.Run()
	seg.Close()
	os.Exit(code)
}

// corpusPath locates a file of the shared research corpus, which must
// never be copied into the repository: $XINWEN_CORPUS, else ../shared/corpus
// beside the repository. Tests that need it skip when it is absent.
func corpusPath(name string) string {
	dir := os.Getenv("XINWEN_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	return filepath.Join(dir, name)
}
