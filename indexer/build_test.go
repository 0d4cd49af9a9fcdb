package indexer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"

	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/internal/zhtest"
	"github.com/xinwen-search/xinwen/search"
)

func TestMain(m *testing.M) { zhtest.Main(m) }

const hexoPost = `
---
title: '%s'
categories:
  - 体育
  - 足球
date: 2024-05-0%d 10:00:00
---
<div><p>%s</p><p><br></p></div>
`

// writeSources makes a Hexo tree and a JSON Lines file with one bad line.
func writeSources(t *testing.T) (hexoDir, jsonl string) {
	t.Helper()
	dir := t.TempDir()
	hexoDir = filepath.Join(dir, "posts", "体育")
	if err := os.MkdirAll(hexoDir, 0o755); err != nil {
		t.Fatal(err)
	}
	posts := []struct{ title, body string }{
		{"中超联赛第十轮战报", "上海队主场二比一取胜，球迷热情高涨。"},
		{"女足集训名单公布", "新帅召集二十六名球员，备战亚洲杯预选赛。"},
		{"青少年足球夏令营开营", "来自全国的小球员参加训练。<和平宣言>被朗诵。"},
	}
	for i, p := range posts {
		body := fmt.Sprintf(hexoPost, p.title, i+1, p.body)
		if err := os.WriteFile(filepath.Join(hexoDir, fmt.Sprintf("post%d.md", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(hexoDir, "notes.txt"), []byte("not an input"), 0o644)
	jsonl = filepath.Join(dir, "feed.jsonl")
	lines := []string{
		`{"id":"j1","title":"央行下调存款准备金率","body":"<p>释放长期资金约一万亿元。</p>","date":"2024-05-06T19:00:00+08:00","categories":["财经","货币"]}`,
		`{"id":"j2","title":"broken`,
		`{"id":"j3","title":"","body":""}`,
		`{"id":"j4","title":"新能源汽车出口增长","body":"前四个月出口同比增长三成。","date":"2024-05-07","categories":"财经/产业"}`,
		`{"id":"j1","title":"重复的编号","body":"同一编号第二次出现。"}`,
	}
	if err := os.WriteFile(jsonl, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(hexoDir), jsonl
}

func buildCfg(dir string, sources ...string) Config {
	return Config{Dir: dir, Sources: sources, Shards: 2, DictVersion: zhtest.Version()}
}

func openCurrent(t *testing.T, dir string) *search.Index {
	t.Helper()
	gen, err := generation.Current(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(gen, search.Options{DictVersion: zhtest.Version()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func hitIDs(t *testing.T, ix *search.Index, req xinwen.SearchRequest) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// TestBuildPublishSearch is the end-to-end path: parse, build, publish,
// open, search, then rebuild and swap.
func TestBuildPublishSearch(t *testing.T) {
	hexoDir, jsonl := writeSources(t)
	dir := t.TempDir()
	sum, err := Build(context.Background(), buildCfg(dir, hexoDir, jsonl))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != 5 || sum.Docs != 5 {
		t.Errorf("indexed %d (docs %d), want 5", sum.Indexed, sum.Docs)
	}
	wantSkips := map[string]int{reasonJSON: 1, reasonEmpty: 1, reasonDuplicate: 1}
	for r, n := range wantSkips {
		if sum.Skipped[r] != n {
			t.Errorf("skipped[%s] = %d, want %d (all: %v)", r, sum.Skipped[r], n, sum.Skipped)
		}
	}
	if sum.IgnoredFiles != 1 || !strings.Contains(sum.String(), "feed.jsonl:2") {
		t.Errorf("summary should name the bad line and the ignored file:\n%s", sum)
	}
	ix := openCurrent(t, dir)
	tests := []struct {
		name string
		req  xinwen.SearchRequest
		want string
	}{
		{"title words", xinwen.SearchRequest{Query: "准备金率"}, "j1"},
		{"quoted phrase", xinwen.SearchRequest{Query: `"出口同比增长"`}, "j4"},
		{"pseudo-tag book title kept as text", xinwen.SearchRequest{Query: `"和平宣言"`}, ""},
		{"category prefix", xinwen.SearchRequest{Categories: []string{"财经/产业"}}, "j4"},
		{"date range", xinwen.SearchRequest{Query: "足球", From: day(t, "2024-05-03"), To: day(t, "2024-05-04")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hitIDs(t, ix, tt.req)
			if len(got) != 1 || (tt.want != "" && got[0] != tt.want) {
				t.Errorf("got %v, want one hit %s", got, tt.want)
			}
		})
	}
	// A rebuild publishes a new generation and keeps the old one for rollback.
	first := sum.Generation
	sum2, err := Build(context.Background(), buildCfg(dir, jsonl))
	if err != nil {
		t.Fatal(err)
	}
	if ix2 := openCurrent(t, dir); ix2.Stats().Docs != 2 || sum2.Generation == first {
		t.Errorf("after rebuild: %d docs in %s", ix2.Stats().Docs, sum2.Generation)
	}
	if gen, err := generation.Rollback(dir); err != nil || gen != first {
		t.Errorf("Rollback = %s, %v; want %s", gen, err, first)
	}
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.ParseInLocation("2006-01-02", s, xinwen.DefaultZone())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFailedBuildLeavesCurrent: a source that cannot be read, or a
// cancelled run, publishes nothing and leaves no partial generation.
func TestFailedBuildLeavesCurrent(t *testing.T) {
	_, jsonl := writeSources(t)
	dir := t.TempDir()
	if _, err := Build(context.Background(), buildCfg(dir, jsonl)); err != nil {
		t.Fatal(err)
	}
	before, _ := generation.Current(dir)

	if _, err := Build(context.Background(), buildCfg(dir, jsonl, filepath.Join(dir, "missing.jsonl"))); err == nil {
		t.Fatal("a missing source must fail the run")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, buildCfg(dir, jsonl)); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	after, _ := generation.Current(dir)
	if after != before {
		t.Errorf("CURRENT moved from %s to %s", before, after)
	}
	if gens, _ := filepath.Glob(filepath.Join(dir, generation.Prefix+"*", generation.MetaFile)); len(gens) != 1 {
		t.Errorf("generations left: %v", gens)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && filepath.Join(dir, e.Name()) != before {
			t.Errorf("partial generation left behind: %s", e.Name())
		}
	}
	if got := hitIDs(t, openCurrent(t, dir), xinwen.SearchRequest{Query: "准备金率"}); len(got) != 1 {
		t.Errorf("current index no longer serves: %v", got)
	}
}

// TestLeftoverPartialRemoved: a run killed midway leaves a generation
// without meta.json; the next run removes it.
func TestLeftoverPartialRemoved(t *testing.T) {
	_, jsonl := writeSources(t)
	dir := t.TempDir()
	partial := filepath.Join(dir, generation.Prefix+"00000000T000000.000000-1")
	if err := os.MkdirAll(filepath.Join(partial, "shard-00"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), buildCfg(dir, jsonl)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(partial); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("partial generation still there: %v", err)
	}
}

func TestIncremental(t *testing.T) {
	hexoDir, jsonl := writeSources(t)
	dir := t.TempDir()
	if _, err := Build(context.Background(), buildCfg(dir, hexoDir)); err != nil {
		t.Fatal(err)
	}
	base, _ := generation.Current(dir)
	victim := hitIDs(t, openCurrent(t, dir), xinwen.SearchRequest{Query: "女足"})[0]

	cfg := buildCfg(dir, jsonl)
	cfg.Incremental, cfg.Delete = true, []string{victim}
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Docs != 3+2-1 {
		t.Errorf("docs after update = %d, want 4", sum.Docs)
	}
	ix := openCurrent(t, dir)
	if got := hitIDs(t, ix, xinwen.SearchRequest{Query: "女足"}); len(got) != 0 {
		t.Errorf("deleted article still found: %v", got)
	}
	if got := hitIDs(t, ix, xinwen.SearchRequest{Query: "准备金率"}); len(got) != 1 {
		t.Errorf("added article not found: %v", got)
	}
	// The base generation was copied, never written: it still has 3 docs.
	old, err := search.Open(base, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if n := old.Stats().Docs; n != 3 {
		t.Errorf("base generation changed: %d docs", n)
	}
}

func TestConcurrentRunsRefused(t *testing.T) {
	dir := t.TempDir()
	unlock, err := generation.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := Build(context.Background(), buildCfg(dir, "-")); !errors.Is(err, generation.ErrBusy) {
		t.Errorf("second run = %v, want ErrBusy", err)
	}
}

func TestUnknownFormat(t *testing.T) {
	f := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(f, []byte("x"), 0o644)
	if _, err := Build(context.Background(), buildCfg(t.TempDir(), f)); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("got %v, want ErrUnknownFormat", err)
	}
}

// A missing source fails the run before any other source is read: the
// run is not worth its time, and nothing is published.
func TestMissingSourceFailsFirst(t *testing.T) {
	dir, src := t.TempDir(), t.TempDir()
	good := filepath.Join(src, "a.jsonl")
	os.WriteFile(good, []byte(`{"id":"a","title":"标题","body":"正文"}`+"\n"), 0o644)
	var read bool
	cfg := buildCfg(dir, good, Stdin, filepath.Join(src, "missing.jsonl"))
	cfg.Stdin = readFunc(func([]byte) (int, error) { read = true; return 0, io.EOF })
	if _, err := Build(context.Background(), cfg); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("got %v, want a missing-file error", err)
	}
	if read {
		t.Error("a source was read before the missing one was noticed")
	}
	if _, err := os.Stat(filepath.Join(dir, "CURRENT")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("CURRENT after a failed run: %v", err)
	}
}

type readFunc func([]byte) (int, error)

func (f readFunc) Read(p []byte) (int, error) { return f(p) }

func TestStdin(t *testing.T) {
	dir := t.TempDir()
	cfg := buildCfg(dir, Stdin)
	cfg.Stdin = strings.NewReader(`{"id":"s1","title":"标准输入的新闻","body":"正文"}` + "\n")
	sum, err := Build(context.Background(), cfg)
	if err != nil || sum.Docs != 1 {
		t.Fatalf("stdin: %v, %+v", err, sum)
	}
}

// generations lists the generation directories in dir, complete or not.
func generations(t *testing.T, dir string) []string {
	t.Helper()
	gens, err := filepath.Glob(filepath.Join(dir, generation.Prefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range gens {
		gens[i] = filepath.Base(g)
	}
	return gens
}

func publishOne(t *testing.T, cfg Config) string {
	t.Helper()
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return sum.Generation
}

// TestCanceledBuildKeepsDamagedCurrent: a run that fails must not
// delete the generation CURRENT names, even one that lost its meta.json
// (generation's TestDamagedCurrentGeneration follows the rest of it).
func TestCanceledBuildKeepsDamagedCurrent(t *testing.T) {
	_, jsonl := writeSources(t)
	dir := t.TempDir()
	cfg := buildCfg(dir, jsonl)
	d := publishOne(t, cfg)
	if err := os.Remove(filepath.Join(dir, d, generation.MetaFile)); err != nil {
		t.Fatal(err)
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(canceled, cfg); err == nil {
		t.Fatal("a canceled build succeeded")
	}
	if !slices.Contains(generations(t, dir), d) {
		t.Errorf("a failed run removed %s, which CURRENT names", d)
	}
}

// TestNegativeConfigRefused: zero means the default; a negative value is a
// mistake, not a request for the default.
func TestNegativeConfigRefused(t *testing.T) {
	for _, set := range []func(*Config){
		func(c *Config) { c.Shards = -1 },
		func(c *Config) { c.BatchSize = -1 },
		func(c *Config) { c.Keep = -1 },
	} {
		cfg := buildCfg(t.TempDir(), "-")
		set(&cfg)
		if _, err := Build(context.Background(), cfg); err == nil {
			t.Errorf("Build(%+v) succeeded", cfg)
		}
	}
}

// TestDeleteCountsOnlyExistingIDs: --delete counts the ids that were in
// the index and names the others; a run that only deletes ids that are
// not there publishes nothing.
func TestDeleteCountsOnlyExistingIDs(t *testing.T) {
	hexoDir, jsonl := writeSources(t)
	dir := t.TempDir()
	publishOne(t, buildCfg(dir, hexoDir))
	victim := hitIDs(t, openCurrent(t, dir), xinwen.SearchRequest{Query: "女足"})[0]

	cfg := buildCfg(dir, jsonl)
	cfg.Incremental, cfg.Delete = true, []string{victim, "no-such-id", victim}
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Deleted != 1 || !slices.Equal(sum.NotFound, []string{"no-such-id"}) || sum.Docs != 4 {
		t.Errorf("deleted %d, not found %v, docs %d; want 1, [no-such-id], 4", sum.Deleted, sum.NotFound, sum.Docs)
	}
	if s := sum.String(); !strings.Contains(s, "deleted 1 ids") || !strings.Contains(s, "not found: no-such-id") {
		t.Errorf("summary:\n%s", s)
	}

	before, _ := generation.Current(dir)
	gens := generations(t, dir)
	cfg = buildCfg(dir)
	cfg.Incremental, cfg.Delete = true, []string{"no-such-id", "nor-this"}
	sum, err = Build(context.Background(), cfg)
	if !errors.Is(err, ErrNothingToDelete) || !strings.Contains(err.Error(), "nor-this") {
		t.Fatalf("deleting only missing ids = %v, want ErrNothingToDelete naming them", err)
	}
	if sum != nil && sum.Deleted != 0 {
		t.Errorf("deleted %d", sum.Deleted)
	}
	if after, _ := generation.Current(dir); after != before || !slices.Equal(generations(t, dir), gens) {
		t.Errorf("CURRENT %s -> %s, generations %v -> %v: something was published", before, after, gens, generations(t, dir))
	}
}

// recordingProgress keeps every update.
type recordingProgress struct {
	mu              sync.Mutex
	total           int64
	bytes, articles []int64
	phases          []string
	finished        bool
	updatesAtPhase  []int // len(articles) when each phase began
}

func (p *recordingProgress) Start(total int64) { p.total = total }
func (p *recordingProgress) Update(b, a int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bytes, p.articles = append(p.bytes, b), append(p.articles, a)
}
func (p *recordingProgress) Phase(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.phases, p.updatesAtPhase = append(p.phases, name), append(p.updatesAtPhase, len(p.articles))
}
func (p *recordingProgress) Finish() { p.finished = true }

// TestProgressCountsIndexedWork: progress reports articles the shards
// have taken, never more than the run indexes, and ends at all of them
// and all the input.
func TestProgressCountsIndexedWork(t *testing.T) {
	src := writeFile(t, filepath.Join(t.TempDir(), "feed.jsonl"), []byte(jsonlLines(3000)))
	cfg := buildCfg(t.TempDir(), src)
	cfg.BatchSize = 50
	p := &recordingProgress{}
	cfg.Progress = p
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	n := len(p.articles)
	if n == 0 {
		t.Fatal("no progress update")
	}
	for i := 1; i < n; i++ {
		if p.articles[i] < p.articles[i-1] || p.bytes[i] < p.bytes[i-1] {
			t.Errorf("progress went back: update %d %d/%d after %d/%d", i, p.articles[i], p.bytes[i], p.articles[i-1], p.bytes[i-1])
		}
	}
	if p.articles[n-1] != int64(sum.Indexed) || p.bytes[n-1] != p.total || p.total != sum.Bytes {
		t.Errorf("last update %d articles, %d bytes; want %d articles, %d bytes (read %d)", p.articles[n-1], p.bytes[n-1], sum.Indexed, p.total, sum.Bytes)
	}
	// The merge and the positions come after the last article, and are
	// shown before the run finishes.
	if !slices.Equal(p.phases, []string{PhaseMerge, PhasePositions}) || !p.finished {
		t.Errorf("phases %q, finished %v; want merge then positions, then finish", p.phases, p.finished)
	}
	for _, at := range p.updatesAtPhase {
		if at != n {
			t.Errorf("a phase began after update %d of %d: before every article was in", at, n)
		}
	}
}

// fakeShard records what the writer asks of a shard; put blocks until
// release is closed, as a builder busy with a batch.
type fakeShard struct {
	release           chan struct{}
	puts              atomic.Int64
	closed, abandoned bool
}

func (f *fakeShard) put(doc) error            { <-f.release; f.puts.Add(1); return nil }
func (f *fakeShard) close() error             { f.closed = true; return nil }
func (f *fakeShard) abandon()                 { f.abandoned = true }
func (f *fakeShard) has(string) (bool, error) { return false, nil }

// A failed or interrupted run lets go of its shards: what is still queued
// is dropped, and no shard is closed (closing merges every segment of a
// generation that is about to be removed).
func TestWriterAbandonsQueuedWork(t *testing.T) {
	f := &fakeShard{release: make(chan struct{})}
	w := &writer{shards: []shardWriter{f}, errs: make([]error, 1)}
	w.start(10)
	rec := search.NewDocument(xinwen.Article{ID: "x"}, time.UTC)
	for range 15 {
		w.chans[0] <- doc{id: "x", rec: rec}
	}
	w.abandon.Store(true)
	close(f.release)
	w.drain()
	w.abandonShards()
	if n := f.puts.Load(); n > 1 {
		t.Errorf("%d docs put after the run was abandoned, want at most the one in hand", n)
	}
	if f.closed || !f.abandoned {
		t.Errorf("closed %v, abandoned %v; want only abandoned", f.closed, f.abandoned)
	}
}

// mergingShard is a shard whose close (its final merge) takes a while and
// counts how many shards merge at once.
type mergingShard struct {
	fakeShard
	err            error
	inFlight, most *atomic.Int64
}

func (m *mergingShard) close() error {
	n := m.inFlight.Add(1)
	defer m.inFlight.Add(-1)
	for {
		most := m.most.Load()
		if n <= most || m.most.CompareAndSwap(most, n) {
			break
		}
	}
	time.Sleep(5 * time.Millisecond)
	m.closed = true
	return m.err
}

// TestFinishMergesOneShardAtATime: two final merges at once held both
// shards' segments mapped (the 1.97 GB peak at 241k), so shards merge
// one after another; a failed merge still closes every shard, writes no
// positions and is reported.
func TestFinishMergesOneShardAtATime(t *testing.T) {
	var inFlight, most atomic.Int64
	boom := errors.New("merge failed")
	var shards []shardWriter
	var ms []*mergingShard
	for i := range 4 {
		m := &mergingShard{inFlight: &inFlight, most: &most}
		if i == 1 {
			m.err = boom
		}
		ms = append(ms, m)
		shards = append(shards, m)
	}
	w := &writer{shards: shards}
	p := &recordingProgress{}
	err := w.finish(context.Background(), t.TempDir(), p)
	if !errors.Is(err, boom) {
		t.Errorf("finish = %v, want the merge's error", err)
	}
	for i, m := range ms {
		if !m.closed {
			t.Errorf("shard %d not closed after another's merge failed", i)
		}
	}
	if n := most.Load(); n != 1 {
		t.Errorf("%d shards merged at once, want 1", n)
	}
	if !slices.Equal(p.phases, []string{PhaseMerge, PhasePositions}) {
		t.Errorf("phases %q", p.phases)
	}
}
