package cluster

import (
	"testing"
	"time"
)

var zone = time.FixedZone("CST", 8*3600)

const story = `国务院总理李强3月4日主持召开国务院常务会议，听取关于推动大规模设备更新和消费品以旧换新工作情况的汇报，研究部署进一步优化营商环境有关举措。会议指出，要坚持市场为主、政府引导，加快落实各项政策，推动先进产能比重持续提升，让更多群众受益。会议强调，营商环境是发展的重要基础，要对标国际一流水平，持续深化改革，切实解决企业反映的突出问题，着力稳定市场预期，增强各类经营主体信心。会议还研究了其他事项。`

func day(d int) time.Time { return time.Date(2024, 3, d, 19, 0, 0, 0, zone) }

func TestCopiesJoinLookalikesApart(t *testing.T) {
	wrapped := "据新华社北京3月5日电（记者 王明）" + story[:len(story)*3/4] + "（责任编辑：张三）"
	trad := "國務院總理李強3月4日主持召開國務院常務會議，聽取關於推動大規模設備更新和消費品以舊換新工作情況的彙報，研究部署進一步優化營商環境有關舉措。會議指出，要堅持市場為主、政府引導，加快落實各項政策，推動先進產能比重持續提升，讓更多群眾受益。會議強調，營商環境是發展的重要基礎，要對標國際一流水平，持續深化改革，切實解決企業反映的突出問題，著力穩定市場預期，增強各類經營主體信心。會議還研究了其他事項。"
	stats := func(n string) string {
		return "据美国约翰斯·霍普金斯大学统计数据，截至美东时间" + n + "日17时，美国新冠肺炎确诊病例超" + n + "00万例，死亡病例超过" + n + "0万例。过去24小时，美国新增确诊病例和死亡病例数均居全球首位，多个州的医院再次面临床位紧张的压力。"
	}
	items := []Item{
		NewItem("a", day(4), "李强主持召开国务院常务会议", story),
		NewItem("b", day(5), "国常会部署优化营商环境", wrapped),
		NewItem("c", day(5), "李強主持召開國務院常務會議", trad),
		NewItem("d", day(12), "李强主持召开国务院常务会议", story), // a week later: a new story
		NewItem("s1", day(6), "美国新冠肺炎确诊病例超600万", stats("6")),
		NewItem("s2", day(7), "美国新冠肺炎确诊病例超700万", stats("7")),
		NewItem("t1", day(8), "国内联播快讯", "甲地开通一条新的高速铁路线路，全长三百公里，设站十二座，沿线城市之间最快一小时通达。"),
		NewItem("t2", day(8), "国内联播快讯", "乙省发布新的粮食生产扶持政策，对种粮大户给予补贴，鼓励农户扩大种植面积，保障粮食安全。"),
	}
	got := Assign(items, zone)
	want := []string{"a", "a", "a", "d", "s1", "s2", "t1", "t1"}
	for i := range items {
		if got[i] != want[i] {
			t.Errorf("%s: cluster %q, want %q", items[i].ID, got[i], want[i])
		}
	}
}

func TestStrip(t *testing.T) {
	for in, want := range map[string]string{
		"据新华社北京3月5日电（记者 王明）正文。（责任编辑：张三）": "正文。",
		"新华社华盛顿3月5日电 正文。":                "正文。",
		"正文没有电头。": "正文没有电头。",
	} {
		if got := Strip(in); got != want {
			t.Errorf("Strip(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAssignIsStable(t *testing.T) {
	items := []Item{NewItem("b", day(5), "x", story), NewItem("a", day(5), "y", story)}
	rev := []Item{items[1], items[0]}
	if g, r := Assign(items, zone), Assign(rev, zone); g[0] != "a" || g[1] != "a" || r[0] != "a" || r[1] != "a" {
		t.Fatalf("clusters %v and %v, want all \"a\"", g, r)
	}
}
