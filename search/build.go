package search

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xinwen-search/xinwen/search/zh"
	"github.com/xinwen-search/xinwen/search/zh/fold"
)

// Boosts: whole-word matches outrank substring-only ones, titles outrank
// bodies, and a query's words standing together outrank scattered ones.
const (
	boostTitleWord   = 2.0
	boostBodyWord    = 1.0
	boostTitleNgram  = 0.6
	boostBodyNgram   = 0.3
	boostTitlePhrase = 2.0
	boostBodyPhrase  = 1.0
	boostProximity   = 1.5
	boostPair        = 0.75
	boostAllInTitle  = 1.0
)

// maxExactBonusWords bounds the typed words that earn a bonus for standing
// as typed: up to this many jieba words.
const maxExactBonusWords = 4

// textQuery builds the scoring part of a search: nil when p is empty.
func textQuery(p analyzed) query.Query {
	if p.empty() && len(p.Excludes) == 0 {
		return nil
	}
	b := bleve.NewBooleanQuery()
	if p.empty() {
		b.AddMust(bleve.NewMatchAllQuery()) // only exclusions: all but those
	}
	for i, w := range p.Words {
		b.AddMust(withSynonyms(wordQuery(w, p.terms[i], p.partial[i]), p.wordAlts(i)))
		// A typed word jieba cuts in a few (常务会议审议) counts more where
		// it stands as typed. Its seam bigrams (议审) would not tell: they
		// occur in 会议审议 too, so this asks for the exact string. Not for
		// a pasted sentence: its position checks tripled the long-sentence
		// queries' p99 in the bench, and an article holding all of its many
		// bigrams holds the sentence nearly always.
		if n := len(p.terms[i]); n > 1 && n <= maxExactBonusWords {
			b.AddShould(substringQuery(w, boostProximity*boostTitlePhrase, boostProximity*boostBodyPhrase))
		}
	}
	for _, ph := range p.Phrases {
		b.AddMust(substringQuery(ph, boostTitlePhrase, boostBodyPhrase))
	}
	if len(p.Words) > 1 {
		b.AddShould(allInTitle(p))
		seams := make([][]string, len(p.Words)-1)
		for i := range seams {
			seams[i] = seamGrams(p.Words[i], p.Words[i+1])
		}
		if all := slices.Concat(seams...); len(all) > 0 {
			b.AddShould(seamQuery(p.Words, all, boostProximity))
		}
		// With three or more words, each neighbouring pair standing
		// together counts too.
		for i := 0; len(p.Words) > 2 && i < len(seams); i++ {
			if len(seams[i]) > 0 {
				b.AddShould(seamQuery(p.Words[i:i+2], seams[i], boostPair))
			}
		}
	}
	for i, x := range p.Excludes {
		b.AddMustNot(substringQuery(x, 1, 1))
		for _, alt := range p.excludeAlts(i) {
			b.AddMustNot(substringQuery(alt, 1, 1))
		}
	}
	return b
}

// seamGrams are the bigrams that exist only where word a is followed
// directly by word b: 经济 发展 -> 济发. An article with both words and
// their seam bigrams almost always has them side by side, and a seam is one
// posting list without positions, where the phrase 经济发展 costs a
// position check in every article that has the words.
func seamGrams(a, b string) []string {
	joined, err := analyzeTerms(zh.BigramAnalyzerName, a+b)
	if err != nil {
		return nil
	}
	own := map[string]bool{}
	for _, w := range []string{a, b} {
		grams, err := analyzeTerms(zh.BigramAnalyzerName, w)
		if err != nil {
			return nil
		}
		for _, g := range grams {
			own[g] = true
		}
	}
	var out []string
	for _, g := range joined {
		if !own[g] {
			out = append(out, g)
		}
	}
	return out
}

// allInTitle rewards a title that holds every typed word, as jieba words or
// as the typed text: per word its title scores would otherwise be spread
// over articles with one word in a short title, and long titles with all
// of them (嫦娥 探月) ranked below bodies that repeat the words.
func allInTitle(p analyzed) query.Query {
	each := make([]query.Query, len(p.Words))
	for i, w := range p.Words {
		words := make([]query.Query, len(p.terms[i]))
		for k, t := range p.terms[i] {
			words[k] = termQuery(FieldTitle, t, boostAllInTitle)
		}
		var alts []query.Query
		if len(words) > 0 {
			alts = append(alts, conjunction(words))
		}
		// A one-character word would cost another expansion over the
		// dictionary (see MaxLoneChars): its jieba word has to do.
		if tw := trimLoneEdges(w); utf8.RuneCountInString(tw) > 1 {
			alts = append(alts, phraseQuery(FieldTitleNgram, tw, boostAllInTitle))
		}
		if len(alts) == 0 {
			return bleve.NewMatchNoneQuery()
		}
		each[i] = bleve.NewDisjunctionQuery(alts...)
	}
	return conjunction(each)
}

// seamQuery rewards articles whose body has all the seam bigrams grams,
// or whose title holds the typed words as a phrase. A seam bigram alone
// does not tell in a title: 打击 能源's seam 击能 is in 袭击能源设施 too, and
// titles are where the words of a short query decide the rank. The phrase
// reads title_ng's short position lists; the body, where they are long,
// keeps the seam bigrams.
func seamQuery(words, grams []string, boost float64) query.Query {
	return bleve.NewDisjunctionQuery(
		densePhraseQuery(FieldTitleNgram, strings.Join(words, ""), boost*boostTitlePhrase),
		allTerms(FieldBodyNgram, grams, boost*boostBodyPhrase),
	)
}

// wordQuery matches one typed word: either all of its jieba words (in title
// or body), or all of its bigrams (see looseSubstringQuery), in title or
// body. The bigram branch guarantees that any text an article contains is
// found; the word branch scores higher. When the jieba words leave part of
// the word out (partial: stop words), the word branch asks for the bigrams
// too, or 部就 would match every article with 部.
func wordQuery(w string, words []string, partial bool) query.Query {
	loose := looseSubstringQuery(trimLoneEdges(w))
	alts := []query.Query{loose}
	if len(words) > 0 {
		each := make([]query.Query, 0, len(words)+1)
		for _, t := range words {
			each = append(each, bleve.NewDisjunctionQuery(
				termQuery(FieldTitle, t, boostTitleWord),
				termQuery(FieldBody, t, boostBodyWord),
			))
		}
		if partial {
			each = append(each, loose)
		}
		alts = append(alts, conjunction(each))
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// trimLoneEdges drops a single word character that punctuation or space
// cuts off at either end of w ("…发展，好" -> "…发展"), when more remains.
// The index holds such a character as a term only where it stands alone;
// in "…发展，好的" it is inside the bigram 好的, so keeping it would miss the
// article. An unquoted word is a superset match anyway; a quoted phrase
// keeps the character and widens it to the bigrams that hold it there
// (exactPhraseQuery.widenEdges), which costs a dictionary expansion.
func trimLoneEdges(w string) string {
	rs := []rune(w)
	var runs [][2]int // word-character runs of rs
	for i := 0; i < len(rs); {
		if !fold.IsWordRune(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && fold.IsWordRune(rs[j]) {
			j++
		}
		runs = append(runs, [2]int{i, j})
		i = j
	}
	long := false
	for _, r := range runs {
		long = long || r[1]-r[0] > 1
	}
	if !long {
		return w
	}
	for runs[0][1]-runs[0][0] == 1 {
		runs = runs[1:]
	}
	for last := len(runs) - 1; runs[last][1]-runs[last][0] == 1; last-- {
		runs = runs[:last]
	}
	return string(rs[runs[0][0]:runs[len(runs)-1][1]])
}

// looseSubstringQuery is an unquoted word's substring branch. A word of
// Han characters only needs all its bigrams, without positions: loose
// bigrams of one Chinese word rarely meet by chance, and position lists
// are most of a query's cost. Digits and Latin letters make short, common
// bigrams ("20", and the lone "3" and "5" of 3.5) that meet anywhere and
// cost ranking, so such a word is matched as the exact positional phrase.
// (Eval, full corpus, 1,000 + 1,000 known-item queries: MRR@10 the same
// as all-positional, 0.663 titles and 0.395 sub-headlines; all-loose
// scored 0.665 and 0.381.)
func looseSubstringQuery(w string) query.Query {
	if hasNonHanWordRune(w) {
		return substringQuery(w, boostTitleNgram, boostBodyNgram)
	}
	grams, err := analyzeTerms(zh.BigramAnalyzerName, w)
	if err != nil || len(grams) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	if isOneChar(grams) {
		return bleve.NewDisjunctionQuery(
			charQuery(FieldTitleNgram, grams[0], boostTitleNgram),
			charQuery(FieldBodyNgram, grams[0], boostBodyNgram),
		)
	}
	return bleve.NewDisjunctionQuery(
		allTerms(FieldTitleNgram, grams, boostTitleNgram),
		allTerms(FieldBodyNgram, grams, boostBodyNgram),
	)
}

// hasNonHanWordRune tells whether w holds digits, Latin or other non-Han
// letters: such a word is matched as a positional substring.
func hasNonHanWordRune(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return fold.IsWordRune(r) && !unicode.Is(unicode.Han, r) }) >= 0
}

// isOneChar tells whether grams are one term of one word character.
func isOneChar(grams []string) bool {
	if len(grams) != 1 {
		return false
	}
	r, n := utf8.DecodeRuneInString(grams[0])
	return n == len(grams[0]) && fold.IsWordRune(r)
}

// charQuery finds a single character c (Han, a digit, a letter) wherever
// it occurs in an n-gram field; it serves a word, phrase or exclusion that
// is that one character. The field holds c as a term of its own only where
// it stands alone between punctuation; everywhere else c is the first or
// the second character of a bigram: so every term c starts, or
// two-character term it ends. A query of one character (疫, 猫) found 32
// and 6 of the 1,821 and 113 xwlb articles holding it before.
func charQuery(field, c string, boost float64) query.Query {
	if field == FieldBodyNgram {
		return &ngramCharQuery{c: c, boost: boost}
	}
	return bleveCharQuery(field, c, boost)
}

func allTerms(field string, terms []string, boost float64) query.Query {
	if field == FieldBodyNgram && len(terms) > 1 {
		return &ngramAllQuery{terms: terms, boost: boost}
	}
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = termQuery(field, t, boost)
	}
	return conjunction(qs)
}

// conjunction is qs ANDed; one query stands alone, which scores the same
// (a conjunction's score is its children's sum) without a searcher layer
// that every match passes through.
func conjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// analyzeTerms returns the distinct terms an analyzer makes of s.
func analyzeTerms(analyzer, s string) ([]string, error) {
	toks, err := zh.Analyze(analyzer, s)
	if err != nil {
		return nil, fmt.Errorf("search: analyze %q: %w", s, err)
	}
	return dedupTerms(toks), nil
}

// substringQuery matches text containing s contiguously (after
// normalization) in the title or the body: a positional phrase of its
// bigrams, or a plain term lookup when s is one bigram.
func substringQuery(s string, titleBoost, bodyBoost float64) query.Query {
	return bleve.NewDisjunctionQuery(
		phraseQuery(FieldTitleNgram, s, titleBoost),
		phraseQuery(FieldBodyNgram, s, bodyBoost),
	)
}

func phraseQuery(field, s string, boost float64) query.Query {
	return phraseOf(field, s, boost, sparsePhrase)
}

// densePhraseQuery is phraseQuery asking for every bigram: for words
// joined as typed, whose seam bigrams (际快 in 国际快讯) are what is rare.
// The sparse form may leave a seam out and check the positions of every
// title holding the common words around it (国际…快讯: thousands).
func densePhraseQuery(field, s string, boost float64) query.Query {
	return phraseOf(field, s, boost, densePhrase)
}

func phraseOf(field, s string, boost float64, slotsOf func([]zh.Token) [][]string) query.Query {
	toks, err := zh.Analyze(zh.BigramAnalyzerName, s)
	if err != nil || len(toks) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	if len(toks) == 1 {
		if isOneChar([]string{toks[0].Term}) {
			return charQuery(field, toks[0].Term, boost)
		}
		return termQuery(field, toks[0].Term, boost)
	}
	q := newExactPhrase(field, slotsOf(toks), boost)
	q.widenEdges()
	if runs := zh.WordRuns(zh.Normalize(s)); len(runs) > 1 {
		q.stored, q.runs = storedFieldOf[field], runs
	}
	return q
}

// storedFieldOf names the stored text behind each n-gram field.
var storedFieldOf = map[string]string{FieldTitleNgram: FieldTitle, FieldBodyNgram: FieldBody}

// sparsePhrase keeps every other bigram of a run and its last one, with
// empty slots between: overlapping bigrams at fixed distances pin every
// character as tightly as all of them do, and each bigram left out is a
// posting list the phrase need not read.
func sparsePhrase(toks []zh.Token) [][]string {
	first, last := toks[0].Position, toks[len(toks)-1].Position
	slots := make([][]string, last-first+1)
	for i, t := range toks {
		off := t.Position - first
		runEnd := i == len(toks)-1 || toks[i+1].Position != t.Position+1
		runStart := i == 0 || toks[i-1].Position != t.Position-1
		if runStart || runEnd || off%2 == 0 {
			slots[off] = []string{t.Term}
		}
	}
	return slots
}

// densePhrase puts every bigram in its slot.
func densePhrase(toks []zh.Token) [][]string {
	first, last := toks[0].Position, toks[len(toks)-1].Position
	slots := make([][]string, last-first+1)
	for _, t := range toks {
		slots[t.Position-first] = []string{t.Term}
	}
	return slots
}

// termQuery matches term in field; the body's bigrams are read from the
// ngpos files (see ngramTermQuery).
func termQuery(field, term string, boost float64) query.Query {
	if field == FieldBodyNgram {
		return newNgramTermQuery(term, boost)
	}
	return bleveTermQuery(field, term, boost)
}

func bleveTermQuery(field, term string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func dedupTerms(toks []zh.Token) []string {
	seen := make(map[string]bool, len(toks))
	var out []string
	for _, t := range toks {
		if !seen[t.Term] {
			seen[t.Term] = true
			out = append(out, t.Term)
		}
	}
	return out
}
