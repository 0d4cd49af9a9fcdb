// Package data holds what xinwen ships besides code: the news user
// dictionary, the stop list, the synonyms and the sample articles for the
// demo, embedded so that the binary carries them.
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

// Synonyms is xinwen's built-in synonyms file (the Solr format that
// search/synonym reads): news aliases that find each other, used unless
// --synonyms names another file.
//
//go:embed synonyms.txt
var Synonyms []byte
