package words

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen/search/zh"
)

func TestMain(m *testing.M) {
	seg, err := zh.Load(zh.Config{DictDir: zh.BundledDictDir()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	zh.Use(seg)
	code := m.Run()
	seg.Close()
	os.Exit(code)
}

// corpus: a coined name in varied contexts across 12 articles, among
// ordinary sentences of dictionary words.
func corpus() []Article {
	before := []string{"今天", "我国", "昨天", "目前", "据悉", "近日", "随后", "此前", "报道称", "专家说", "消息称", "官方表示"}
	after := []string{"顺利", "成功", "正常", "开始", "完成", "进入", "已经", "首次", "继续", "稳定", "准确", "按时"}
	var out []Article
	for i := range before {
		out = append(out, Article{
			Title: "航天新闻" + fmt.Sprint(i),
			Body:  before[i] + "鹊桥二号" + after[i] + "工作。经济社会发展稳中向好，人民生活水平不断提高。",
			Date:  time.Date(2024, 3, 20+i%5, 0, 0, 0, 0, time.UTC),
		})
	}
	return out
}

func walkOf(as []Article) Walk {
	return func(fn func(Article) error) error {
		for _, a := range as {
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestFindCoinedWord(t *testing.T) {
	seg, _ := zh.Default()
	cs, err := Find(context.Background(), walkOf(corpus()), Options{Known: seg.Known, MinEntropy: 1})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(cs, func(c Candidate) bool { return c.Word == "鹊桥二号" })
	if i < 0 {
		t.Fatalf("鹊桥二号 not among %+v", cs)
	}
	c := cs[i]
	if c.Count != 12 || !c.FirstSeen.Equal(time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)) || len(c.Examples) != 2 || c.Entropy < 3 {
		t.Errorf("鹊桥二号: %+v", c)
	}
	for _, c := range cs {
		if seg.Known(c.Word) {
			t.Errorf("%s is a dictionary word", c.Word)
		}
		if c.Word != "鹊桥二号" && (c.Word == "鹊桥" || c.Word == "桥二号" || c.Word == "二号") {
			t.Errorf("%s only occurs inside 鹊桥二号: %+v", c.Word, cs)
		}
	}
}

func TestFindNeedsDictionary(t *testing.T) {
	if _, err := Find(context.Background(), walkOf(corpus()), Options{}); err == nil {
		t.Fatal("Find without Known succeeded")
	}
}

func TestEntropy(t *testing.T) {
	if h := entropy(map[rune]int{'a': 4}, 0); h != 0 {
		t.Errorf("one neighbour: %v", h)
	}
	if h := entropy(map[rune]int{'a': 1, 'b': 1}, 2); h != 2 {
		t.Errorf("four distinct neighbours: %v, want 2 bits", h)
	}
}
