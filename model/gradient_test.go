package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// randomData returns rows samples on a w×h grid with labels below classes.
func randomData(rows, inputs, classes int, seed uint64) (*mat.Dense, []int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := mat.NewDense(rows, inputs, nil)
	y := make([]int, rows)
	for i := range rows {
		for j := range inputs {
			x.Set(i, j, rng.Float64())
		}
		y[i] = rng.IntN(classes)
	}
	return x, y
}

func TestGradientMatchesFiniteDifferences(t *testing.T) {
	for _, output := range []OutputKind{Softmax, OneVsRest, Binary} {
		for _, act := range []Activation{Sigmoid, Tanh, ReLU} {
			for _, l2 := range []float64{0, 0.1} {
				name := fmt.Sprintf("%s/%s/l2=%g", output, act, l2)
				t.Run(name, func(t *testing.T) {
					checkGradient(t, output, []Activation{act, act}, l2)
				})
			}
		}
	}
}

func TestGradientMixedActivations(t *testing.T) {
	checkGradient(t, Softmax, []Activation{ReLU, Tanh}, 0.01)
	checkGradient(t, OneVsRest, []Activation{Tanh, Sigmoid}, 0)
}

func checkGradient(t *testing.T, output OutputKind, acts []Activation, l2 float64) {
	classes := []string{"a", "b", "c"}
	labels := 3
	if output == Binary {
		classes, labels = classes[:1], 2
	}
	net, err := New(Config{
		Grid: Grid{Width: 3, Height: 2}, Hidden: []int{5, 4},
		Classes: classes, Output: output, Activations: acts, Seed: 7,
	})
	if err != nil {
		t.Fatal(err)
	}
	// Non-zero biases, so their gradients are checked away from zero too.
	rng := rand.New(rand.NewPCG(3, 3))
	for _, l := range net.Layers {
		for j := range l.B {
			l.B[j] = rng.NormFloat64() * 0.5
		}
	}
	x, y := randomData(6, 6, labels, 11)

	_, grad := net.Gradient(x, y, l2)
	params := parameters(net.Layers)
	analytic := flatten(parameters(grad))
	flat := flatten(params)

	loss := func(theta []float64) float64 {
		unflatten(params, theta)
		defer unflatten(params, flat)
		l, _ := net.Gradient(x, y, l2)
		return l
	}
	numeric := fd.Gradient(nil, loss, append([]float64(nil), flat...),
		&fd.Settings{Formula: fd.Central, Step: 1e-6})

	for i := range numeric {
		diff := math.Abs(numeric[i] - analytic[i])
		scale := math.Max(1, math.Abs(numeric[i]))
		if diff > 1e-6*scale {
			t.Errorf("parameter %d: analytic %.9g, finite difference %.9g", i, analytic[i], numeric[i])
		}
	}
}

func flatten(arrays [][]float64) []float64 {
	var flat []float64
	for _, a := range arrays {
		flat = append(flat, a...)
	}
	return flat
}

func unflatten(arrays [][]float64, flat []float64) {
	for _, a := range arrays {
		n := copy(a, flat)
		flat = flat[n:]
	}
}

func TestLossFiniteForExtremeLogits(t *testing.T) {
	p := make([]float64, 3)
	for _, z := range [][]float64{{1000, -1000, 0}, {-1000, -1000, -1000}, {800, 800, 800}} {
		for label := range z {
			l := softmaxLoss(p, z, label)
			if math.IsNaN(l) || math.IsInf(l, 0) {
				t.Errorf("softmaxLoss(%v, %d) = %v", z, label, l)
			}
			for i, v := range p {
				if math.IsNaN(v) {
					t.Errorf("softmax(%v)[%d] = NaN", z, i)
				}
			}
		}
	}
	for _, z := range []float64{-1000, -40, 0, 40, 1000} {
		for _, y := range []int{0, 1} {
			got := sigmoidLoss(z, y)
			if math.IsNaN(got) || math.IsInf(got, 0) {
				t.Errorf("sigmoidLoss(%v, %d) = %v", z, y, got)
			}
		}
	}
	if got := sigmoidLoss(1000, 0); got != 1000 {
		t.Errorf("sigmoidLoss(1000, 0) = %v, want 1000", got)
	}
	if got := softmaxLoss(p, []float64{1000, 0, 0}, 1); got != 1000 {
		t.Errorf("softmaxLoss([1000 0 0], 1) = %v, want 1000", got)
	}
	inf := math.Inf(1)
	softmaxLoss(p, []float64{inf, 3, inf}, 1)
	if p[0] != 0.5 || p[1] != 0 || p[2] != 0.5 {
		t.Errorf("softmax([+Inf 3 +Inf]) = %v, want [0.5 0 0.5]", p)
	}
}
