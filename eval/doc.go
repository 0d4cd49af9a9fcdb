// Package eval measures xinwen's relevance against two Bleve baselines on a
// real corpus read at run time, so that claims about recall and ranking are
// numbers anyone can reproduce.
//
// It owns four measurements:
//   - an exact-substring oracle: strings sampled (with a seed) from the
//     normalized articles, with the brute-force set of articles containing
//     each one as truth, scoring quoted phrases (recall and precision) and
//     unquoted words (recall);
//   - known-item search: queries made of title words, and of the words of
//     the sub-headlines inside the 联播快讯 bundles, scored by MRR@10 and
//     success@10;
//   - segmentation F1 of xinwen's tokenizers on SIGHAN 2005 PKU, and
//     SegmentF1, which scores any segmentation against a gold one;
//   - the table that docs/relevance.md shows, and its rewriting.
//
// The baselines (Bleve's built-in cjk analyzer; jieba words without the
// bigram fields) are measuring sticks kept small and private here, not
// product code. Nothing from the corpus is stored in the repository: the
// queries are sampled from it on every run.
package eval
