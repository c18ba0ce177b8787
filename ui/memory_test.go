package ui

import (
	"math"
	"os"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// heapSample is the heap in use, after a collection, at an epoch of a run.
type heapSample struct {
	epoch int
	bytes uint64
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestMemoryFlatOverLongRun trains 20 000 epochs on the built-in faces with
// a face selected and the Layer 1 view on screen, so every update of the
// run redraws a view and the chart. It checks that the heap in use stays
// within 50 MB of what it was after the first 1000 epochs.
func TestMemoryFlatOverLongRun(t *testing.T) {
	if os.Getenv("VISAGE_LONG") != "1" {
		t.Skip("set VISAGE_LONG=1 to train 20 000 epochs and watch the heap")
	}
	const (
		epochs    = 20000
		every     = 1000
		maxGrowth = 50 << 20
	)
	h := newHarness(t)
	v := h.app
	h.ui(func() { test.Tap(v.faceButtons[0]) })
	h.showView("Layer 1")
	samples := []heapSample{{0, heapInUse()}}
	start := time.Now()
	h.ui(func() {
		v.epochs.SetText("20000")
		test.Tap(v.train)
	})
	next, updates, seen := every, 0, 0
	for done := false; !done; {
		select {
		case <-h.done:
			done = true
		case <-time.After(2 * time.Millisecond):
		}
		var epoch int
		h.ui(func() { epoch = int(math.Round(v.progress.Value * epochs)) })
		if epoch != seen {
			updates, seen = updates+1, epoch
		}
		if epoch >= next || done {
			samples = append(samples, heapSample{epoch, heapInUse()})
			next = (epoch/every + 1) * every
		}
	}
	elapsed := time.Since(start)
	h.showView("Layer 1")
	samples = append(samples, heapSample{epochs, heapInUse()})

	base, peak := samples[1].bytes, uint64(0)
	for _, s := range samples {
		t.Logf("epoch %5d: heap in use %6.1f MB", s.epoch, float64(s.bytes)/(1<<20))
		peak = max(peak, s.bytes)
	}
	last := samples[len(samples)-1].bytes
	t.Logf("%d epochs in %v, %d updates seen; heap after the first %d epochs %.1f MB, "+
		"peak %.1f MB, at the end %.1f MB", epochs, elapsed.Round(time.Second), updates,
		every, mb(base), mb(peak), mb(last))
	if peak > base+maxGrowth {
		t.Errorf("heap grew from %.1f MB to a peak of %.1f MB, want at most %d MB of growth",
			mb(base), mb(peak), maxGrowth>>20)
	}
}

func mb(bytes uint64) float64 { return float64(bytes) / (1 << 20) }
