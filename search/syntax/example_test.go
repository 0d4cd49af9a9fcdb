package syntax_test

import (
	"fmt"

	"github.com/xinwen-search/xinwen/search/syntax"
)

func ExampleParse() {
	q := syntax.Parse(`人工智能 “大模型 芯片” -广告 -"假 新闻" 「未闭合`)
	fmt.Printf("words %q\nphrases %q\nexcludes %q\n", q.Words, q.Phrases, q.Excludes)
	// Output:
	// words ["人工智能"]
	// phrases ["大模型 芯片" "未闭合"]
	// excludes ["广告" "假 新闻"]
}

func ExampleLex() {
	for _, t := range syntax.Lex(`芯片 -"假 新闻"`) {
		fmt.Printf("%-7v %2d %q %q\n", t.Kind, t.Pos, t.Val, t.Text())
	}
	// Output:
	// Word     0 "芯片" "芯片"
	// Exclude  7 "-" "-"
	// Phrase   8 "\"假 新闻\"" "假 新闻"
}
