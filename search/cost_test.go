package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/admission"
)

func TestCost(t *testing.T) {
	var docs []fixture
	for i := range 10 {
		docs = append(docs, fixture{id: fmt.Sprint("d", i), title: "乡村振兴", body: "乡村振兴战略推进农业发展", date: "2024-03-01"})
	}
	ix := openFixtures(t, docs)
	tests := []struct {
		q    string
		want admission.Class
	}{
		{"乡村振兴", admission.Cheap},
		{"农业 发展", admission.Cheap},
		{`"乡村振兴"`, admission.Cheap},
		{"", admission.Cheap},
		{strings.Repeat("乡村振兴战略推进", 7), admission.Expensive}, // 56 runes
		{"一 二 三 四 五 六 七", admission.Expensive},               // 7 items
		{"的", admission.Expensive},                           // a lone character
		{"乡村 振兴 农业 发展 战略", admission.Expensive},              // every term in every document, five times over
	}
	for _, tt := range tests {
		if got := ix.Cost(context.Background(), xinwen.SearchRequest{Query: tt.q}); got != tt.want {
			t.Errorf("Cost(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
