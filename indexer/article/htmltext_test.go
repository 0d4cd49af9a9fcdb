package article

import "testing"

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>甲</p><p>乙</p>", "甲\n乙"},
		{"br", "一<br>二<br/>三", "一\n二\n三"},
		{"spacer paragraphs", "<p>甲</p><p><br></p><p>&nbsp;</p><p>乙</p>", "甲\n乙"},
		{"headings and lists", "<h2>标题</h2><ul><li>一</li><li>二</li></ul>", "标题\n一\n二"},
		{"inline joins", "<p><b>央视</b><span>消息</span></p>", "央视消息"},
		{"table cells", "<table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td></tr></table>", "甲 乙\n丙"},
		{"entities", "<p>&lt;a&gt; &amp; &#123;x&#125; &quot;q&quot;</p>", `<a> & {x} "q"`},
		{"pseudo-tag book title", "<p>领诵<和平宣言>。</p>", "领诵<和平宣言>。"},
		{"adjacent pseudo-tags", "<p>依据<甲法><乙法>规定</p>", "依据<甲法><乙法>规定"},
		{"latin pseudo-tags", "<p>读了<C语言程序设计>和<Effective Java>两本书</p>", "读了<C语言程序设计>和<Effective Java>两本书"},
		{"word namespace tags dropped", "<p>甲<o:p></o:p>乙</p>", "甲乙"},
		{"pseudo-tag with parens", "<p>见<期刊(光盘版)>一文</p>", "见<期刊(光盘版)>一文"},
		{"script style noscript", "<script>x=1</script><style>p{}</style><noscript>开启脚本</noscript>正文", "正文"},
		{"comment", "甲<!-- 广告 -->乙", "甲乙"},
		{"video iframe", "甲<video>不支持</video><iframe src=x>框</iframe>乙", "甲乙"},
		{"self-closing video", "甲<video src=x />乙", "甲乙"},
		{"figure caption", "<figure><img src=a><figcaption>说明</figcaption></figure>", "说明"},
		{"unknown element keeps text", "<custom-card>卡片</custom-card>", "卡片"},
		{"raw init in pre", "<pre>Object.\"<init>\":()V</pre>", "Object.\"<init>\":()V"},
		{"html tag in pre still markup", "<pre><span>a</span> -&gt; b</pre>", "a -> b"},
		{"broken img src", `前<img src="<a href="u">x</a>">后`, "前x\">后"},
		{"quotes inside quoted attribute", `<p>甲</p><div data-slot="{"canvas":"top"}">乙</div><p>丙</p>`, "甲\n乙\n丙"},
		{"ideographic spaces trimmed at edges", "<p>\u3000\u3000开头\u3000中间\u3000\u3000</p>", "开头\u3000中间"},
		{"nbsp at line end", "<p>甲&nbsp;&nbsp;</p>", "甲"},
		{"space runs collapse", "<p>a  \t b</p>", "a b"},
		{"plain text newlines", "第一段\n\n第二段\n   \n第三段", "第一段\n第二段\n第三段"},
		{"undefined artefact line", "甲\nundefined\n乙undefined", "甲\n乙undefined"},
		{"zero-width dropped", "新\u200b闻", "新闻"},
		{"markdown stays", "| a | b |\n* item", "| a | b |\n* item"},
		{"empty", "", ""},
		{"only image", `<div><img src="a.jpg"></div>`, ""},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLToText(tt.in); got != tt.want {
				t.Errorf("HTMLToText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<p>甲</p>", true},
		{"甲<br>乙", true},
		{"甲<BR/>乙", true},
		{`<div class="x">`, true},
		{"甲</span>", true},
		{"领诵<和平宣言>", false},
		{"a < b and c > d", false},
		{"<pain>", false},
		{"<html><body><article>文章</article><hr><blockquote>引用</blockquote></body></html>", true},
		{"<Big Data>一书", false},
		{"plain\ntext", false},
	}
	for _, tt := range tests {
		if got := looksLikeHTML(tt.in); got != tt.want {
			t.Errorf("looksLikeHTML(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCleanLines(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a  b\n\n  c\t\td  \nundefined\n", "a b\nc d"},
		{"\u3000\u3000段落\u00A0\u00A0内容\u3000", "段落 内容"},
		{"中\u3000文 单 空格", "中\u3000文 单 空格"},
		{"零\u200B宽\r\n下一行", "零宽\n下一行"},
		{"bad \xff byte", "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := cleanLines(tt.in); got != tt.want {
			t.Errorf("cleanLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
