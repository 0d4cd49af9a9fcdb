package indexer

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Gate applies the ingest rules to the parsed articles of one unit of
// work, a batch build or one write request, in the order they come: an
// article is refused when its id was admitted before in the unit, or,
// unless duplicates are kept, when it repeats the story of one admitted
// before (storyKey). The batch build and HTTP writes both pass every
// article through a Gate, so the two admit the same articles.
type Gate struct {
	zone    *time.Location
	unit    string // "run" or "request", as reasons name it
	dedupe  bool
	seen    map[string]struct{}
	stories map[string]string // story key -> first id
}

// NewGate starts a unit of work named unit ("run", "request") in skip
// reasons; dates are read in zone for the near-duplicate rule, which
// keepDuplicates turns off.
func NewGate(zone *time.Location, unit string, keepDuplicates bool) *Gate {
	return &Gate{zone: zone, unit: unit, dedupe: !keepDuplicates,
		seen: map[string]struct{}{}, stories: map[string]string{}}
}

// Skip is why a Gate refused an article: Reason is its category, as the
// summary counts it, and Err the details.
type Skip struct {
	Reason string
	Err    error
}

func (s *Skip) Error() string { return s.Err.Error() }
func (s *Skip) Unwrap() error { return s.Err }

// Admit returns nil and remembers a when the rules accept it, else a
// *Skip saying why not.
func (g *Gate) Admit(a xinwen.Article) error {
	if _, dup := g.seen[a.ID]; dup {
		return &Skip{reasonDuplicate, fmt.Errorf("id %q seen before in this %s", a.ID, g.unit)}
	}
	if key := storyKey(a, g.zone); g.dedupe && key != "" {
		if first, dup := g.stories[key]; dup {
			return &Skip{reasonNearDup, fmt.Errorf("%q repeats %q of the same day (kept id %q)", a.ID, a.Title, first)}
		}
		g.stories[key] = a.ID
	}
	g.seen[a.ID] = struct{}{}
	return nil
}

// minStoryTitle is the shortest title (in runes) that identifies a story.
const minStoryTitle = 6

// storyKey identifies a story across sources: its normalized title and
// its day. Two scrapers of one programme, or one wire story carried twice,
// share it; different stories on one day almost never do. Undated or
// short-titled articles have no key and are never merged.
func storyKey(a xinwen.Article, zone *time.Location) string {
	title := zh.Normalize(strings.TrimSpace(a.Title))
	if a.Date.IsZero() || utf8.RuneCountInString(title) < minStoryTitle {
		return ""
	}
	return a.Date.In(zone).Format("2006-01-02") + "|" + title
}
