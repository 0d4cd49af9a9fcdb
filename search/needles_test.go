package search

import (
	"testing"

	"github.com/xinwen-search/xinwen/search/highlight"
	"github.com/xinwen-search/xinwen/search/syntax"
)

func TestBoundedNeedles(t *testing.T) {
	p, err := analyze(syntax.Parse("COVID-19 5G网络"))
	if err != nil {
		t.Fatal(err)
	}
	ns := needlesOf(p)
	tests := []struct{ text, want string }{
		{"新冠（COVID-19）患者", "新冠（<mark>COVID-19</mark>）患者"},
		{"药物BRII-196获批", "药物BRII-196获批"},                             // 19 inside a number: not marked
		{"covid 疫情，19 日", "<mark>covid</mark> 疫情，<mark>19</mark> 日"}, // words apart: marked
		{"推进5G网络建设", "推进<mark>5G网络</mark>建设"},
		{"15G流量", "15G流量"}, // 5g inside 15g: the typed word 5G网络 is not there
	}
	for _, tt := range tests {
		if got := highlight.Title(tt.text, ns); got != tt.want {
			t.Errorf("highlight.Title(%q) = %q, want %q (needles %v)", tt.text, got, tt.want, ns)
		}
	}
}
