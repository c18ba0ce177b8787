package main

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"time"

	"visage/model"
)

// result is the timings of one tool, setting and network. The Python worker
// writes the fields with JSON names.
type result struct {
	Tool    string `json:"-"`
	Setting string `json:"-"` // GOMAXPROCS or OpenBLAS environment of the process
	Variant string `json:"variant"`
	Network string `json:"network"`

	EpochSeconds []float64 `json:"epoch_seconds"` // timed epochs only
	EpochLosses  []float64 `json:"epoch_losses"`  // mean batch loss of each timed epoch

	ForwardSeconds  float64  `json:"forward_seconds"`
	SaliencySeconds *float64 `json:"saliency_seconds"` // nil when not timed
	SaliencyNote    string   `json:"saliency_note"`

	// TrainSeconds is, for Visage only, each timed epoch including the
	// evaluation of the whole training set that model.Train runs after it.
	TrainSeconds []float64 `json:"-"`
}

// samplesPerSecond returns the training speed of the median timed epoch.
func (r result) samplesPerSecond(samples int) float64 {
	return float64(samples) / median(r.EpochSeconds)
}

// epochClock is a model.BatchRecorder that times each epoch of model.Train.
// steps runs from the end of the previous epoch's Record call to the last
// batch, so it covers the shuffle and the optimisation steps. whole runs on
// to the epoch's own Record call, after Train's evaluation.
type epochClock struct {
	start  time.Time // when the current epoch began
	steps  []time.Duration
	whole  []time.Duration
	losses []float64
	sum    float64 // batch losses of the current epoch so far
}

func (c *epochClock) RecordBatch(b model.Batch) error {
	c.sum += b.Loss
	if b.Batch == b.Batches {
		c.steps = append(c.steps, time.Since(c.start))
		c.losses = append(c.losses, c.sum/float64(b.Batches))
		c.sum = 0
	}
	return nil
}

func (c *epochClock) Record(model.Progress) error {
	c.whole = append(c.whole, time.Since(c.start))
	c.start = time.Now()
	return nil
}

// timeVisage trains a copy of d.Init with model.Train for cfg.Warmup and
// cfg.Epochs epochs on GOMAXPROCS procs, then times Predict on one row.
func timeVisage(cfg config, n network, d dataset, procs int) (result, error) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	net := d.Init.Clone()
	data := d.trainingData(n.Grid.Cells())
	opt := model.TrainOptions{
		Epochs:       cfg.Warmup + cfg.Epochs,
		BatchSize:    cfg.Batch,
		Optimizer:    model.Adam,
		LearningRate: cfg.LR,
		Seed:         cfg.Seed,
	}
	clock := &epochClock{start: time.Now()}
	runtime.GC()
	_, err := model.Train(context.Background(), net, data, model.Data{}, opt, clock)
	if err != nil {
		return result{}, fmt.Errorf("visage: train %s: %w", n.Name, err)
	}

	r := result{
		Tool:        "visage",
		Setting:     fmt.Sprintf("GOMAXPROCS=%d", procs),
		Variant:     model.Engine(),
		Network:     n.Key,
		EpochLosses: clock.losses[cfg.Warmup:],
	}
	for i := cfg.Warmup; i < len(clock.steps); i++ {
		r.EpochSeconds = append(r.EpochSeconds, clock.steps[i].Seconds())
		r.TrainSeconds = append(r.TrainSeconds, clock.whole[i].Seconds())
	}
	row := data.X.RawRowView(0)
	r.ForwardSeconds = timeSingle(cfg, func() { net.Predict(row) })
	// The saliency map is the gradient of the top logit with respect to
	// the input, as the Python workers compute it.
	last, top := len(net.Layers)-1, topUnit(net, row)
	saliency := timeSingle(cfg, func() { net.InputGradient(row, last, top, true) })
	r.SaliencySeconds = &saliency
	return r, nil
}

// topUnit returns the output unit with the largest logit for row.
func topUnit(net *model.Network, row []float64) int {
	_, logits := net.Predict(row)
	top := 0
	for i, z := range logits {
		if z > logits[top] {
			top = i
		}
	}
	return top
}

// timeSingle returns the median seconds of one call of fn. Calls run in
// chunks of at least cfg.ChunkSeconds, so the clock's resolution does not
// matter, and the median of cfg.Chunks chunks is kept.
func timeSingle(cfg config, fn func()) float64 {
	fn()
	reps := 1
	for {
		start := time.Now()
		for range reps {
			fn()
		}
		if time.Since(start).Seconds() >= cfg.ChunkSeconds {
			break
		}
		reps *= 2
	}
	perCall := make([]float64, cfg.Chunks)
	for i := range perCall {
		start := time.Now()
		for range reps {
			fn()
		}
		perCall[i] = time.Since(start).Seconds() / float64(reps)
	}
	return median(perCall)
}

// median returns the median of x, the mean of the middle two for an even
// count. It panics if x is empty.
func median(x []float64) float64 {
	if len(x) == 0 {
		panic("compare: median of no values")
	}
	s := slices.Sorted(slices.Values(x))
	mid := len(s) / 2
	if len(s)%2 == 0 {
		return (s[mid-1] + s[mid]) / 2
	}
	return s[mid]
}
