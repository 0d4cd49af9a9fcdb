package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/xinwen-search/xinwen"
)

// TestWrittenCopyJoinsItsStory: an article written over HTTP that copies
// an indexed story (retitled, with a wire dateline) joins that story's
// cluster at once, as a rebuild would put it: the article page lists it
// among the duplicates and a search shows the story once. An unrelated
// article written with it stays its own story.
func TestWrittenCopyJoinsItsStory(t *testing.T) {
	const token = "e2e-token-0123456789"
	dir := t.TempDir()
	story := "国家航天局今天公布，新一代月球探测器在文昌发射场完成全系统合练，各分系统工作正常，" +
		"预计下月择机实施发射任务。探测器将开展月面采样、原位分析和环境监测等科学探测，" +
		"任务团队已完成三轮故障预案演练，地面测控站点全部进入临战状态。" +
		"专家介绍，此次任务首次搭载国际合作载荷，涉及四个国家的六台科学仪器，" +
		"探测数据将按协议向合作方和全球科学界开放共享。"
	arts := inventArticles("n", "甲版", 20, 2)
	arts = append(arts, invented{ID: "orig", Title: "新一代月球探测器完成发射前全系统合练", Body: story,
		Date: "2024-03-05T10:00:00+08:00", Categories: []string{"科技"}, Source: "测试通讯社"})
	buildIndex(t, dir, arts)
	st := newStack(t, dir, token)

	body := jsonLines(t, []invented{
		{ID: "copy", Title: "月球探测器合练完成 下月择机发射", Body: "新华社北京3月5日电（记者 张三）" + story + "（完）",
			Date: "2024-03-05T18:00:00+08:00", Categories: []string{"科技"}},
		{ID: "other", Title: "城市社区开展垃圾分类宣传周活动", Body: "本市各社区本周集中开展垃圾分类宣传，志愿者入户讲解分类知识，发放宣传手册。",
			Date: "2024-03-05T18:00:00+08:00", Categories: []string{"社会"}},
	})
	if status, b := call(t, http.MethodPost, st.url+"/api/articles", token, bytes.NewReader(body)); status != 200 {
		t.Fatalf("ingest: %d %s", status, b)
	}

	doc := func(id string) xinwen.Doc {
		t.Helper()
		status, b := call(t, http.MethodGet, st.url+"/api/articles/"+id, "", nil)
		if status != 200 {
			t.Fatalf("article %s: %d %s", id, status, b)
		}
		var d xinwen.Doc
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	orig, cp, other := doc("orig"), doc("copy"), doc("other")
	if cp.Cluster != orig.Cluster || orig.Cluster == "" {
		t.Fatalf("written copy in cluster %q, its original in %q: want one", cp.Cluster, orig.Cluster)
	}
	if !slices.Contains(orig.Duplicates, "copy") {
		t.Errorf("the original lists duplicates %v, want the written copy among them", orig.Duplicates)
	}
	if other.Cluster == orig.Cluster {
		t.Errorf("an unrelated written article joined the story %q", orig.Cluster)
	}

	res := searchAPI(t, st.url, url.Values{"q": {`"月球探测器"`}})
	if res.Total != 2 || res.TotalClusters != 1 || len(res.Hits) != 1 || res.Hits[0].Duplicates != 1 {
		t.Errorf("search: total %d, stories %d, %d hits (first with %d duplicates); want 2 articles as 1 story",
			res.Total, res.TotalClusters, len(res.Hits), firstDuplicates(res))
	}
}

func firstDuplicates(res *xinwen.Result) int {
	if len(res.Hits) == 0 {
		return -1
	}
	return res.Hits[0].Duplicates
}
