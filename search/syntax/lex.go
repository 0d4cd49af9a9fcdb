package syntax

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is.
type Kind int

const (
	Word    Kind = iota // a run of non-space characters
	Phrase              // a quoted phrase, with its quotes
	Exclude             // '-' directly before a word or phrase
)

func (k Kind) String() string {
	switch k {
	case Word:
		return "Word"
	case Phrase:
		return "Phrase"
	case Exclude:
		return "Exclude"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Token is one lexical item of a query. Tokens tile the query's non-space
// text in order: Val is the source text at byte offset Pos.
type Token struct {
	Kind Kind
	Pos  int    // byte offset of Val in the query
	Val  string // the source text: a word, a phrase with its quotes, "-"
	// Open and Close are a phrase's quotes; Close is 0 when the phrase runs
	// unclosed to the end of the query.
	Open, Close rune
}

func (t Token) String() string {
	return fmt.Sprintf("%v@%d%q", t.Kind, t.Pos, t.Val)
}

// Text is what a token stands for: a phrase's text between its quotes,
// any other token's Val.
func (t Token) Text() string {
	if t.Kind != Phrase {
		return t.Val
	}
	s := t.Val[utf8.RuneLen(t.Open):]
	if t.Close != 0 {
		s = s[:len(s)-utf8.RuneLen(t.Close)]
	}
	return s
}

// quotePairs maps each opening quote the search box may receive to its
// closing quote: ASCII, full-width and Chinese quotes.
var quotePairs = map[rune]rune{'"': '"', '＂': '＂', '“': '”', '「': '」', '『': '』'}

// CloseQuote returns the closing quote of an opening quote open.
func CloseQuote(open rune) (close rune, ok bool) {
	close, ok = quotePairs[open]
	return close, ok
}

// IsSpace reports the characters that separate words.
func IsSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }

// Lex splits q into tokens. Each invalid UTF-8 byte of q reads as
// U+FFFD, as ranging over a string does; positions are then offsets into
// q with that replacement made.
func Lex(q string) []Token {
	if !utf8.ValidString(q) {
		q = string([]rune(q))
	}
	l := lexer{input: q}
	for l.skipSpace() {
		l.exclude()
		l.term()
	}
	return l.toks
}

// lexer is the state of one Lex.
type lexer struct {
	input string
	pos   int // byte offset of the next rune
	toks  []Token
}

// at decodes the rune at byte offset i, or returns -1 past the end.
func (l *lexer) at(i int) (rune, int) {
	if i >= len(l.input) {
		return -1, 0
	}
	return utf8.DecodeRuneInString(l.input[i:])
}

// skipSpace moves past spaces and tells whether anything is left.
func (l *lexer) skipSpace() bool {
	for r, w := l.at(l.pos); w > 0 && IsSpace(r); r, w = l.at(l.pos) {
		l.pos += w
	}
	return l.pos < len(l.input)
}

// exclude lexes a '-' that a non-space follows.
func (l *lexer) exclude() {
	r, w := l.at(l.pos)
	if next, nw := l.at(l.pos + w); r != '-' || nw == 0 || IsSpace(next) {
		return
	}
	l.emit(Token{Kind: Exclude}, l.pos+w)
}

// term lexes a phrase, when a quote opens it, or a word.
func (l *lexer) term() {
	open, w := l.at(l.pos)
	close, ok := quotePairs[open]
	if !ok {
		end := strings.IndexFunc(l.input[l.pos:], IsSpace)
		if end < 0 {
			end = len(l.input) - l.pos
		}
		l.emit(Token{Kind: Word}, l.pos+end)
		return
	}
	inner := l.pos + w
	end := strings.IndexRune(l.input[inner:], close)
	if end < 0 {
		l.emit(Token{Kind: Phrase, Open: open}, len(l.input))
		return
	}
	l.emit(Token{Kind: Phrase, Open: open, Close: close}, inner+end+utf8.RuneLen(close))
}

// emit appends t with the source text up to end and moves past it.
func (l *lexer) emit(t Token, end int) {
	t.Pos, t.Val = l.pos, l.input[l.pos:end]
	l.toks = append(l.toks, t)
	l.pos = end
}
