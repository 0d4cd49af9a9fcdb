package search

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/internal/zhtest"
)

func publishForTest(t *testing.T, root, gen string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, generation.CurrentFile), []byte(gen+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLiveSwapUnderLoad swaps generations while queries run: none may fail,
// and each answer must come wholly from one generation.
func TestLiveSwapUnderLoad(t *testing.T) {
	root := t.TempDir()
	genA := generation.Prefix + "a"
	genB := generation.Prefix + "b"
	writeGeneration(t, root, genA, newsFixtures[:4])
	writeGeneration(t, root, genB, newsFixtures)
	publishForTest(t, root, genA)
	live, err := OpenLive(root, Options{DictVersion: zhtest.Version()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()

	var failures, queries atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				res, err := live.Search(context.Background(), xinwen.SearchRequest{Size: 100})
				queries.Add(1)
				if err != nil || (res.Total != 4 && res.Total != uint64(len(newsFixtures))) || int(res.Total) != len(res.Hits) {
					failures.Add(1)
				}
			}
		}()
	}
	for i := range 6 {
		time.Sleep(20 * time.Millisecond)
		gen := genA
		if i%2 == 0 {
			gen = genB
		}
		publishForTest(t, root, gen)
		if changed, err := live.Reload(); err != nil || !changed {
			t.Errorf("Reload to %s: changed=%v err=%v", gen, changed, err)
		}
	}
	time.Sleep(20 * time.Millisecond)
	cancel()
	wg.Wait()
	if failures.Load() != 0 {
		t.Errorf("%d of %d queries failed or mixed generations during swaps", failures.Load(), queries.Load())
	}
	if got := live.Stats().Generation; got != genA {
		t.Errorf("serving %s, want %s", got, genA)
	}
}

func TestLiveKeepsServingOnBadGeneration(t *testing.T) {
	root := t.TempDir()
	writeGeneration(t, root, generation.Prefix+"good", newsFixtures)
	publishForTest(t, root, generation.Prefix+"good")
	live, err := OpenLive(root, Options{DictVersion: zhtest.Version()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := os.MkdirAll(filepath.Join(root, generation.Prefix+"broken"), 0o755); err != nil {
		t.Fatal(err)
	}
	publishForTest(t, root, generation.Prefix+"broken")
	if _, err := live.Reload(); err == nil {
		t.Fatal("Reload of a generation without meta.json should fail")
	}
	res, err := live.Search(context.Background(), xinwen.SearchRequest{Query: "足球"})
	if err != nil || res.Total == 0 {
		t.Errorf("after a failed reload the old generation must still answer: %v %v", res, err)
	}
}

func TestOpenLiveWithoutIndex(t *testing.T) {
	if _, err := OpenLive(t.TempDir(), Options{}, nil); err == nil {
		t.Fatal("OpenLive on an empty directory should fail")
	}
}
