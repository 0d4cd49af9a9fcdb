// Package data holds what xinwen ships besides code: the news user
// dictionary, the stop list, the synonyms, the phrase readings of pinyin,
// OpenCC's tables and the sample articles for the demo, embedded so that
// the binary carries them.
package data

import "embed"

// Samples holds the demo articles under SamplesDir, in Hexo format.
//
//go:embed samples
var Samples embed.FS

// SamplesDir is the directory of Samples that holds the articles.
const SamplesDir = "samples"

// UserDict is xinwen's jieba user dictionary of news terms ("word" or
// "word freq tag" per line), loaded on top of jieba's own dictionary.
//
//go:embed userdict.txt
var UserDict []byte

// StopWords is xinwen's stop list: one function word per line, # comments.
//
//go:embed stopwords.txt
var StopWords []byte

// PinyinPhrases holds the readings of words whose characters read
// otherwise alone ("银行: yín háng"), one "word: syllables" a line; see
// pinyin/README.md for where it comes from.
//
//go:embed pinyin/phrases.txt
var PinyinPhrases []byte

// OpenCC holds OpenCC's dictionary files under OpenCCDir (see its
// README.md): the Traditional → Simplified tables that the fold chain
// applies, and the Simplified → Traditional ones eval converts with.
//
//go:embed opencc/*.txt
var OpenCC embed.FS

// OpenCCDir is the directory of OpenCC that holds the tables.
const OpenCCDir = "opencc"

// Synonyms is xinwen's built-in synonyms file (the Solr format that
// search/synonym reads): news aliases that find each other, used unless
// --synonyms names another file.
//
//go:embed synonyms.txt
var Synonyms []byte
