package article

import (
	"os"
	"strings"
	"testing"
)

func BenchmarkReadJSONL(b *testing.B) {
	data, err := os.ReadFile("testdata/jsonl/mixed.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for range ReadJSONL(strings.NewReader(string(data)), "b", Options{}) {
		}
	}
}

func BenchmarkHTMLToText(b *testing.B) {
	in := strings.Repeat("<p>\u3000\u3000记者从市交通局获悉，<span>本周起</span>新开三条公交线路。<br></p>", 50)
	for b.Loop() {
		HTMLToText(in)
	}
}
