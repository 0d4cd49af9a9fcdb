package eval

import (
	"testing"

	"github.com/xinwen-search/xinwen/internal/zhtest"
)

// TestMain loads jieba once for the whole test binary: loading costs 0.5 s.
func TestMain(m *testing.M) { zhtest.Main(m) }
