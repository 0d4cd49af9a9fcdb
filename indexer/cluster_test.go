package indexer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
