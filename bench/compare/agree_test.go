package main

import (
	"context"
	"math"

	"os/exec"
	"path/filepath"
	"testing"
)

// TestToolsAgreeWithVisage trains every network for three epochs of a
// single batch with Visage and with the numpy and PyTorch workers, from the
// same initial weights. With the whole set in one batch the sample order
// does not matter, so the losses must agree up to float32 rounding and the
// slightly different ε of PyTorch's Adam. It skips a tool that Debian's
// python3 does not have.
func TestToolsAgreeWithVisage(t *testing.T) {
	const python = "/usr/bin/python3"
	if _, err := exec.LookPath(python); err != nil {
		t.Skipf("%s not found, so the Python tools cannot be checked: %v", python, err)
	}
	dir := t.TempDir()
	const samples = 64
	cfg := config{
		Seed: 3, Batch: samples, Warmup: 0, Epochs: 3, BudgetSeconds: 60,
		LR: 0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8,
		ChunkSeconds: 0.001, Chunks: 1,
	}
	data, configPath, err := prepare(dir, cfg, options{samples: samples, seed: cfg.Seed})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{}
	for i, n := range networks {
		r, err := timeVisage(cfg, n, data[i], 1)
		if err != nil {
			t.Fatal(err)
		}
		want[n.Key] = r.EpochLosses
	}

	script := filepath.Join(dir, "worker.py")
	for _, tool := range []string{"numpy", "torch"} {
		t.Run(tool, func(t *testing.T) {
			out, err := runWorker(context.Background(), python, script, configPath, tool,
				blasSetting{Threads: 1}, []int{1})
			if err != nil {
				t.Fatal(err)
			}
			if out.Skip != "" {
				t.Skip(out.Skip)
			}
			checkLosses(t, out.Results, want)
		})
	}
}

func checkLosses(t *testing.T, results []result, want map[string][]float64) {
	t.Helper()
	if len(results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range results {
		w := want[r.Network]
		if len(r.EpochLosses) != len(w) {
			t.Errorf("%s, %s: %d epoch losses, want %d",
				r.Network, r.Variant, len(r.EpochLosses), len(w))
			continue
		}
		for e, got := range r.EpochLosses {
			if math.Abs(got-w[e]) > 1e-4*math.Abs(w[e]) {
				t.Errorf("%s, %s, epoch %d: loss %.7f, Visage %.7f",
					r.Network, r.Variant, e+1, got, w[e])
			}
		}
		if r.ForwardSeconds <= 0 {
			t.Errorf("%s, %s: forward pass took %v s, want a positive time",
				r.Network, r.Variant, r.ForwardSeconds)
		}
	}
}
