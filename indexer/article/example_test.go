package article_test

import (
	"fmt"
	"strings"

	"github.com/xinwen-search/xinwen/indexer/article"
)

func ExampleHTMLToText() {
	fmt.Println(article.HTMLToText("<p>\u3000\u3000领诵<和平宣言>。</p><p><br></p><script>x()</script><p>完&nbsp;</p>"))
	// Output:
	// 领诵<和平宣言>。
	// 完
}

func ExampleParseHexo() {
	post := "\n---\ntitle: 12_00\ncategories:\n    - 新媒体\n    - 博客 - 快讯\ndate: Invalid Date\n---\n<div><p>正文</p></div>"
	a, warns, err := article.ParseHexo(strings.NewReader(post), "post/12_00.md", article.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s %q %q %v\n", a.Title, a.Categories, a.Body, a.Date.IsZero())
	fmt.Println(warns[0])
	// Output:
	// 12_00 ["新媒体" "博客" "快讯"] "正文" true
	// post/12_00.md: date: date "Invalid Date": bad date; date left empty
}
