package words

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xinwen-search/xinwen/search/zh"
)

const (
	minRunes = 2
	maxRunes = 6
	maxParts = 3 // jieba words joined into one candidate
)

// edge holds the characters a word rarely starts or ends with: the stop
// list's function characters and a few more prepositions and verbs;
// startEdge and endEdge those that begin or end the phrases news wraps
// around words (据美国, 方加强, 愿同, 问题上).
const (
	edge      = "的了着过和与及或而且并是在于也就都又即则之其把被这那该此等吗呢吧啊呀嘛哦么地得所以对为将从向到让给个"
	startEdge = "据称要各比愿同方"
	endEdge   = "同称上下要"
)

// reporting lists the verbs that end a speaker's phrase, not a word
// (习近平指出, 数据显示).
var reporting = []string{"指出", "强调", "表示", "报道", "显示", "宣布", "发布", "作出", "提供"}

// openers are the adverbs and verbs that open the policy phrases news
// repeats (全面推进, 深入学习, 主持召开): phrases, not words.
var openers = []string{"全面", "加快", "深入", "扎实", "坚定", "不断", "推动", "积极", "大力", "主持", "参加", "进行", "取得", "坚持", "加强", "推进"}

// counter is the first walk: in how many articles each proposed string
// occurs, how jieba cut it, and where in jieba's words each character
// stands. A known word is kept with n -1 so it is looked up once.
type counter struct {
	opt   Options
	df    map[string]tally
	seen  map[string]bool // this article's strings
	chars map[rune]*place
	n     int // articles
}

// tally is a proposed string's article count and the cut jieba first
// made of it: bit k set when a piece ends after its rune k.
type tally struct {
	n   int32
	cut uint8
}

// place counts a character's occurrences in jieba's words: alone (a
// one-character word), first, inside or last of a longer word.
type place struct{ alone, first, inside, last int32 }

func (p *place) total() int32 { return p.alone + p.first + p.inside + p.last }

func newCounter(opt Options) *counter {
	return &counter{opt: opt, df: map[string]tally{}, seen: map[string]bool{}, chars: map[rune]*place{}}
}

func (c *counter) add(a Article) {
	c.n++
	clear(c.seen)
	var run []string
	for _, w := range zh.Cut(zh.Normalize(a.Title + "\n" + a.Body)) {
		if isHan(w) {
			c.place(w)
			run = append(run, w)
			continue
		}
		c.spans(run)
		run = run[:0]
	}
	c.spans(run)
	if len(c.df) > c.opt.MaxKeys {
		c.prune()
	}
}

// place counts where in w each of its characters stands.
func (c *counter) place(w string) {
	k, last := 0, utf8.RuneCountInString(w)-1
	for _, r := range w {
		p := c.chars[r]
		if p == nil {
			p = &place{}
			c.chars[r] = p
		}
		switch {
		case last == 0:
			p.alone++
		case k == 0:
			p.first++
		case k == last:
			p.last++
		default:
			p.inside++
		}
		k++
	}
}

// spans proposes the runs of up to maxParts adjacent words of run.
func (c *counter) spans(run []string) {
	for i := range run {
		var b strings.Builder
		n := 0
		var cut uint8
		for k := 0; k < maxParts && i+k < len(run); k++ {
			b.WriteString(run[i+k])
			n += utf8.RuneCountInString(run[i+k])
			if n > maxRunes {
				break
			}
			if n >= minRunes {
				c.propose(b.String(), cut)
			}
			cut |= 1 << (n - 1)
		}
	}
}

func (c *counter) propose(w string, cut uint8) {
	if c.seen[w] {
		return
	}
	c.seen[w] = true
	t, ok := c.df[w]
	switch {
	case t.n < 0:
		return
	case !ok && (c.opt.Known(w) || onEdge(w)):
		c.df[w] = tally{n: -1}
		return
	case !ok:
		t.cut = cut
	}
	t.n++
	c.df[w] = t
}

// prune forgets the strings seen in one article only: what bounds memory,
// at the cost of undercounting a string first seen before a prune (the
// second walk counts the kept ones again, exactly).
func (c *counter) prune() {
	for w, t := range c.df {
		if t.n == 1 {
			delete(c.df, w)
		}
	}
}

// frequent returns the strings proposed in at least min articles.
func (c *counter) frequent(min int) []string {
	var out []string
	for w, t := range c.df {
		if int(t.n) >= min {
			out = append(out, w)
		}
	}
	return out
}

// pieces returns the jieba words w was first proposed as.
func (c *counter) pieces(w string) []string {
	cut := c.df[w].cut
	r := []rune(w)
	var out []string
	from := 0
	for k := range r {
		if cut&(1<<k) != 0 || k == len(r)-1 {
			out = append(out, string(r[from:k+1]))
			from = k + 1
		}
	}
	return out
}

func onEdge(w string) bool {
	first, _ := utf8.DecodeRuneInString(w)
	last, _ := utf8.DecodeLastRuneInString(w)
	if strings.ContainsRune(edge, first) || strings.ContainsRune(edge, last) ||
		strings.ContainsRune(startEdge, first) || strings.ContainsRune(endEdge, last) {
		return true
	}
	for _, v := range reporting {
		if strings.HasSuffix(w, v) {
			return true
		}
	}
	for _, v := range openers {
		if strings.HasPrefix(w, v) {
			return true
		}
	}
	return false
}

func isHan(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return w != ""
}
