// Package zhtest loads jieba once for a test binary: loading costs about
// half a second and 150 MB, so every test of a package shares one
// segmenter, installed for Bleve's analyzers.
package zhtest

import (
	"fmt"
	"os"
	"testing"

	"github.com/xinwen-search/xinwen/search/zh"
)

var version string

// Main loads the bundled dictionaries, installs them, runs m and exits
// with its code; call it from TestMain.
func Main(m *testing.M) {
	seg, err := zh.Load(zh.Config{DictDir: zh.BundledDictDir()})
	if err != nil {
		fmt.Fprintln(os.Stderr, "tests need jieba's dictionaries:", err)
		os.Exit(1)
	}
	zh.Use(seg)
	version = seg.Version()
	code := m.Run()
	seg.Close()
	os.Exit(code)
}

// Version is the loaded segmenter's version, as indexes record it.
func Version() string { return version }
