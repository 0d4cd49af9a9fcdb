// Package testcorpus locates the shared research corpus for tests and
// benchmarks. The corpus must never be copied into the repository; it lives
// in $XINWEN_CORPUS or in shared/corpus beside the repository, and tests
// that need it skip, saying why, when it is absent.
package testcorpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir is $XINWEN_CORPUS, else shared/corpus beside the repository.
func Dir() string {
	if dir := os.Getenv("XINWEN_CORPUS"); dir != "" {
		return dir
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "shared", "corpus")
	}
	root := filepath.Join(filepath.Dir(file), "..", "..")
	return filepath.Join(root, "..", "shared", "corpus")
}

// Path returns the corpus entry sub, skipping t when it is absent.
func Path(t testing.TB, sub string) string {
	t.Helper()
	p := filepath.Join(Dir(), sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("research corpus not available (%v); set XINWEN_CORPUS to run", err)
	}
	return p
}
