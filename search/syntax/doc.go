// Package syntax owns xinwen's query language: what a reader types in the
// search box, taken apart into words, quoted phrases and exclusions.
//
// Words are separated by spaces (ASCII, ideographic U+3000 and every other
// Unicode space) and must all match. A phrase is quoted with ASCII,
// full-width or Chinese quotes ("…", ＂…＂, “…”, 「…」, 『…』) and must occur
// exactly; a quote left open runs to the end of the query. A '-' directly
// before a word or phrase excludes it; followed by a space, or ending the
// query, it is an ordinary character. A term without a word character (as
// package fold classes runes) is dropped, and terms past xinwen.MaxTerms are
// left out and flagged: parsing never fails on what a reader might type.
//
// Lex turns a query into tokens, Parse tokens into a Query. The package is
// pure Go (no Bleve, no jieba), so it can be fuzzed and reused; package
// search analyzes the Query's words and builds the Bleve query from it.
package syntax
