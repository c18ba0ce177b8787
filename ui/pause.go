package ui

import (
	"context"
	"sync"
)

// pauser holds a training goroutine while the user has paused it.
type pauser struct {
	mu     sync.Mutex
	paused bool
	resume chan struct{} // closed when a pause ends
}

func newPauser() *pauser { return &pauser{resume: make(chan struct{})} }

// toggle pauses or resumes, and reports whether it is now paused.
func (p *pauser) toggle() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.paused = !p.paused
	if !p.paused {
		close(p.resume)
		p.resume = make(chan struct{})
	}
	return p.paused
}

// wait returns at once unless paused, and otherwise when the pause ends or
// ctx is done, with ctx's error then.
func (p *pauser) wait(ctx context.Context) error {
	p.mu.Lock()
	paused, resume := p.paused, p.resume
	p.mu.Unlock()
	if !paused {
		return nil
	}
	select {
	case <-resume:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
