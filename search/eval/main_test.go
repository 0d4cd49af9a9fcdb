package eval

import (
	"fmt"
	"os"
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
