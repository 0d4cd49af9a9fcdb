package zh

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/xinwen-search/xinwen/data"
)

// Sources of an explained token: what produced it.
const (
	SourceDict    = "dict"    // jieba's main dictionary
	SourceUser    = "user"    // a user dictionary: xinwen's embedded one or --user-dict
	SourceAPI     = "api"     // the index's live word list (POST /api/admin/dictionary)
	SourceHMM     = "hmm"     // in no dictionary: jieba's HMM joined unknown characters
	SourceSubword = "subword" // a dictionary word inside a longer word, at its position
	SourceFold    = "fold"    // the original characters differ (script, width, case)
	SourceStop    = "stop"    // a stop word, removed from the index and queries
	// SourceSynonym marks a synonym a query's word is also searched with;
	// search.Explain adds these, from the synonym rules zh does not hold.
	SourceSynonym = "synonym"
)

// Explained is a token with what produced it and whether it is kept.
type Explained struct {
	Token
	Source string `json:"source"`
	// Detail says which file a user word came from (SourceUser: the
	// embedded data/userdict.txt or Config.UserDict's path).
	Detail string `json:"detail,omitempty"`
	// Added is when a SourceAPI word was added, RFC 3339 ("" when the
	// live list does not say: it was written before times were kept).
	Added string `json:"added,omitempty"`
	// Expands is the typed word a SourceSynonym token widens.
	Expands string `json:"expands,omitempty"`
}

// Explain cuts text with the index or query tokenizer and says for every
// token what produced it, stop words included (marked SourceStop).
func Explain(text string, query bool) ([]Explained, error) {
	seg, err := Default()
	if err != nil {
		return nil, err
	}
	name := TokenizerName
	if query {
		name = QueryTokenizerName
	}
	tok, err := analyzeCache.TokenizerNamed(name)
	if err != nil {
		return nil, fmt.Errorf("zh: explain: %w", err)
	}
	stops, err := analyzeCache.TokenMapNamed(StopTokenMapName)
	if err != nil {
		return nil, fmt.Errorf("zh: explain: %w", err)
	}
	main, user := dictWords(seg.cfg)
	live := map[string]Entry{}
	for _, e := range seg.live {
		live[e.Word] = e
	}
	stream := tok.Tokenize([]byte(text))
	out := make([]Explained, len(stream))
	for i, t := range stream {
		term := string(t.Term)
		e := Explained{Token: Token{Term: term, Start: t.Start, End: t.End, Position: t.Position}}
		switch {
		case stops[term]:
			e.Source = SourceStop
		case i > 0 && stream[i-1].Position == t.Position:
			e.Source = SourceSubword
		case live[term].Word != "":
			e.Source = SourceAPI
			if t := live[term].Added; !t.IsZero() {
				e.Added = t.Format(time.RFC3339)
			}
		case user[term] != "":
			e.Source, e.Detail = SourceUser, user[term]
		case Normalize(text[t.Start:t.End]) == term && text[t.Start:t.End] != term:
			e.Source = SourceFold
		case main[term]:
			e.Source = SourceDict
		default:
			e.Source = SourceHMM
		}
		out[i] = e
	}
	return out, nil
}

var (
	dictOnce  sync.Once
	mainWords map[string]bool
	userWs    map[string]string // word -> the user dictionary holding it
)

// dictWords reads the main and user dictionaries' words once, for Explain.
func dictWords(cfg Config) (main map[string]bool, user map[string]string) {
	dictOnce.Do(func() {
		mainWords = map[string]bool{}
		if b, err := os.ReadFile(filepath.Join(cfg.DictDir, dictFile)); err == nil {
			addWords(b, func(w string) { mainWords[w] = true })
		}
		userWs = map[string]string{}
		addWords(data.UserDict, func(w string) { userWs[w] = "data/userdict.txt" })
		if b, err := os.ReadFile(cfg.UserDict); cfg.UserDict != "" && err == nil {
			addWords(b, func(w string) { userWs[w] = cfg.UserDict })
		}
	})
	return mainWords, userWs
}

func addWords(b []byte, add func(string)) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) > 0 && !strings.HasPrefix(f[0], "#") {
			add(Normalize(f[0]))
		}
	}
}
