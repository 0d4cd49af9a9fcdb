package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xinwen-search/xinwen/generation"
	"github.com/xinwen-search/xinwen/search/zh"
)

// child is xinwen running as a separate process: this test binary
// re-executed with childEnv set (see TestMain).
type child struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{} // closed when the process has exited
}

type syncBuffer struct {
	mu sync.Mutex // guards b
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startXinwen runs xinwen COMMAND ARGS... with extra environment
// variables; the process is killed when the test ends.
func startXinwen(t *testing.T, env []string, args ...string) *child {
	t.Helper()
	args = append([]string{args[0], "--dict", zh.BundledDictDir()}, args[1:]...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), childEnv+"=1"), env...)
	c := &child{cmd: cmd, out: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = c.out, c.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(c.kill)
	return c
}

func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// kill sends SIGKILL, as a power cut or the OOM killer would, and waits.
func (c *child) kill() {
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
}

// TestIndexKilledMidway kills xinwen index while it writes a new
// generation: the published one must still open and serve, and the next
// run must succeed and remove what the killed one left.
func TestIndexKilledMidway(t *testing.T) {
	dir := t.TempDir()
	published := buildIndex(t, dir, inventArticles("n", "甲版", 30, 2))
	big := writeJSONL(t, filepath.Join(t.TempDir(), "big.jsonl"), inventArticles("b", "乙版", 4000, 30))
	childTmp := t.TempDir() // nothing may be written here: segments go under the generation
	c := startXinwen(t, []string{"TMPDIR=" + childTmp},
		"index", "--index", dir, "--progress", "none", "--batch", "50", "--shards", "2", big)
	partial := waitForSegments(t, c, dir, childTmp, published)
	c.kill()
	t.Logf("killed xinwen index while it wrote %s", partial)

	if cur, err := generation.Current(dir); err != nil || filepath.Base(cur) != published {
		t.Fatalf("CURRENT = %v, %v; want %s still", cur, err, published)
	}
	st := newStack(t, dir, "")
	if res := searchAPI(t, st.url, nil); res.Total != 30 {
		t.Errorf("after the kill the index serves %d articles, want 30", res.Total)
	}
	st.close()

	small := writeJSONL(t, filepath.Join(t.TempDir(), "small.jsonl"), inventArticles("c", "丙版", 20, 2))
	next := startXinwen(t, []string{"TMPDIR=" + childTmp}, "index", "--index", dir, "--progress", "none", small)
	<-next.done
	if code := next.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("the next run exited %d:\n%s", code, next.out)
	}
	if _, err := os.Stat(filepath.Join(dir, partial)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the killed run's %s is still there: %v", partial, err)
	}
	st = newStack(t, dir, "")
	if res := searchAPI(t, st.url, nil); res.Total != 20 {
		t.Errorf("the next run serves %d articles, want 20", res.Total)
	}
	// Bleve's offline build directories live under the generation, so
	// nothing of the killed run may be left anywhere.
	left, _ := filepath.Glob(filepath.Join(childTmp, "scorch-offline-build*"))
	inIndex, _ := filepath.Glob(filepath.Join(dir, "*", "scorch-offline-build*"))
	if len(left)+len(inIndex) > 0 {
		t.Errorf("build directories left behind: %v %v", left, inIndex)
	}
}

// waitForSegments waits until the run has written segment files for a
// generation other than published, and returns that generation's name.
func waitForSegments(t *testing.T, c *child, dir, tmp, published string) string {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if c.exited() {
			t.Fatalf("xinwen index ended before it could be killed (make the input bigger):\n%s", c.out)
		}
		gens, _ := filepath.Glob(filepath.Join(dir, generation.Prefix+"*"))
		for _, g := range gens {
			if filepath.Base(g) != published && (hasSegment(g) || hasSegment(tmp)) {
				return filepath.Base(g)
			}
		}
	}
	t.Fatalf("no segment written in two minutes:\n%s", c.out)
	return ""
}

func hasSegment(root string) bool {
	found := false
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".zap") {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// TestServeKilledDuringIngest kills xinwen serve while a client ingests
// batch after batch: after a restart every batch that got a 200 must be
// searchable, and the batch in flight must be there whole or not at all.
func TestServeKilledDuringIngest(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("n", "甲版", 30, 2))
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(e2eToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, base := startServe(t, dir, tokenFile)

	acked := make(chan int, 1000)
	var last int // the batch being sent when the server died; guarded by the channel's close
	go func() {
		defer close(acked)
		for b := 0; ; b++ {
			last = b
			status, err := postBatch(base, b)
			if err != nil || status != http.StatusOK {
				return
			}
			acked <- b
		}
	}()
	for range 5 {
		<-acked
	}
	srv.kill()
	var ok []int
	for b := range acked {
		ok = append(ok, b)
	}
	t.Logf("killed xinwen serve after %d acknowledged batches; batch %d was in flight", len(ok)+5, last)

	_, base = startServe(t, dir, tokenFile)
	for b := range last {
		if n := batchFound(t, base, b); n != ingestBatch {
			t.Errorf("acknowledged batch %d: %d of %d articles after restart", b, n, ingestBatch)
		}
	}
	if n := batchFound(t, base, last); n != 0 && n != ingestBatch {
		t.Errorf("the batch in flight is torn: %d of %d articles", n, ingestBatch)
	}
}

const ingestBatch = 20

func postBatch(base string, b int) (int, error) {
	var body bytes.Buffer
	for i := range ingestBatch {
		fmt.Fprintf(&body, `{"id":"k%03d-%02d","title":"写入批次%03d第%d篇","body":"批次%03d的报道正文。","date":"2025-06-01"}`+"\n", b, i, b, i, b)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/api/articles", &body)
	req.Header.Set("Authorization", "Bearer "+e2eToken)
	resp, err := e2eClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// batchFound counts the articles of batch b the server has.
func batchFound(t *testing.T, base string, b int) int {
	n := 0
	for i := range ingestBatch {
		status, _ := call(t, http.MethodGet, fmt.Sprintf("%s/api/articles/k%03d-%02d", base, b, i), "", nil)
		if status == http.StatusOK {
			n++
		}
	}
	return n
}

var servingOn = regexp.MustCompile(` on (http://[^/ ]+)/`)

// startServe runs xinwen serve on a free loopback port, with extra flags,
// and waits until it answers; it returns the process and its base URL.
func startServe(t *testing.T, dir, tokenFile string, extra ...string) (*child, string) {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"serve", "--index", dir, "--addr", "127.0.0.1:0",
		"--token-file", tokenFile, "--dict", zh.BundledDictDir()}, extra...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	c := &child{cmd: cmd, out: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = pw, c.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	go func() {
		cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(c.kill)
	lines := bufio.NewScanner(pr)
	for lines.Scan() {
		if m := servingOn.FindStringSubmatch(lines.Text()); m != nil {
			go func() {
				for lines.Scan() {
				}
			}()
			return c, m[1]
		}
	}
	<-c.done
	t.Fatalf("xinwen serve did not start:\n%s", c.out)
	return nil, ""
}

// TestServeWarnsOfAnotherZone: month facets count in the zone the index was
// built in, so serving it with another --zone is worth a warning.
func TestServeWarnsOfAnotherZone(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("z", "时区", 3, 2))
	for zone, warn := range map[string]bool{"UTC": true, "Asia/Shanghai": false} {
		c := startXinwen(t, nil, "serve", "--index", dir, "--addr", "127.0.0.1:0", "--zone", zone)
		deadline := time.Now().Add(30 * time.Second) // a bound on a hang, not a speed check
		for !strings.Contains(c.out.String(), "serving") && !c.exited() && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if got := strings.Contains(c.out.String(), "differs from the zone the index was built in"); got != warn {
			t.Errorf("--zone %s: warned %v, want %v:\n%s", zone, got, warn, c.out)
		}
		c.kill()
	}
}
