// Package bench measures xinwen the way issue 6 asks: the segmentation
// ceiling, indexing throughput, size and peak memory against Bleve's default
// mapping, in-process query latency per query class, HTTP load on a real
// `xinwen serve`, and cold start, on the real corpus and on corpora
// synthesized from it at several times its size (Config.Scales); and, on its own, issue 18's attack scenario (MeasureAttack):
// a reader's ordinary queries while other clients send expensive ones.
//
// Everything that allocates a lot (indexing, serving) runs in a child
// process, so that peak RSS belongs to the work measured and not to the
// benchmark. Queries are sampled from the corpus at run time with a seed:
// no corpus text is ever written into the repository. Speed goals live in
// the report (pass/miss against the targets), never in tests.
package bench
