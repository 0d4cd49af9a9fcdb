// Package fold owns xinwen's text normalization: the chain of folding
// steps that the analyzers, the highlighter, phrase verification and the
// article parser all apply, the offset map from folded text back to the
// original, and the rune classes defined on folded text (word runes,
// invisible characters).
//
// The chain is the width step (NFKC, lower case, invisible characters
// dropped, NUL to space, in one pass), then any further Steps. Each byte
// of folded text maps to the span of original bytes that produced it, so
// a step whose output for a span has another length composes with the
// others, and token offsets and highlights stay on the original text.
//
// It imports only the standard library and golang.org/x/text, so code
// without cgo (the article parser) can use it.
package fold
