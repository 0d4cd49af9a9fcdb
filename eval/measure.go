package eval

import (
	"context"
	"slices"
)

// EngineResult is everything measured for one engine.
type EngineResult struct {
	Name      string
	SizeBytes int64
	Phrase    Counts // quoted phrases against the oracle
	Words     Counts // the same strings unquoted (recall is what counts)
	// TradPhrase and TradWords ask the Traditional forms of the same
	// strings, quoted and unquoted, against the Simplified truth.
	TradPhrase, TradWords Counts
	// PhraseKind and WordsKind split Phrase and Words by oracle kind.
	PhraseKind, WordsKind [numKinds]Counts
	Titles, Subheads      Ranking
	// PastedTitles and PastedSubheads rank whole titles and sub-headlines
	// pasted as typed.
	PastedTitles, PastedSubheads Ranking
	// Misses are the oracle queries this engine got wrong: a phrase with
	// a missing or extra article, or a word with a missing one.
	Misses []Miss
}

// Miss is one wrong answer to an oracle string.
type Miss struct {
	Probe   Probe
	Phrase  bool
	Missing []string // in the truth, not returned
	Extra   []string // returned, not in the truth
	Total   uint64   // what the engine reported
	Got     int      // what it returned
}

// answer is one engine's hits for one probe, quoted and unquoted.
type answer struct {
	phrase, words           []string
	phraseTotal, wordsTotal uint64
	trad                    [2][]string // phrase, words of the Traditional form
	tradTotal               [2]uint64
}

// measure runs every oracle and known-item query on e.
func measure(ctx context.Context, e Engine, rep *Report, truth []map[string]bool, workers int, clock *phases) (EngineResult, error) {
	res := EngineResult{Name: e.Name(), SizeBytes: e.SizeBytes()}
	answers := make([]answer, len(rep.Probes))
	err := parallel(ctx, len(rep.Probes), workers, func(i int) error {
		a := &answers[i]
		var err error
		if a.phrase, a.phraseTotal, err = e.All(ctx, Query{Text: rep.Probes[i].Text, Phrase: true}); err != nil {
			return err
		}
		if a.words, a.wordsTotal, err = e.All(ctx, Query{Text: rep.Probes[i].Text}); err != nil {
			return err
		}
		return askTraditional(ctx, e, rep, i, a)
	})
	if err != nil {
		return res, err
	}
	for i, p := range rep.Probes {
		a := answers[i]
		res.Phrase.Add(truth[i], a.phrase, a.phraseTotal)
		res.PhraseKind[p.Kind].Add(truth[i], a.phrase, a.phraseTotal)
		res.Words.Add(truth[i], a.words, a.wordsTotal)
		res.WordsKind[p.Kind].Add(truth[i], a.words, a.wordsTotal)
		res.TradPhrase.Add(truth[i], a.trad[0], a.tradTotal[0])
		res.TradWords.Add(truth[i], a.trad[1], a.tradTotal[1])
		res.Misses = appendMiss(res.Misses, p, true, truth[i], a.phrase, a.phraseTotal)
		res.Misses = appendMiss(res.Misses, p, false, truth[i], a.words, a.wordsTotal)
	}
	clock.done("%s: %d oracle strings, quoted and unquoted", e.Name(), len(rep.Probes))
	for _, k := range []struct {
		out   *Ranking
		items []KnownItem
	}{
		{&res.Titles, rep.Titles}, {&res.Subheads, rep.Subheads},
		{&res.PastedTitles, rep.PastedTitles}, {&res.PastedSubheads, rep.PastedSubheads},
	} {
		if *k.out, err = rank(ctx, e, k.items, workers); err != nil {
			return res, err
		}
	}
	clock.done("%s: %d known-item queries", e.Name(), rep.knownItems())
	return res, nil
}

// appendMiss records a wrong answer: for a phrase any difference from the
// truth, for unquoted words a missing article (they may match more), and
// for both a total that disagrees with the hits.
func appendMiss(ms []Miss, p Probe, phrase bool, truth map[string]bool, got []string, total uint64) []Miss {
	m := Miss{Probe: p, Phrase: phrase, Total: total, Got: len(got)}
	returned := make(map[string]bool, len(got))
	for _, id := range got {
		returned[id] = true
		if phrase && !truth[id] {
			m.Extra = append(m.Extra, id)
		}
	}
	for id := range truth {
		if !returned[id] {
			m.Missing = append(m.Missing, id)
		}
	}
	if len(m.Missing) == 0 && len(m.Extra) == 0 && total == uint64(len(got)) && len(returned) == len(got) {
		return ms
	}
	slices.Sort(m.Missing)
	slices.Sort(m.Extra)
	return append(ms, m)
}

// rank runs known-item queries and scores the first rankCutoff hits.
func rank(ctx context.Context, e Engine, items []KnownItem, workers int) (Ranking, error) {
	ranked := make([][]string, len(items))
	err := parallel(ctx, len(items), workers, func(i int) error {
		var err error
		ranked[i], err = e.Top(ctx, Query{Text: items[i].Query}, rankCutoff)
		return err
	})
	r := Ranking{K: rankCutoff}
	if err != nil {
		return r, err
	}
	for i, it := range items {
		r.Add(ranked[i], it.Target)
	}
	return r, nil
}

// askTraditional asks probe i's Traditional form, quoted and unquoted.
func askTraditional(ctx context.Context, e Engine, rep *Report, i int, a *answer) error {
	if len(rep.Traditional) <= i {
		return nil
	}
	for k, phrase := range []bool{true, false} {
		var err error
		if a.trad[k], a.tradTotal[k], err = e.All(ctx, Query{Text: rep.Traditional[i], Phrase: phrase}); err != nil {
			return err
		}
	}
	return nil
}
