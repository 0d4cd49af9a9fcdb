package zh_test

import (
	"fmt"

	"github.com/xinwen-search/xinwen/search/zh"
)

// Sub-words share their parent's position; offsets are bytes of the
// original, full-width text.
func ExampleAnalyze() {
	// TestMain has loaded and installed the segmenter (zh.Load, zh.Use).
	text := "中华人民共和国的ＧＤＰ"
	toks, err := zh.Analyze(zh.IndexAnalyzerName, text)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range toks {
		fmt.Printf("%d %s %q\n", t.Position, t.Term, text[t.Start:t.End])
	}
	// Output:
	// 1 中华人民共和国 "中华人民共和国"
	// 1 中华 "中华"
	// 1 华人 "华人"
	// 1 人民 "人民"
	// 1 共和国 "共和国"
	// 1 共和 "共和"
	// 3 gdp "ＧＤＰ"
}

func ExampleNormalize() {
	fmt.Println(zh.Normalize("ＣＯＶＩＤ－１９疫情，Ａ股"))
	// Output: covid-19疫情,a股
}
