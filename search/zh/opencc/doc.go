// Package opencc converts Chinese text between scripts with the data and
// the algorithm of OpenCC (github.com/BYVoid/OpenCC): its dictionary files,
// read here from data/opencc, and its conversion, which segments the text
// by longest match on a phrase table, then runs each segment through a
// chain of dictionary groups, each taking at every position the longest
// key of the first dictionary of the group that has one.
//
// A conversion also reports, for each output byte, the span of input bytes
// it came from, so that a caller (package fold) keeps its offset map right
// when an entry changes the length of the text. Text that no entry would
// change is reported unchanged after a scan that looks up a table only at
// runes that start some key.
package opencc
