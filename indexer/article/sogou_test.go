package article

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReadSogou(t *testing.T) {
	in := "<doclist>\n<doc>\n<url>http://sports.example.com/20120612/n1.shtml</url>\n" +
		"<docno>abc-1</docno>\n<contenttitle>主队二比一获胜</contenttitle>\n" +
		"<content>本报讯　昨晚主队二比一获胜。\ue40cM&M 赞助商到场。</content>\n</doc>\n" +
		"<doc>\n<url>http://news.example.com/a.shtml</url>\n<docno>abc-2</docno>\n" +
		"<contenttitle></contenttitle>\n<content></content>\n</doc>\n" +
		"<doc>\n<url>http://it.example.com/b.shtml</url>\n<docno>abc-3</docno>\n" +
		"<contenttitle>只有标题</contenttitle>\n<content></content>\n</doc>\n</doclist>\n"
	in = strings.Replace(in, "</doc>\n<doc>\n<url>http://it", "</doc>\n"+gbk(t, "<doc>\n<url>http://it"), 1)
	in = strings.Replace(in, "只有标题", gbk(t, "只有标题"), 1)
	got := collect(ReadSogou(strings.NewReader(in), "s.dat", Options{}))
	if len(got) != 3 {
		t.Fatalf("got %d records, want 3: %+v", len(got), got)
	}
	a := got[0].Article
	if a == nil || a.ID != "sogou-abc-1" || a.Title != "主队二比一获胜" || a.Source != "sports.example.com" ||
		strings.Join(a.Categories, "|") != "sports" || a.Body != "本报讯\u3000昨晚主队二比一获胜。\nM&M 赞助商到场。" ||
		!a.Date.Equal(time.Date(2012, 6, 12, 0, 0, 0, 0, Options{}.zone())) {
		t.Errorf("first record = %+v", a)
	}
	if got[0].Where != "s.dat:2" {
		t.Errorf("where = %q, want s.dat:2", got[0].Where)
	}
	if !strings.Contains(got[1].Error, "s.dat:8") || got[1].Article != nil {
		t.Errorf("empty record = %+v", got[1])
	}
	if a := got[2].Article; a == nil || a.Title != "只有标题" || a.Body != "" || !a.Date.IsZero() {
		t.Errorf("GBK title-only record = %+v", a)
	}
}

func TestReadSogouEmptyIsErrEmpty(t *testing.T) {
	for _, err := range ReadSogou(strings.NewReader("<doc><docno>x</docno></doc>"), "s", Options{}) {
		if !errors.Is(err, ErrEmpty) {
			t.Errorf("err = %v, want ErrEmpty", err)
		}
	}
}

func TestDateFromURL(t *testing.T) {
	zone := Options{}.zone()
	for link, want := range map[string]time.Time{
		"http://news.sohu.com/20120612/n345428229.shtml": time.Date(2012, 6, 12, 0, 0, 0, 0, zone),
		"https://e.com/2012-06-12/a.html":                time.Date(2012, 6, 12, 0, 0, 0, 0, zone),
		"https://e.com/2012/06/12/a.html":                time.Date(2012, 6, 12, 0, 0, 0, 0, zone),
		"https://e.com/2012/0612/a.html":                 time.Date(2012, 6, 12, 0, 0, 0, 0, zone),
		"http://gongyi.sohu.com/s2008/sourceoflife/":     {},
		"https://e.com/20121340/a.html":                  {},
		"https://e.com/n20120612.html":                   {},
	} {
		if got := dateFromURL(link, zone); !got.Equal(want) || got.IsZero() != want.IsZero() {
			t.Errorf("dateFromURL(%q) = %v, want %v", link, got, want)
		}
	}
}
