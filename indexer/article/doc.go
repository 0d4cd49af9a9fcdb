// Package article turns outside news input (Hexo posts, JSON Lines records,
// Sogou <doc> dumps, legacy-encoded text) into xinwen.Article values. It knows
// nothing of Bleve or HTTP.
//
// Every parser is tolerant: real feeds carry broken YAML, broken HTML, stray
// bytes in GBK text and unparseable dates. A problem that loses only part of
// an item is reported as a Warning next to the article; only an item with
// neither title nor body, or input that cannot be decoded at all, is an
// error. Stream readers (ReadJSONL, ReadSogou) report a bad record and go on
// with the next one.
//
// Bodies are plain text with paragraphs separated by "\n". Width folding and
// other analysis happen later, in the search layer; this package does not
// apply Unicode normalisation.
package article
