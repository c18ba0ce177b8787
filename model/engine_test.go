package model

import (
	"context"
	"fmt"
	"math"
	"os"
	"testing"
)

// TestMain runs every test once with each training engine, so both the
// float64 and the float32 engine meet the same checks.
func TestMain(m *testing.M) {
	code := 0
	for _, float32Engine := range []bool{false, true} {
		useFloat32 = float32Engine
		if c := m.Run(); c != 0 {
			fmt.Fprintf(os.Stderr, "tests failed with engine %s\n", Engine())
			code = c
		}
	}
	os.Exit(code)
}

// TestEnginesAgree trains the same network from the same weights with
// both engines and compares the losses after every epoch.
func TestEnginesAgree(t *testing.T) {
	saved := useFloat32
	defer func() { useFloat32 = saved }()
	data := blobs(16, 4, 16, 9)
	for _, output := range []OutputKind{Softmax, OneVsRest, Binary} {
		labels := data
		if output == Binary {
			labels = Data{X: data.X, Y: make([]int, data.Len())}
			for i, y := range data.Y {
				labels.Y[i] = y % 2
			}
		}
		losses := map[bool][]float64{}
		for _, f := range []bool{false, true} {
			useFloat32 = f
			net := newBlobNetwork(t, output, 4)
			rec := RecorderFunc(func(p Progress) error {
				losses[f] = append(losses[f], p.TrainLoss)
				return nil
			})
			opt := TrainOptions{Epochs: 10, BatchSize: 8, LearningRate: 0.01, L2: 0.001, Seed: 2}
			if _, err := Train(context.Background(), net, labels, Data{}, opt, rec); err != nil {
				t.Fatal(err)
			}
		}
		for i := range losses[false] {
			a, b := losses[false][i], losses[true][i]
			if math.Abs(a-b) > 1e-3*math.Max(1, a) {
				t.Errorf("%s epoch %d: float64 loss %v, float32 loss %v", output, i+1, a, b)
			}
		}
	}
}
