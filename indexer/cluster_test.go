package indexer

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinwen-search/xinwen/cluster"
	"github.com/xinwen-search/xinwen/cluster/bands"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search"
)

const wireStory = `国务院总理李强3月4日主持召开国务院常务会议，听取关于推动大规模设备更新和消费品以旧换新工作情况的汇报，研究部署进一步优化营商环境有关举措。会议指出，要坚持市场为主、政府引导，加快落实各项政策，推动先进产能比重持续提升，让更多群众受益。会议强调，营商环境是发展的重要基础，要对标国际一流水平，持续深化改革，切实解决企业反映的突出问题。`

func writeLines(t *testing.T, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A rebuild clusters a retitled wire copy with its original and keeps
// both; an incremental run's copy joins the cluster already indexed.
func TestBuildClustersCopies(t *testing.T) {
	dir := t.TempDir()
	first := writeLines(t, "a.jsonl",
		`{"id":"w1","title":"李强主持召开国务院常务会议","body":"`+wireStory+`","date":"2024-03-04T19:00:00+08:00"}`,
		`{"id":"w2","title":"国常会部署优化营商环境","body":"据新华社北京3月5日电（记者 王明）`+wireStory+`（责任编辑：张三）","date":"2024-03-05T08:00:00+08:00"}`,
		`{"id":"o1","title":"新能源汽车出口增长","body":"前四个月出口同比增长三成。","date":"2024-03-05"}`)
	sum, err := Build(context.Background(), buildCfg(dir, first))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Docs != 3 {
		t.Errorf("docs = %d, want 3: nothing dropped", sum.Docs)
	}
	ix := openCurrent(t, dir)
	for id, want := range map[string]string{"w1": "w1", "w2": "w1", "o1": "o1"} {
		d, err := ix.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Cluster != want {
			t.Errorf("%s: cluster %q, want %q", id, d.Cluster, want)
		}
	}
	more := writeLines(t, "b.jsonl",
		`{"id":"w3","title":"國務院常務會議部署營商環境","body":"國務院總理李強3月4日主持召開國務院常務會議，聽取關於推動大規模設備更新和消費品以舊換新工作情況的彙報，研究部署進一步優化營商環境有關舉措。會議指出，要堅持市場為主、政府引導，加快落實各項政策，推動先進產能比重持續提升，讓更多群眾受益。","date":"2024-03-06T10:00:00+08:00"}`)
	cfg := buildCfg(dir, more)
	cfg.Incremental = true
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	d, err := openCurrent(t, dir).Get(context.Background(), "w3")
	if err != nil {
		t.Fatal(err)
	}
	if d.Cluster != "w1" || len(d.Duplicates) != 2 {
		t.Errorf("w3: cluster %q duplicates %v, want w1 with w1 and w2", d.Cluster, d.Duplicates)
	}
}

// storyOf returns the cluster of id in dir's current generation.
func storyOf(t *testing.T, dir, id string) string {
	t.Helper()
	d, err := openCurrent(t, dir).Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Cluster
}

func incremental(t *testing.T, dir string, del []string, sources ...string) {
	t.Helper()
	cfg := buildCfg(dir, sources...)
	cfg.Incremental, cfg.Delete = true, del
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
}

// The band keys live in the generation's band table, not in Bleve: a
// build writes the table and its shards hold no bands term.
func TestBuildWritesBandTable(t *testing.T) {
	dir := t.TempDir()
	src := writeLines(t, "a.jsonl", `{"id":"w1","title":"李强主持召开国务院常务会议","body":"`+wireStory+`","date":"2024-03-04T19:00:00+08:00"}`)
	if _, err := Build(context.Background(), buildCfg(dir, src)); err != nil {
		t.Fatal(err)
	}
	gen, err := generation.Current(dir)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := bands.Open(filepath.Join(gen, generation.BandsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	sig := cluster.Sign("李强主持召开国务院常务会议", wireStory)
	if got := tab.Lookup(sig.BandHashes(), 5, nil); !slices.Equal(got, []string{"w1"}) {
		t.Errorf("band table finds %q for w1's bands, want w1", got)
	}
	for i := range 2 {
		ix, err := bleve.OpenUsing(generation.ShardDir(gen, i), map[string]any{"read_only": true})
		if err != nil {
			t.Fatal(err)
		}
		dict, err := ix.FieldDict(search.FieldBands)
		if err != nil {
			ix.Close()
			t.Fatal(err)
		}
		if e, err := dict.Next(); err != nil || e != nil {
			t.Errorf("shard %d holds bands term %v (err %v), want none", i, e, err)
		}
		dict.Close()
		ix.Close()
	}
}

// An incremental run's generation keeps its base's band keys and adds its
// own: a copy indexed two runs later joins the story of the first build,
// and one of an article the run before added joins that one's.
func TestIncrementalCarriesBandTable(t *testing.T) {
	dir := t.TempDir()
	other := `国家统计局今天发布数据，一季度全国规模以上工业增加值同比增长百分之六点一，` +
		`高技术制造业增加值增长百分之七点五，装备制造业增长百分之六点九，工业生产总体平稳，新动能持续壮大，市场预期有所改善。`
	first := writeLines(t, "a.jsonl", `{"id":"w1","title":"李强主持召开国务院常务会议","body":"`+wireStory+`","date":"2024-03-04T19:00:00+08:00"}`)
	if _, err := Build(context.Background(), buildCfg(dir, first)); err != nil {
		t.Fatal(err)
	}
	incremental(t, dir, nil, writeLines(t, "b.jsonl", `{"id":"s1","title":"一季度工业生产平稳","body":"`+other+`","date":"2024-03-05T10:00:00+08:00"}`))
	incremental(t, dir, nil, writeLines(t, "c.jsonl",
		`{"id":"w2","title":"国常会部署优化营商环境","body":"据新华社北京3月5日电（记者 王明）`+wireStory+`","date":"2024-03-05T08:00:00+08:00"}`,
		`{"id":"s2","title":"统计局：工业增加值增长6.1%","body":"`+other+`（责任编辑：李四）","date":"2024-03-05T12:00:00+08:00"}`))
	for id, want := range map[string]string{"w2": "w1", "s2": "s1"} {
		if got := storyOf(t, dir, id); got != want {
			t.Errorf("%s: cluster %q, want %q", id, got, want)
		}
	}
}

// An article an incremental run deletes is no candidate of the run's new
// articles: a copy of it starts a story of its own, not one that has no
// article left.
func TestIncrementalSkipsDeletedCandidates(t *testing.T) {
	dir := t.TempDir()
	first := writeLines(t, "a.jsonl", `{"id":"w1","title":"李强主持召开国务院常务会议","body":"`+wireStory+`","date":"2024-03-04T19:00:00+08:00"}`)
	if _, err := Build(context.Background(), buildCfg(dir, first)); err != nil {
		t.Fatal(err)
	}
	incremental(t, dir, []string{"w1"}, writeLines(t, "b.jsonl",
		`{"id":"w2","title":"国常会部署优化营商环境","body":"据新华社北京3月5日电（记者 王明）`+wireStory+`","date":"2024-03-05T08:00:00+08:00"}`))
	if got := storyOf(t, dir, "w2"); got != "w2" {
		t.Errorf("w2: cluster %q, want its own: w1 was deleted in the same run", got)
	}
	// The next run finds w2 by its keys, not w1.
	incremental(t, dir, nil, writeLines(t, "c.jsonl",
		`{"id":"w3","title":"国务院常务会议研究营商环境","body":"`+wireStory+`（完）","date":"2024-03-05T09:00:00+08:00"}`))
	if got := storyOf(t, dir, "w3"); got != "w2" {
		t.Errorf("w3: cluster %q, want w2", got)
	}
}

// A base generation whose band table is gone cannot be updated: the run
// says so and the current generation stays.
func TestIncrementalNeedsBandTable(t *testing.T) {
	dir := t.TempDir()
	first := writeLines(t, "a.jsonl", `{"id":"w1","title":"李强主持召开国务院常务会议","body":"`+wireStory+`","date":"2024-03-04T19:00:00+08:00"}`)
	if _, err := Build(context.Background(), buildCfg(dir, first)); err != nil {
		t.Fatal(err)
	}
	gen, err := generation.Current(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(gen, generation.BandsFile)); err != nil {
		t.Fatal(err)
	}
	cfg := buildCfg(dir, writeLines(t, "b.jsonl", `{"id":"o1","title":"新能源汽车出口增长","body":"前四个月出口同比增长三成。","date":"2024-03-05"}`))
	cfg.Incremental = true
	_, err = Build(context.Background(), cfg)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "band table") {
		t.Errorf("incremental run on a generation without band table: %v, want an error naming it", err)
	}
	if now, _ := generation.Current(dir); now != gen {
		t.Errorf("current generation %s, want %s kept", now, gen)
	}
}
