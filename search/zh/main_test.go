package zh

import (
	"fmt"
	"os"
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
