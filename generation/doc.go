// Package generation owns the index directory protocol: the layout of a
// directory of generations (CURRENT, HISTORY, meta.json, the shard
// directories), the lock a writing run holds, creating a generation,
// publishing it with an atomic switch of CURRENT, the serving history
// that rollback and pruning follow, clearing what an interrupted run left,
// and the fsyncs that make each step durable.
//
// A writer (the indexer) locks the directory, removes what earlier runs
// left unpublished, creates a generation, fills its shards, writes its
// Meta and publishes it. A reader (the searcher) follows CURRENT and reads
// Meta; it never writes. The package knows nothing of Bleve: a shard is a
// directory to it.
package generation
