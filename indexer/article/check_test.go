package article

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/xinwen-search/xinwen"
)

// check inspects a parsed article and says what is wrong, or "".
type check func(a xinwen.Article, w []Warning) string

func all(checks ...check) check {
	return func(a xinwen.Article, w []Warning) string {
		var msgs []string
		for _, c := range checks {
			if m := c(a, w); m != "" {
				msgs = append(msgs, m)
			}
		}
		return strings.Join(msgs, "; ")
	}
}

func titleIs(want string) check {
	return func(a xinwen.Article, _ []Warning) string {
		return diff("title", a.Title, want)
	}
}

func bodyIs(want string) check {
	return func(a xinwen.Article, _ []Warning) string {
		return diff("body", a.Body, want)
	}
}

func thumbIs(want string) check {
	return func(a xinwen.Article, _ []Warning) string {
		return diff("thumbnail", a.Thumbnail, want)
	}
}

func sourceIs(want string) check {
	return func(a xinwen.Article, _ []Warning) string {
		return diff("source", a.Source, want)
	}
}

func diff(field, got, want string) string {
	if got == want {
		return ""
	}
	return fmt.Sprintf("%s = %q, want %q", field, got, want)
}

func has(sub string) check {
	return func(a xinwen.Article, _ []Warning) string {
		if strings.Contains(a.Body, sub) {
			return ""
		}
		return fmt.Sprintf("body %q lacks %q", a.Body, sub)
	}
}

func lacks(sub string) check {
	return func(a xinwen.Article, _ []Warning) string {
		if !strings.Contains(a.Body, sub) {
			return ""
		}
		return fmt.Sprintf("body %q contains %q", a.Body, sub)
	}
}

func catsAre(want ...string) check {
	return func(a xinwen.Article, _ []Warning) string {
		if slices.Equal(a.Categories, want) {
			return ""
		}
		return fmt.Sprintf("categories = %q, want %q", a.Categories, want)
	}
}

func dateIs(want time.Time) check {
	return func(a xinwen.Article, _ []Warning) string {
		if a.Date.Equal(want) && a.Date.IsZero() == want.IsZero() {
			return ""
		}
		return fmt.Sprintf("date = %v, want %v", a.Date, want)
	}
}

// warned wants a warning whose Where ends with field.
func warned(field string) check {
	return func(_ xinwen.Article, w []Warning) string {
		for _, x := range w {
			if strings.HasSuffix(x.Where, ": "+field) {
				return ""
			}
		}
		return fmt.Sprintf("no warning about %s in %v", field, w)
	}
}
