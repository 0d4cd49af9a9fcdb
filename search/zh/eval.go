package zh

import "unicode/utf8"

// EvalF1 scores a segmentation against gold the SIGHAN way: each word is a
// span of characters in its sentence, and a predicted word is correct when
// the gold has the same span. gold[i] and predicted[i] are the words of
// sentence i and should spell the same text; a sentence missing on one side
// counts all its words on the other as wrong. It returns precision, recall
// and F1, each 0 when undefined.
func EvalF1(gold, predicted [][]string) (p, r, f float64) {
	var correct, nGold, nPred int
	for i := range max(len(gold), len(predicted)) {
		var g, q []string
		if i < len(gold) {
			g = gold[i]
		}
		if i < len(predicted) {
			q = predicted[i]
		}
		nGold += len(g)
		nPred += len(q)
		correct += matchingSpans(g, q)
	}
	if nPred > 0 {
		p = float64(correct) / float64(nPred)
	}
	if nGold > 0 {
		r = float64(correct) / float64(nGold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

type span struct{ start, end int }

// matchingSpans counts the predicted words whose character span is a gold
// word's span.
func matchingSpans(gold, predicted []string) int {
	want := make(map[span]bool, len(gold))
	for _, s := range spans(gold) {
		want[s] = true
	}
	n := 0
	for _, s := range spans(predicted) {
		if want[s] {
			n++
		}
	}
	return n
}

func spans(words []string) []span {
	out := make([]span, len(words))
	at := 0
	for i, w := range words {
		n := utf8.RuneCountInString(w)
		out[i] = span{at, at + n}
		at += n
	}
	return out
}
