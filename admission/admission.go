// Package admission decides when a search may run: cheap queries run at
// once, expensive ones through a small pool of slots with a short queue,
// and a query that finds the queue full is turned away (ErrBusy) rather
// than left to slow everyone else down. It knows nothing of HTTP or of
// the index: the caller classes each query and maps ErrBusy to its
// answer.
package admission

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

// Class is a query's cost class, decided before it runs.
type Class int

// The cost classes.
const (
	Cheap Class = iota
	Expensive
)

// Classes lists every class, for metrics.
var Classes = []Class{Cheap, Expensive}

func (c Class) String() string {
	if c == Expensive {
		return "expensive"
	}
	return "cheap"
}

// ErrBusy says every slot for expensive queries is taken and the queue
// is full: the query did not run, and may be retried shortly.
var ErrBusy = errors.New("busy")

// Outcome is what Admit did with a query, for metrics.
type Outcome int

// The outcomes of Admit.
const (
	Admitted  Outcome = iota // ran at once
	Queued                   // waited for a slot, then ran
	Rejected                 // the queue was full (ErrBusy)
	Abandoned                // its context ended while it waited
)

func (o Outcome) String() string {
	return [...]string{"admitted", "queued", "rejected", "abandoned"}[o]
}

// Gate holds the expensive queries' slots and queue. The zero value is
// not usable; call New.
type Gate struct {
	slots   chan struct{} // a token per running expensive query
	waiting chan struct{} // a token per expensive query running or queued
}

// DefaultSlots is half the usable cores (at least one), so expensive
// queries never hold every core and cheap ones keep a core of their own.
func DefaultSlots() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// DefaultQueue is how many expensive queries may wait for a slot: a
// short queue, so a waiting query's deadline rarely runs out in it.
func DefaultQueue(slots int) int { return 2 * slots }

// New returns a Gate running at most slots expensive queries at once,
// with at most queue more waiting. slots < 1 means DefaultSlots; queue < 0
// means DefaultQueue.
func New(slots, queue int) *Gate {
	if slots < 1 {
		slots = DefaultSlots()
	}
	if queue < 0 {
		queue = DefaultQueue(slots)
	}
	return &Gate{slots: make(chan struct{}, slots), waiting: make(chan struct{}, slots+queue)}
}

// Slots and Queue report the Gate's sizes.
func (g *Gate) Slots() int { return cap(g.slots) }

// Queue is how many expensive queries may wait beyond the slots.
func (g *Gate) Queue() int { return cap(g.waiting) - cap(g.slots) }

// Admit lets a query of class c run: at once if it is cheap or a slot is
// free, after waiting in the queue otherwise. On success the caller runs
// the query and then calls release. It fails with ErrBusy when the queue
// is full, or with ctx's error when ctx ends while the query waits.
func (g *Gate) Admit(ctx context.Context, c Class) (release func(), o Outcome, err error) {
	if c == Cheap {
		return func() {}, Admitted, nil
	}
	select {
	case g.waiting <- struct{}{}:
	default:
		return nil, Rejected, fmt.Errorf("admission: %d expensive queries running and %d waiting: %w", g.Slots(), g.Queue(), ErrBusy)
	}
	o = Admitted
	select {
	case g.slots <- struct{}{}:
	default:
		o = Queued
		select {
		case g.slots <- struct{}{}:
		case <-ctx.Done():
			<-g.waiting
			return nil, Abandoned, fmt.Errorf("admission: waiting for a slot: %w", ctx.Err())
		}
	}
	return func() { <-g.slots; <-g.waiting }, o, nil
}
