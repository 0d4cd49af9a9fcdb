package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xinwen-search/xinwen/search/zh"
)

// TestMain loads jieba once for the whole test binary: loading costs 0.5 s.
func TestMain(m *testing.M) {
	seg, err := zh.Load(zh.Config{DictDir: zh.BundledDictDir()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	zh.Use(seg)
	code := m.Run()
	seg.Close()
	os.Exit(code)
}

// corpusPath finds a file of the shared research corpus, which must never
// be copied into the repository: $XINWEN_CORPUS, else ../shared/corpus
// beside the repository. Tests skip when it is absent.
func corpusPath(t *testing.T, sub string) string {
	t.Helper()
	dir := os.Getenv("XINWEN_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	p := filepath.Join(dir, sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("research corpus not available (%v); set XINWEN_CORPUS to run", err)
	}
	return p
}
