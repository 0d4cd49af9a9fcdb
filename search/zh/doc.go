// Package zh owns Chinese text analysis for xinwen: the normalization
// chain of package fold applied with offsets kept on the original text,
// jieba word segmentation (gojieba) in index and query modes, character
// bigrams for exact-substring recall, and xinwen's stop list. Everything is registered
// as Bleve analysis components under the exported names, so a saved mapping
// finds its analyzers on Open.
//
// One jieba instance costs ~150 MB and 0.5 s to load: main loads it once
// with Load, installs it with Use, and the registered tokenizers share it.
package zh
