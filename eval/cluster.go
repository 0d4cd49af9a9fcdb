package eval

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/cluster"
)

// Kinds of rewritten copy the clustering evaluation makes of an article.
var copyKinds = []string{"retitle", "trim 20–30 %", "dateline and editor wrap", "Traditional script", "all combined"}

// Kinds of look-alike pair: different stories with similar text.
var lookalikeKinds = []string{"same title, another day", "daily statistic of one template"}

// ClusterResult is how well near-duplicate clustering joins copies of a
// story and keeps look-alikes apart.
type ClusterResult struct {
	Copies    map[string]Count // kind -> joined of made
	Lookalike map[string]Count // kind -> kept apart of pairs
	Twins     Count            // xwlb / xwlb-html twins joined
	Seconds   float64          // signing and assigning every article once
}

// Count is hits out of a number of trials.
type Count struct{ Hit, Of int }

// Share is Hit/Of, 0 when there were no trials.
func (c Count) Share() float64 {
	if c.Of == 0 {
		return 0
	}
	return float64(c.Hit) / float64(c.Of)
}

// All sums counts.
func All(m map[string]Count) Count {
	var t Count
	for _, c := range m {
		t.Hit += c.Hit
		t.Of += c.Of
	}
	return t
}

// MeasureClusters clusters docs with n rewritten copies of each kind and
// look-alike pairs added, and checks which copies joined their original
// and which look-alikes stayed apart. twins, when it names a readable
// corpus, is the xwlb-html set whose articles must join their xwlb twins.
func MeasureClusters(docs []Doc, n int, twins string, zone *time.Location, rng *rand.Rand) (*ClusterResult, error) {
	if zone == nil {
		zone = xinwen.DefaultZone()
	}
	res := &ClusterResult{Copies: map[string]Count{}, Lookalike: map[string]Count{}}
	arts := make([]xinwen.Article, len(docs))
	for i := range docs {
		arts[i] = docs[i].Article
	}
	var pairs []pair
	arts, pairs = addCopies(arts, n, rng, pairs)
	pairs = append(pairs, sameTitlePairs(docs, n, rng)...)
	arts, pairs = addStatistics(arts, docs, n, rng, pairs)
	tw, err := addTwins(arts, docs, twins, zone)
	if err != nil {
		return nil, err
	}
	arts, pairs = tw.arts, append(pairs, tw.pairs...)
	start := time.Now()
	of := assign(arts, zone)
	res.Seconds = time.Since(start).Seconds()
	for _, p := range pairs {
		joined := of[p.a] == of[p.b]
		switch {
		case p.twin:
			res.Twins.Of++
			res.Twins.Hit += b2i(joined)
		case p.lookalike:
			c := res.Lookalike[p.kind]
			res.Lookalike[p.kind] = Count{c.Hit + b2i(!joined), c.Of + 1}
		default:
			c := res.Copies[p.kind]
			res.Copies[p.kind] = Count{c.Hit + b2i(joined), c.Of + 1}
		}
	}
	return res, nil
}

type pair struct {
	a, b      string
	kind      string
	lookalike bool
	twin      bool
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func assign(arts []xinwen.Article, zone *time.Location) map[string]string {
	items := make([]cluster.Item, len(arts))
	for i, a := range arts {
		items[i] = cluster.NewItem(a.ID, a.Date, a.Title, a.Body)
	}
	ids := cluster.Assign(items, zone)
	of := make(map[string]string, len(arts))
	for i, a := range arts {
		of[a.ID] = ids[i]
	}
	return of
}

// storyDocs draws up to n articles that are single stories (no 快讯
// bundle) of at least 150 characters: what a wire carries.
func storyDocs(arts []xinwen.Article, n int, rng *rand.Rand) []xinwen.Article {
	var out []xinwen.Article
	for _, i := range rng.Perm(len(arts)) {
		d := Doc{Article: arts[i]}
		if !d.IsBundle() && utf8.RuneCountInString(arts[i].Body) >= 150 && !strings.Contains(arts[i].ID, "~") {
			out = append(out, arts[i])
			if len(out) == n {
				break
			}
		}
	}
	return out
}

func addCopies(arts []xinwen.Article, n int, rng *rand.Rand, pairs []pair) ([]xinwen.Article, []pair) {
	conv, err := s2t()
	if err != nil {
		conv = nil
	}
	trad := func(s string) string {
		if conv == nil {
			return s
		}
		return conv.String(s)
	}
	for _, a := range storyDocs(arts, n, rng) {
		for k, kind := range copyKinds {
			c := a
			c.ID = a.ID + "~copy" + strconv.Itoa(k)
			c.Date = a.Date.Add(time.Duration(rng.IntN(36)) * time.Hour)
			if k == 0 || k == 4 {
				c.Title = retitle(a.Title)
			}
			if k == 1 || k == 4 {
				c.Body = trim(c.Body, 0.2+0.1*rng.Float64())
			}
			if k == 2 || k == 4 {
				c.Body = wrap(c.Body, c.Date)
			}
			if k == 3 || k == 4 {
				c.Title, c.Body = trad(c.Title), trad(c.Body)
			}
			arts = append(arts, c)
			pairs = append(pairs, pair{a: a.ID, b: c.ID, kind: kind})
		}
	}
	return arts, pairs
}

// retitle gives a copy the headline another outlet would: the original's
// second half, behind an outlet's tag.
func retitle(t string) string {
	rs := []rune(t)
	return "【快讯】" + string(rs[len(rs)/2:]) + "：最新消息"
}

// trim cuts share of a body's characters from its end, as an outlet
// shortening a wire story does.
func trim(body string, share float64) string {
	rs := []rune(body)
	return string(rs[:len(rs)-int(float64(len(rs))*share)])
}

// wrap adds a wire dateline and reporter line before the body and an
// editor's line after it.
func wrap(body string, date time.Time) string {
	return fmt.Sprintf("据新华社北京%d月%d日电（记者 王晓明 李华）%s（责任编辑：陈静）", date.Month(), date.Day(), body)
}

// sameTitlePairs pairs articles of the corpus whose titles repeat on
// different days (李强主持召开国务院常务会议, 国内联播快讯): different stories.
func sameTitlePairs(docs []Doc, n int, rng *rand.Rand) []pair {
	last := map[string]*Doc{}
	var out []pair
	for i := range docs {
		d := &docs[i]
		if p, ok := last[d.Title]; ok && !sameDay(p.Date, d.Date) {
			out = append(out, pair{a: p.ID, b: d.ID, kind: lookalikeKinds[0], lookalike: true})
		}
		last[d.Title] = d
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out[:min(len(out), 4*n)]
}

func sameDay(a, b time.Time) bool { return a.Format(time.DateOnly) == b.Format(time.DateOnly) }

var digits = regexp.MustCompile(`[0-9]+`)

// addStatistics makes, for articles quoting at least three figures, the
// next day's statistic of the same template: every figure changed.
func addStatistics(arts []xinwen.Article, docs []Doc, n int, rng *rand.Rand, pairs []pair) ([]xinwen.Article, []pair) {
	made := 0
	for _, i := range rng.Perm(len(docs)) {
		a := docs[i].Article
		if made == n || len(digits.FindAllString(a.Body, -1)) < 3 {
			continue
		}
		bump := func(s string) string {
			return digits.ReplaceAllStringFunc(s, func(d string) string {
				v, _ := strconv.Atoi(d)
				return strconv.Itoa(v + 1 + rng.IntN(9))
			})
		}
		c := a
		c.ID, c.Date = a.ID+"~stat", a.Date.Add(24*time.Hour)
		c.Title, c.Body = bump(a.Title), bump(a.Body)
		arts = append(arts, c)
		pairs = append(pairs, pair{a: a.ID, b: c.ID, kind: lookalikeKinds[1], lookalike: true})
		made++
	}
	return arts, pairs
}

type twinSet struct {
	arts  []xinwen.Article
	pairs []pair
}

// addTwins adds the articles of the xwlb-html corpus that have a twin in
// docs (same day, same title), paired with it.
func addTwins(arts []xinwen.Article, docs []Doc, path string, zone *time.Location) (twinSet, error) {
	if path == "" {
		return twinSet{arts: arts}, nil
	}
	if _, err := os.Stat(path); err != nil {
		return twinSet{arts: arts}, nil
	}
	html, err := readArticles(path, 0, zone)
	if err != nil {
		return twinSet{}, err
	}
	key := func(a *xinwen.Article) string { return a.Date.In(zone).Format(time.DateOnly) + "|" + a.Title }
	byKey := map[string]string{}
	for i := range docs {
		byKey[key(&docs[i].Article)] = docs[i].ID
	}
	out := twinSet{arts: arts}
	for i := range html {
		if id, ok := byKey[key(&html[i])]; ok && strings.TrimSpace(html[i].Body) != "" {
			out.arts = append(out.arts, html[i])
			out.pairs = append(out.pairs, pair{a: id, b: html[i].ID, twin: true})
		}
	}
	return out, nil
}

// twinsPath is the xwlb-html corpus next to an xwlb corpus, or "".
func twinsPath(corpus string) string {
	if !strings.Contains(filepath.Base(corpus), "xwlb.") {
		return ""
	}
	return filepath.Join(filepath.Dir(corpus), "xwlb-html.jsonl.gz")
}
