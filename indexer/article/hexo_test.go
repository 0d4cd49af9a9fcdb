package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
)

var update = flag.Bool("update", false, "rewrite testdata/**/*.golden from current output")

// golden is what a .golden file holds for one parsed input.
type golden struct {
	Article  *xinwen.Article `json:"article,omitempty"`
	Warnings []Warning       `json:"warnings,omitempty"`
	Error    string          `json:"error,omitempty"`
}

func parseFixture(t *testing.T, name string) (xinwen.Article, []Warning, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "hexo", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ParseHexo(f, "hexo/"+name, Options{})
}

func marshalGolden(t *testing.T, g any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep "<和平宣言>" readable in goldens
	enc.SetIndent("", "  ")
	if err := enc.Encode(g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkGolden compares got with path, or rewrites path under -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestParseHexoGolden(t *testing.T) {
	names, _ := filepath.Glob("testdata/hexo/*.md")
	if len(names) < 25 {
		t.Fatalf("found %d fixtures, want at least 25", len(names))
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			a, warns, err := parseFixture(t, name)
			g := golden{Warnings: warns}
			if err != nil {
				g.Error = err.Error()
			} else {
				g.Article = &a
			}
			checkGolden(t, strings.TrimSuffix(path, ".md")+".golden", marshalGolden(t, g))
		})
	}
}

// TestParseHexoQuirks states, per fixture, the property the golden file
// must show, so a careless -update cannot bless a regression.
func TestParseHexoQuirks(t *testing.T) {
	shanghai := Options{}.zone()
	tests := []struct {
		file  string
		check func(a xinwen.Article, w []Warning) string
	}{
		{"blank-line-before-front-matter.md", titleIs("江城新开三条公交线路")},
		{"bom-and-spaces.md", titleIs("早稻收割进度过半")},
		{"title-single-quoted.md", titleIs("记者手记：雨夜里的守桥人")},
		{"title-double-quoted.md", titleIs("''菜篮子''价格回落 蔬菜供应充足")},
		{"title-quote-run.md", all(titleIs("东湖公园_樱花节_开幕"), warned("front matter"))},
		{"title-int.md", all(titleIs("1958"), bodyIs("Alice Example\nBob Example"))},
		{"title-12_00.md", all(titleIs("12_00"), bodyIs(""),
			thumbIs("https://example.jp/blog/202103/photo.jpg"))},
		{"title-multiline.md", all(titleIs("00_00 币市晚报：某币回升至3000 USDT上方"),
			catsAre("新媒体", "币世界", "快讯"), lacks("\nundefined"),
			dateIs(time.Date(2021, 3, 21, 16, 41, 54, 0, shanghai)))},
		{"title-space.md", all(titleIs("示例框架 2.0 已发布，改用新的注册中心。"), warned("title"))},
		{"date-invalid.md", all(dateIs(time.Time{}), warned("date"))},
		{"date-zoneless.md", all(dateIs(time.Date(2022, 2, 9, 11, 6, 55, 0, shanghai)),
			bodyIs("磁盘满了怎么办？\n先用一行命令找出最大的目录。"))},
		{"date-rfc3339.md", dateIs(time.Date(2022, 3, 1, 0, 30, 0, 0, time.UTC))},
		{"date-day-only.md", dateIs(time.Date(2021, 5, 1, 0, 0, 0, 0, shanghai))},
		{"entities.md", all(titleIs("模板语法 {{ name }} 入门"), has("写 {{ name }} 即可"), has("& 与 <b>"))},
		{"style-block.md", all(lacks("markdown-body"), has("function f() {\nreturn 1;\n}"))},
		{"pseudo-tags.md", all(has("领诵<新年献词>，又合唱了<小船儿轻轻划>。"), has("<甲法><乙法(修订版)>"))},
		{"ideographic-space.md", bodyIs("新操场今天正式启用。\n校长说：\u3000孩子们终于有了跑道。")},
		{"spacers.md", bodyIs("营地今日开放。\n每天接待三百人。\n需提前预约。")},
		{"nested.md", bodyIs("🌟 新功能\n支持合并单元格\n修复排序\n更新文档")},
		{"media.md", bodyIs("江豚又回来了。\n江面上的江豚\n记者 张三")},
		{"broken-html.md", all(has("工具下载见下文。"), has("下载后运行即可。"), has(`"<init>":()V`), has("完。"))},
		{"markdown-table.md", has("| 指标 | 数值 |\n|---|---|")},
		{"plain-text.md", bodyIs("本周六下午举办读书会。\n地点在图书馆三楼。\n欢迎报名。")},
		{"english.md", all(titleIs("2 Scientists Share Prize for Work on Graphs, The Daily Example"), has("Zoë Álvarez"))},
		{"japanese.md", catsAre("二次元", "イベント", "声優活動")},
		{"traditional.md", all(has("市民開始戴口罩"), has("2003-02-09"), sourceIs("某平台 - 作者"))},
		{"categories-emdash.md", catsAre("新媒体", "财经站", "分类")},
		{"categories-2level.md", all(titleIs("+J 系列於3月19日登場，$99起"), catsAre("新媒体", "Esquirehk", "Tag"), lacks("trailing comment"))},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, w, err := parseFixture(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(a.ID, "hexo-") || len(a.ID) != len("hexo-")+16 {
				t.Errorf("ID = %q, want hexo- and 16 hex digits", a.ID)
			}
			if msg := tt.check(a, w); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestParseHexoErrors(t *testing.T) {
	tests := []struct {
		file string
		want error
	}{
		{"empty.md", ErrEmpty},
		{"no-front-matter.md", ErrNoFrontMatter},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, _, err := parseFixture(t, tt.file)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), "hexo/"+tt.file) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestParseHexoStableID(t *testing.T) {
	parse := func(rel string) string {
		a, _, err := ParseHexo(strings.NewReader("---\ntitle: x\n---\ny"), rel, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	// echo -n a/b.md | sha1sum
	if got := parse("a/b.md"); got != "hexo-c5c408ab229d6419" {
		t.Errorf("ID = %q", got)
	}
	if parse(`a\b.md`) != parse("a/b.md") {
		t.Error("backslash and slash paths give different ids")
	}
	if parse("a/c.md") == parse("a/b.md") {
		t.Error("different paths give one id")
	}
}
