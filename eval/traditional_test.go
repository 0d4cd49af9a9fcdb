package eval

import (
	"slices"
	"testing"
)

func TestTraditionalForms(t *testing.T) {
	probes := []Probe{{Text: "乡村振兴"}, {Text: "头发"}, {Text: "5g网络"}, {Text: "2025"}}
	got, differ, err := TraditionalForms(probes)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"鄉村振興", "頭髮", "5g網絡", "2025"}; !slices.Equal(got, want) || differ != 3 {
		t.Errorf("TraditionalForms = %q, %d differ; want %q, 3", got, differ, want)
	}
}
