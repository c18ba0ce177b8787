package faceio

import (
	"context"
	"sync"
)

// decodeBudget bounds the pixels decoded at once by all of faceio's
// decoders. A folder of small files that each declare a large image would
// otherwise decode one such image per core at once, and a 7000×7000 16-bit
// image alone takes about 800 MB while it is converted.
var decodeBudget = newPixelBudget(MaxPixels)

// pixelBudget lets goroutines reserve pixels up to a capacity, waiting
// while the reservations of others leave too little. A single reservation
// larger than the capacity proceeds when nothing else is reserved.
type pixelBudget struct {
	mu       sync.Mutex
	used     int
	capacity int
	freed    chan struct{} // closed, and replaced, whenever pixels are released
}

func newPixelBudget(capacity int) *pixelBudget {
	return &pixelBudget{capacity: capacity, freed: make(chan struct{})}
}

// acquire reserves n pixels, waiting until they fit or ctx is done, and
// returns the function that releases them.
func (b *pixelBudget) acquire(ctx context.Context, n int) (release func(), err error) {
	for {
		b.mu.Lock()
		if b.used == 0 || b.used+n <= b.capacity {
			b.used += n
			b.mu.Unlock()
			return sync.OnceFunc(func() { b.release(n) }), nil
		}
		freed := b.freed
		b.mu.Unlock()
		select {
		case <-freed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (b *pixelBudget) release(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
	close(b.freed)
	b.freed = make(chan struct{})
}
