// Package fold owns xinwen's text normalization: the chain of folding
// steps that the analyzers, the highlighter, phrase verification and the
// article parser all apply, the offset map from folded text back to the
// original, and the rune classes defined on folded text (word runes,
// invisible characters).
//
// The chain is the width step (NFKC, lower case, invisible characters
// dropped, NUL to space, in one pass), then script folding: Traditional
// Chinese into Simplified at phrase level with OpenCC's tables (package
// opencc), before segmentation, so that jieba sees one script. Use
// chooses whether Taiwan and Hong Kong vocabulary folds too (Script);
// Version names the chain an index was built with. Each byte
// of folded text maps to the span of original bytes that produced it, so
// a step whose output for a span has another length composes with the
// others, and token offsets and highlights stay on the original text.
//
// It imports no cgo (only the standard library, golang.org/x/text, opencc
// and the embedded tables), so the article parser can use it.
package fold
