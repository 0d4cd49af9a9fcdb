// Package highlight owns snippets and marks: it finds normalized needles
// in the folded form of a stored title or body and marks the original
// text they came from, as escaped HTML with <mark> elements.
package highlight
