package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen/search/zh"
)

// `xinwen words` lists a coined name as a user-dictionary line that
// zh.ParseEntries reads back.
func TestWordsCLI(t *testing.T) {
	before := []string{"今天", "我国", "昨天", "目前", "据悉", "近日", "随后", "此前", "报道称", "专家说", "消息称", "官方表示"}
	after := []string{"顺利", "成功", "正常", "开始", "完成", "进入", "已经", "首次", "继续", "稳定", "准确", "按时"}
	arts := make([]invented, len(before))
	for i := range arts {
		arts[i] = invented{ID: fmt.Sprintf("w%02d", i), Title: fmt.Sprintf("航天新闻%d", i),
			Body: before[i] + "鹊桥二号" + after[i] + "工作。经济社会发展稳中向好。",
			Date: time.Date(2024, 3, 20+i%5, 9, 0, 0, 0, e2eZone).Format(time.RFC3339)}
	}
	dir := filepath.Join(t.TempDir(), "ix")
	buildIndex(t, dir, arts)
	out, errOut, err := runCapture(t, "words", "--index", dir, "--size", "20")
	if err != nil {
		t.Fatalf("words = %v\n%s", err, errOut)
	}
	es, err := zh.ParseEntries(strings.NewReader(out))
	if err != nil {
		t.Fatalf("the output is no user dictionary: %v\n%s", err, out)
	}
	found := false
	for _, e := range es {
		found = found || e.Word == "鹊桥二号" && e.Freq == 12
	}
	if !found || !strings.Contains(out, "first_seen=2024-03-20") {
		t.Errorf("鹊桥二号 12 (first seen 2024-03-20) not listed:\n%s", out)
	}
}

func TestAnalyzeExplain(t *testing.T) {
	out, errOut, err := runCapture(t, "analyze", "--explain", "--mode", "query", "習近平在发布会上")
	if err != nil {
		t.Fatalf("analyze --explain = %v\n%s", err, errOut)
	}
	for _, want := range []string{`SOURCE`, `习近平\s+fold`, `在\s+stop`, `发布会\s+dict`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if _, _, err := runCapture(t, "analyze", "--explain", "--mode", "bigram", "新闻"); err == nil {
		t.Error("--explain with --mode bigram succeeded")
	}
}
