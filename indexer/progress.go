package indexer

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress shows a run as it goes. Update gets the input bytes and the
// articles indexed so far (taken by the shards' builders). Once every
// article is in, Phase names each step that remains (merging the shards'
// segments, writing the phrase positions): minutes of a large run, which
// neither Bleve's merge nor our pass over the segments can divide into
// a share done, so each is shown as it starts and with its time.
type Progress interface {
	Start(totalBytes int64)
	Update(indexedBytes int64, articles int64)
	Phase(name string)
	Finish()
}

// Phases of a run after its articles are in.
const (
	PhaseMerge     = "merging segments"
	PhasePositions = "writing phrase positions"
)

type nopProgress struct{}

func (nopProgress) Start(int64)         {}
func (nopProgress) Update(int64, int64) {}
func (nopProgress) Phase(string)        {}
func (nopProgress) Finish()             {}

// Bar is a progress bar for a terminal: the share of the input indexed,
// with rate and ETA, and the articles indexed so far with their rate.
// Both count articles the shards have taken, not merely read. The steps
// after the last article each get a spinner with the step's name and
// elapsed time.
type Bar struct {
	W     io.Writer
	bar   *progressbar.ProgressBar
	start time.Time
	// spin stops the current phase's spinner
	spin func()
}

func (b *Bar) Start(total int64) {
	b.start = time.Now()
	b.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(b.W),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSetDescription("indexing"),
	)
}

func (b *Bar) Update(read, articles int64) {
	rate := float64(articles) / max(time.Since(b.start).Seconds(), 1e-3)
	b.bar.Describe(fmt.Sprintf("indexing: %d articles, %.0f/s", articles, rate))
	b.bar.Set64(read)
}

// Phase ends the byte bar (or the previous phase) and spins for name.
func (b *Bar) Phase(name string) {
	b.endPhase()
	sp := progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(b.W),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSetDescription(name),
	)
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				sp.Finish()
				fmt.Fprintln(b.W)
				return
			case <-t.C:
				sp.Add(1)
			}
		}
	}()
	b.spin = func() { close(done); <-stopped }
}

// endPhase stops the running spinner, or ends the byte bar at its first
// phase.
func (b *Bar) endPhase() {
	if b.spin != nil {
		b.spin()
		b.spin = nil
		return
	}
	if b.bar != nil && !b.bar.IsFinished() {
		b.bar.Finish()
		fmt.Fprintln(b.W)
	}
}

// Finish ends the running phase, or the byte bar when there was none.
func (b *Bar) Finish() { b.endPhase() }

// LogProgress writes a plain log line per update, for logs and pipes.
type LogProgress struct {
	Log   *slog.Logger
	start time.Time
	total int64
	// phase and since: the step running since when, if any
	phase string
	since time.Time
}

func (p *LogProgress) Start(total int64) { p.start, p.total = time.Now(), total }

func (p *LogProgress) Update(read, articles int64) {
	secs := time.Since(p.start).Seconds()
	pct := 0.0
	if p.total > 0 {
		pct = 100 * float64(read) / float64(p.total)
	}
	p.Log.Info("indexing", "articles", articles, "articles_per_s", int(float64(articles)/secs),
		"input_mb", fmt.Sprintf("%.1f/%.1f", float64(read)/1e6, float64(p.total)/1e6), "percent", fmt.Sprintf("%.0f", pct))
}

// Phase logs the end of the previous step and the start of name.
func (p *LogProgress) Phase(name string) {
	p.endPhase()
	p.phase, p.since = name, time.Now()
	p.Log.Info("indexing: "+name, "elapsed_s", int(time.Since(p.start).Seconds()))
}

func (p *LogProgress) endPhase() {
	if p.phase != "" {
		p.Log.Info("indexing: "+p.phase+" done", "took_s", fmt.Sprintf("%.1f", time.Since(p.since).Seconds()))
		p.phase = ""
	}
}

func (p *LogProgress) Finish() { p.endPhase() }

// progressInterval is how often a LogProgress speaks; a Bar redraws faster.
func progressInterval(p Progress) time.Duration {
	if _, ok := p.(*LogProgress); ok {
		return 5 * time.Second
	}
	return 250 * time.Millisecond
}

// watchProgress updates p with what done reports until the returned stop
// is called.
func watchProgress(ctx context.Context, p Progress, done func() (bytes, articles int64)) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	finished := make(chan struct{})
	var lastBytes, lastArticles int64
	update := func() {
		// The byte share is an estimate that may dip; a bar never goes back.
		b, a := done()
		lastBytes, lastArticles = max(lastBytes, b), max(lastArticles, a)
		p.Update(lastBytes, lastArticles)
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(progressInterval(p))
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				update()
				return
			case <-t.C:
				update()
			}
		}
	}()
	return func() { cancel(); <-finished }
}
