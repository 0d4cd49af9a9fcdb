// Package synonym owns the synonyms file: its parsing (the Solr format:
// "a, b, c" for equivalents, "a => b" one way, # comments) into an
// immutable rule Set, and a Source that holds the Set in force and swaps in
// a new one when its file changes, keeping the old one when the new file
// has a bad line. It knows nothing of Bleve: the search package turns the
// alternatives Lookup returns into queries.
//
// Terms are folded as the index folds text (fold.String: NFKC, lower case,
// invisible characters dropped), with runs of spaces made one, so a rule
// matches a typed word however its width or case was typed.
package synonym
