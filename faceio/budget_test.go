package faceio

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestPixelBudgetWaitsForRelease(t *testing.T) {
	b := newPixelBudget(100)
	first, err := b.acquire(context.Background(), 70)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan struct{})
	go func() {
		release, err := b.acquire(context.Background(), 50)
		if err == nil {
			release()
		}
		close(got)
	}()
	select {
	case <-got:
		t.Fatal("a reservation of 50 went through with 70 of 100 reserved")
	case <-time.After(50 * time.Millisecond):
	}
	first()
	<-got
	first() // a second call releases nothing
	if b.used != 0 {
		t.Errorf("%d pixels still reserved, want 0", b.used)
	}
}

func TestPixelBudgetOversizeAlone(t *testing.T) {
	b := newPixelBudget(100)
	release, err := b.acquire(context.Background(), 500)
	if err != nil {
		t.Fatalf("an oversize reservation on an empty budget failed: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := b.acquire(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("acquire while over capacity returned %v, want the context's error", err)
	}
	release()
}
