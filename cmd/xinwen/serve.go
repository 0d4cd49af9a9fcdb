package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/xinwen-search/xinwen/search"
	"github.com/xinwen-search/xinwen/web"
)

type serveConfig struct {
	common
	addr     string
	timeout  time.Duration
	reload   time.Duration
	cors     string
	jsonLogs bool
}

func (sc *serveConfig) flags(name, synopsis string, stderr io.Writer, defIndex string) *flag.FlagSet {
	fs := newFlagSet(name, synopsis, stderr)
	sc.dictFlags(fs)
	sc.indexFlag(fs, defIndex)
	fs.StringVar(&sc.addr, "addr", envOr("XINWEN_ADDR", "127.0.0.1:8080"), "listen address HOST:PORT (env XINWEN_ADDR)")
	fs.DurationVar(&sc.timeout, "timeout", 5*time.Second, "per-request timeout")
	fs.DurationVar(&sc.reload, "reload-interval", 2*time.Second, "how often to check CURRENT for a newly published generation (SIGHUP checks at once)")
	fs.StringVar(&sc.cors, "cors", envOr("XINWEN_CORS", ""), "comma-separated origins allowed by CORS, * for any; empty: CORS off (env XINWEN_CORS)")
	fs.BoolVar(&sc.jsonLogs, "json-logs", false, "log JSON instead of text")
	return fs
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sc serveConfig
	fs := sc.flags("serve", "serve --index DIR [--addr HOST:PORT] [flags]", stderr, "xinwen-index")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	return sc.serve(ctx, stdout, stderr, nil)
}

// serve opens the index, then answers HTTP until ctx ends; ready, when
// set, is called with the listening address.
func (sc *serveConfig) serve(ctx context.Context, stdout, stderr io.Writer, ready func(addr string)) error {
	log := sc.logger(stderr)
	seg, err := sc.loadSegmenter()
	if err != nil {
		return err
	}
	defer seg.Close()
	zone, err := sc.location()
	if err != nil {
		return err
	}
	live, err := search.OpenLive(sc.index, search.Options{DictVersion: seg.Version()}, log)
	if err != nil {
		return err
	}
	defer live.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go live.Watch(ctx, sc.reload)
	go reloadOnHUP(ctx, live, log)

	srv := web.New(live, web.Options{Logger: log, RequestTimeout: sc.timeout, Zone: zone, CORSOrigins: splitList(sc.cors)})
	ln, err := net.Listen("tcp", sc.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	httpSrv := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	fmt.Fprintf(stdout, "xinwen: serving %d articles from %s on http://%s/ (API: /api/search?q=…, health: /healthz)\n",
		live.Stats().Docs, sc.index, ln.Addr())
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	shutCtx, done := context.WithTimeout(context.Background(), 10*time.Second)
	defer done()
	if err := httpSrv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

func (sc *serveConfig) logger(w io.Writer) *slog.Logger {
	if sc.jsonLogs {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func reloadOnHUP(ctx context.Context, live *search.Live, log *slog.Logger) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			if _, err := live.Reload(); err != nil {
				log.Warn("reload on SIGHUP failed; still serving the previous generation", "err", err)
			}
		}
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
