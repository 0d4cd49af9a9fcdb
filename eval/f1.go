package eval

import "unicode/utf8"

// SegmentF1 scores a segmentation against gold the SIGHAN way: each word is
// a span of characters in its sentence, and a predicted word is correct
// when the gold has the same span. gold[i] and predicted[i] are the words
// of sentence i and should spell the same text; a sentence missing on one
// side counts all its words on the other as wrong. Each score is 0 when
// undefined.
func SegmentF1(gold, predicted [][]string) Score {
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
	var s Score
	if nPred > 0 {
		s.P = float64(correct) / float64(nPred)
	}
	if nGold > 0 {
		s.R = float64(correct) / float64(nGold)
	}
	if s.P+s.R > 0 {
		s.F = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// matchingSpans counts the predicted words whose character span is a gold
// word's span.
func matchingSpans(gold, predicted []string) int {
	want := make(map[runeSpan]bool, len(gold))
	for _, s := range wordSpans(gold) {
		want[s] = true
	}
	n := 0
	for _, s := range wordSpans(predicted) {
		if want[s] {
			n++
		}
	}
	return n
}

// wordSpans gives each word its character span in the words' concatenation.
func wordSpans(words []string) []runeSpan {
	out := make([]runeSpan, len(words))
	at := 0
	for i, w := range words {
		n := utf8.RuneCountInString(w)
		out[i] = runeSpan{at, at + n}
		at += n
	}
	return out
}
