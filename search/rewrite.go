package search

import (
	"context"
	"strings"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/pinyin"
)

// A query of letters is read as pinyin only when it finds at most
// rewriteMaxHits articles as typed (a real Latin word is found), and
// only for a word at least rewriteMinTitles titles hold (a word that
// rare is no likelier than a typing error), spelt in at least
// rewriteMinSyllables syllables (one syllable, ai or gong, is as likely
// English as any of dozens of words).
const (
	rewriteMaxHits      = 3
	rewriteMinTitles    = 2
	rewriteMinSyllables = 2
)

// Search runs one request. A query of Latin letters that finds few
// articles and reads as the pinyin of a frequent title word is answered
// for that word, and Result.Rewritten says so, unless req.NoRewrite.
func (ix *Index) Search(ctx context.Context, req xinwen.SearchRequest) (*xinwen.Result, error) {
	return ix.searchRewriting(ctx, req, ix.suggest)
}

// searchRewriting is Search with the words of sgs as the vocabulary.
// Only a query of letters with few hits costs more than one search.
func (ix *Index) searchRewriting(ctx context.Context, req xinwen.SearchRequest, sgs ...*suggester) (*xinwen.Result, error) {
	res, err := ix.searchOnce(ctx, req)
	if err != nil || req.NoRewrite || res.Total > rewriteMaxHits || !letters(req.Query) {
		return res, err
	}
	from := strings.Join(strings.Fields(req.Query), " ")
	to, ok := pinyinWord(from, sgs)
	if !ok {
		return res, nil
	}
	req.Query = to
	alt, err := ix.searchOnce(ctx, req)
	if err != nil || alt.Total <= res.Total {
		return res, err
	}
	alt.TookMS += res.TookMS
	alt.Rewritten = &xinwen.Rewrite{From: from, To: to}
	return alt, nil
}

// letters tells whether q is Latin letters and spaces only, with capitals
// only at the start of a word: AI, iPhone or NBA are not pinyin.
func letters(q string) bool {
	prev := ' '
	for _, r := range q {
		switch {
		case r >= 'a' && r <= 'z', r == ' ':
		case r >= 'A' && r <= 'Z':
			if prev != ' ' {
				return false
			}
		default:
			return false
		}
		prev = r
	}
	return strings.TrimSpace(q) != ""
}

// pinyinWord returns the most frequent word that q spells whole in
// pinyin, if q splits into syllables and the word is frequent enough.
func pinyinWord(q string, sgs []*suggester) (string, bool) {
	in, ok := pinyin.Parse(q)
	if !ok {
		return "", false
	}
	if syl, ok := in.Syllables(false); !ok || len(syl) < rewriteMinSyllables {
		return "", false
	}
	words := map[string]ranked{}
	for _, sg := range sgs {
		if sg != nil {
			sg.pinyinCandidates(strings.ToLower(q), words)
		}
	}
	best, count := "", 0
	for w, r := range words {
		if r.rank == rankWhole && (r.count > count || r.count == count && w < best) {
			best, count = w, r.count
		}
	}
	return best, count >= rewriteMinTitles
}
