package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// server is a `xinwen serve` child on a loopback port.
type server struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT
	stderr *capped
	exited chan error
}

// serverStartLimit bounds the wait for the first answer.
const serverStartLimit = 3 * time.Minute

// startServer starts `xinwen serve` on a free loopback port and waits for
// the first 200 from /api/search?firstQuery. It returns the time from
// starting the process to that answer: dictionary load, index open, first
// query.
func startServer(ctx context.Context, exe string, dictArgs []string, index string, client *http.Client, firstQuery string) (*server, time.Duration, error) {
	port, err := freePort()
	if err != nil {
		return nil, 0, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	args := append([]string{"serve", "--index", index, "--addr", addr}, dictArgs...)
	s := &server{cmd: exec.Command(exe, args...), base: "http://" + addr, stderr: &capped{max: 16 << 10}, exited: make(chan error, 1)}
	s.cmd.Stdout, s.cmd.Stderr = io.Discard, s.stderr
	start := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, 0, fmt.Errorf("bench: serve: %w", err)
	}
	go func() { s.exited <- s.cmd.Wait() }()
	if err := s.awaitReady(ctx, client, firstQuery); err != nil {
		s.stop()
		return nil, 0, err
	}
	return s, time.Since(start), nil
}

// freePort asks the kernel for an unused loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("bench: free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func (s *server) awaitReady(ctx context.Context, client *http.Client, query string) error {
	deadline := time.Now().Add(serverStartLimit)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.exited:
			s.exited <- err
			return fmt.Errorf("bench: serve exited early (%v):\n%s", err, s.stderr.buf.String())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
		if ok, _ := get(client, s.base+"/api/search?"+query); ok {
			return nil
		}
	}
	return fmt.Errorf("bench: serve gave no 200 within %s:\n%s", serverStartLimit, s.stderr.buf.String())
}

// stop interrupts the server and waits for it, killing it after 15 s.
func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-s.exited:
		s.exited <- err
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		s.exited <- <-s.exited
	}
}

// memory reads the server's resident set now and its peak (VmRSS, VmHWM).
func (s *server) memory() (rss, hwm int64) {
	r := readResident(s.cmd.Process.Pid)
	return r.RSS, r.HWM
}

var errNotLoopback = errors.New("bench: the load generator only talks to 127.0.0.1")

// newClient is a keep-alive client that can reach loopback addresses only
// and ignores proxy settings.
func newClient(conns int) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
				return nil, errNotLoopback
			}
			return dialer.DialContext(ctx, network, addr)
		},
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     time.Minute,
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// get fetches u, reads the body through and reports whether it was a 200.
func get(client *http.Client, u string) (bool, error) {
	resp, err := client.Get(u)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return false, err
	}
	if resp.StatusCode != http.StatusOK {
		return false, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return true, nil
}
