package xinwen_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

func ExampleSearchRequest_Normalize() {
	req, err := xinwen.SearchRequest{Query: " 人工智能 ", Categories: []string{"/科技/", "科技", ""}}.Normalize()
	fmt.Printf("%q %q %s page %d size %d, %v\n", req.Query, req.Categories, req.Sort, req.Page, req.Size, err)

	counts, err := xinwen.SearchRequest{Query: "足球", CountOnly: true, Size: 20}.Normalize()
	fmt.Printf("counts: size %d, %v\n", counts.Size, err)

	_, err = xinwen.SearchRequest{Page: 1001}.Normalize()
	fmt.Println(errors.Is(err, xinwen.ErrDeepPage), errors.Is(err, xinwen.ErrBadQuery))
	// Output:
	// "人工智能" ["科技"] relevance page 1 size 10, <nil>
	// counts: size 0, <nil>
	// true true
}

func TestNormalize(t *testing.T) {
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	many := make([]string, xinwen.MaxCategories+1)
	for i := range many {
		many[i] = fmt.Sprint("类别", i)
	}
	tests := []struct {
		name string
		req  xinwen.SearchRequest
		want error  // nil: accepted
		msg  string // the message before the sentinel's text
	}{
		{"zero value", xinwen.SearchRequest{}, nil, ""},
		{"largest page within the window", xinwen.SearchRequest{Page: xinwen.MaxWindow / 100, Size: 100}, nil, ""},
		{"cursor past the window", xinwen.SearchRequest{Page: 500, Size: 100, After: "o:50000"}, nil, ""},
		{"counts past the window", xinwen.SearchRequest{Page: 100000, CountOnly: true}, nil, ""},
		{"query of MaxQueryRunes", xinwen.SearchRequest{Query: strings.Repeat("新", xinwen.MaxQueryRunes)}, nil, ""},
		{"query too long", xinwen.SearchRequest{Query: strings.Repeat("新", xinwen.MaxQueryRunes+1)},
			xinwen.ErrQueryTooLong, "q must be at most 256 characters"},
		{"query not UTF-8", xinwen.SearchRequest{Query: "\xff"}, xinwen.ErrBadQuery, "q must be valid UTF-8"},
		{"size negative", xinwen.SearchRequest{Size: -1}, xinwen.ErrBadQuery, "size must be between 0 and 100"},
		{"size too big", xinwen.SearchRequest{Size: xinwen.MaxSize + 1}, xinwen.ErrBadQuery, "size must be between 0 and 100"},
		{"page negative", xinwen.SearchRequest{Page: -1}, xinwen.ErrBadQuery, "page must be an integer of at least 1"},
		{"deep page", xinwen.SearchRequest{Page: xinwen.MaxWindow/10 + 1}, xinwen.ErrDeepPage,
			"page*size must be at most 10000; to go deeper, sort=date and pass after=<next_cursor> from the previous page"},
		{"page*size overflows", xinwen.SearchRequest{Page: 1 << 62, Size: 10}, xinwen.ErrDeepPage, ""},
		{"bad sort", xinwen.SearchRequest{Sort: "popular"}, xinwen.ErrBadQuery, "sort must be relevance or date"},
		{"from after to", xinwen.SearchRequest{From: day, To: day.Add(-time.Hour)}, xinwen.ErrBadQuery, "from must not be after to"},
		{"facet size negative", xinwen.SearchRequest{FacetSize: -1}, xinwen.ErrBadQuery, "facet_size must be between 1 and 1000"},
		{"facet size too big", xinwen.SearchRequest{FacetSize: xinwen.MaxFacetSize + 1}, xinwen.ErrBadQuery, "facet_size must be between 1 and 1000"},
		{"too many categories", xinwen.SearchRequest{Categories: many}, xinwen.ErrBadQuery, "at most 20 categories"},
		{"category too long", xinwen.SearchRequest{Categories: []string{strings.Repeat("类", xinwen.MaxCategoryRunes+1)}},
			xinwen.ErrBadQuery, "category must be valid UTF-8 of at most 200 characters"},
		{"category not UTF-8", xinwen.SearchRequest{Categories: []string{"\xff"}}, xinwen.ErrBadQuery, "category must be valid UTF-8"},
		{"cursor too long", xinwen.SearchRequest{After: strings.Repeat("x", xinwen.MaxCursorBytes+1)},
			xinwen.ErrBadQuery, "after is not a cursor from next_cursor"},
		{"cursor not UTF-8", xinwen.SearchRequest{After: "\xff"}, xinwen.ErrBadQuery, "after is not a cursor from next_cursor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.req.Normalize()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Normalize() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !errors.Is(err, xinwen.ErrBadQuery) || !strings.HasPrefix(err.Error(), tt.msg) {
				t.Errorf("Normalize() = %v, want %v starting %q", err, tt.want, tt.msg)
			}
		})
	}
}

func TestNormalizeFills(t *testing.T) {
	tests := []struct {
		name string
		req  xinwen.SearchRequest
		want string
	}{
		{"defaults", xinwen.SearchRequest{}, `"" [] relevance 1 10 0`},
		{"given values kept", xinwen.SearchRequest{Sort: xinwen.SortDate, Page: 3, Size: 20, FacetSize: 5}, `"" [] date 3 20 5`},
		{"counts have size 0", xinwen.SearchRequest{CountOnly: true, Size: 30}, `"" [] relevance 1 0 0`},
		{"query trimmed", xinwen.SearchRequest{Query: "\u3000 大模型 \n"}, `"大模型" [] relevance 1 10 0`},
		{"categories trimmed, empty and repeated dropped", xinwen.SearchRequest{
			Categories: []string{" 科技 ", "/财经/股市/", "科技", "", "/"}}, `"" ["科技" "财经/股市"] relevance 1 10 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.req.Normalize()
			if err != nil {
				t.Fatal(err)
			}
			if s := fmt.Sprintf("%q %q %s %d %d %d", got.Query, got.Categories, got.Sort, got.Page, got.Size, got.FacetSize); s != tt.want {
				t.Errorf("Normalize() = %s, want %s", s, tt.want)
			}
			if again, _ := got.Normalize(); fmt.Sprint(again) != fmt.Sprint(got) {
				t.Errorf("not idempotent: %+v, then %+v", got, again)
			}
		})
	}
}
