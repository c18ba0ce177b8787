package model

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestConfusionNaNOutputNotClassZero checks that a network whose outputs
// are NaN is not counted as predicting its first class, and that Evaluate
// does not count such rows as correct.
func TestConfusionNaNOutputNotClassZero(t *testing.T) {
	n, err := New(Config{Grid: Grid{Width: 2, Height: 1}, Hidden: []int{3},
		Classes: []string{"a", "b", "c"}, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for j := range 3 {
		n.Layers[0].W.Set(0, j, math.NaN())
	}
	x := mat.NewDense(3, 2, []float64{1, 1, 1, 0.5, 0.5, 1})
	y := []int{0, 0, 0}

	probs, _ := n.Predict([]float64{1, 1})
	if !math.IsNaN(probs[0]) {
		t.Fatalf("setup: probability %v, want NaN", probs[0])
	}
	counts := n.Confusion(x, y)
	if got := counts[0][0]; got != 0 {
		t.Errorf("Confusion counts %d NaN predictions as class a, want 0",
			got)
	}
	if _, acc := n.Evaluate(x, y); acc != 0 && !math.IsNaN(acc) {
		t.Errorf("Evaluate accuracy of NaN outputs = %v, want 0 or NaN", acc)
	}
}
