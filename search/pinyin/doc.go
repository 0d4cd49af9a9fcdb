// Package pinyin owns what xinwen knows of Mandarin readings: the toneless
// reading of a word (a phrase table for polyphones first, then each
// character's most common reading), and typed Latin input read as pinyin:
// full (xiangcunzhenxing), spaced (xiang cun zhen xing), initials
// (xczx) and mixed with Hanzi (xiang村). It knows nothing of the index:
// the search package matches its vocabulary through it.
package pinyin
