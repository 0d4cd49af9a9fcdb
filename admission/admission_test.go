package admission

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestCheapNeverWaits(t *testing.T) {
	g := New(1, 0)
	hold, _, err := g.Admit(context.Background(), Expensive)
	if err != nil {
		t.Fatal(err)
	}
	defer hold()
	for range 100 {
		release, o, err := g.Admit(context.Background(), Cheap)
		if err != nil || o != Admitted {
			t.Fatalf("cheap query: %v %v", o, err)
		}
		release()
	}
}

func TestQueueThenReject(t *testing.T) {
	g := New(1, 1)
	ctx := context.Background()
	first, o, err := g.Admit(ctx, Expensive)
	if err != nil || o != Admitted {
		t.Fatalf("first: %v %v", o, err)
	}
	got := make(chan Outcome)
	go func() {
		release, o, err := g.Admit(ctx, Expensive)
		if err == nil {
			release()
		}
		got <- o
	}()
	// Wait until the second query holds the queue's place.
	for len(g.waiting) < 2 {
		time.Sleep(time.Millisecond)
	}
	if _, o, err := g.Admit(ctx, Expensive); !errors.Is(err, ErrBusy) || o != Rejected {
		t.Fatalf("third: %v %v, want rejected ErrBusy", o, err)
	}
	first()
	if o := <-got; o != Queued {
		t.Fatalf("second: %v, want queued", o)
	}
	if len(g.slots) != 0 || len(g.waiting) != 0 {
		t.Fatalf("tokens leaked: %d slots, %d waiting", len(g.slots), len(g.waiting))
	}
}

func TestAbandonWhileQueued(t *testing.T) {
	g := New(1, 1)
	hold, _, _ := g.Admit(context.Background(), Expensive)
	defer hold()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, o, err := g.Admit(ctx, Expensive)
	if o != Abandoned || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v %v, want abandoned DeadlineExceeded", o, err)
	}
	if len(g.waiting) != 1 {
		t.Fatalf("%d waiting, want the holder's 1", len(g.waiting))
	}
}

func TestDefaults(t *testing.T) {
	g := New(0, -1)
	if g.Slots() != DefaultSlots() || g.Queue() != 2*g.Slots() {
		t.Fatalf("slots %d queue %d", g.Slots(), g.Queue())
	}
}
