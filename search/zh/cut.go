package zh

// Cut cuts normalized text into jieba's precise-mode words (HMM on), as
// the query tokenizer does, punctuation and spaces included, so adjacent
// words stay adjacent. It panics before Use, as the tokenizers do.
func Cut(normalized string) []string {
	seg := acquire()
	defer seg.mu.RUnlock()
	return seg.jieba.Cut(normalized, true)
}

// Known reports whether a normalized word is in jieba's main dictionary,
// a user dictionary (xinwen's or Config.UserDict) or the live word list.
func (s *Segmenter) Known(word string) bool {
	main, user := dictWords(s.cfg)
	if main[word] || user[word] != "" {
		return true
	}
	for _, e := range s.live {
		if e.Word == word {
			return true
		}
	}
	return false
}
