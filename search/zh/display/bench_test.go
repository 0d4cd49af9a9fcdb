package display

import "testing"

// BenchmarkMarked converts a page's worth of marked snippets (ten of
// about 200 characters) to Traditional.
func BenchmarkMarked(b *testing.B) {
	c, err := For(Traditional)
	if err != nil {
		b.Fatal(err)
	}
	snippet := "…中国汽车工业协会11日发布数据显示，2023年我国<mark>新能源汽车</mark>产销分别完成958.7万辆和949.5万辆，同比分别增长35.8%和37.9%，市场占有率达到31.6%，连续9年位居全球第一。…从细分车型看，纯电动汽车销量占<mark>新能源汽车</mark>总销量的七成左右，插电式混合动力汽车增速明显加快。"
	b.SetBytes(int64(10 * len(snippet)))
	for b.Loop() {
		for range 10 {
			c.Marked(snippet)
		}
	}
}
