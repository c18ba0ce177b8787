package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// explainNetwork returns a 6-input network on a 3×2 grid with the given
// hidden activations (one hidden layer of 5 units, then 4 more if there
// are two), 3 classes (1 for Binary) and non-zero biases.
func explainNetwork(t testing.TB, output OutputKind, acts []Activation,
	order Order) *Network {
	t.Helper()
	classes := []string{"a", "b", "c"}
	if output == Binary {
		classes = classes[:1]
	}
	hidden := []int{5, 4}[:len(acts)]
	net, err := New(Config{
		Grid:   Grid{Width: 3, Height: 2, Order: order},
		Hidden: hidden, Classes: classes, Output: output, Activations: acts, Seed: 5,
	})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for _, l := range net.Layers {
		for j := range l.B {
			l.B[j] = rng.NormFloat64() * 0.5
		}
	}
	return net
}

// courseNetwork returns the course's 400-25-15-1 sigmoid network on a
// 20×20 grid with its initial weights, and biases of 0.
func courseNetwork(t testing.TB) *Network {
	t.Helper()
	net, err := New(Config{
		Grid: Grid{Width: 20, Height: 20}, Hidden: []int{25, 15},
		Classes: []string{"yes"}, Output: Binary, Seed: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// activationSets are the hidden activations the explanation tests cover:
// each activation alone, mixtures, and no hidden layer at all.
var activationSets = [][]Activation{
	{Sigmoid, Sigmoid}, {Tanh, Tanh}, {ReLU, ReLU},
	{ReLU, Tanh}, {Tanh, Sigmoid}, {Sigmoid, ReLU}, {Tanh}, {},
}

func randomInput(inputs int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 2))
	x := make([]float64, inputs)
	for i := range x {
		x[i] = rng.Float64()
	}
	return x
}

// unitValue returns a unit's value at x, computed by Trace.
func unitValue(n *Network, x []float64, layer, unit int, pre bool) float64 {
	tr := n.Trace(x)
	if pre {
		return tr.Z[layer][unit]
	}
	return tr.A[layer][unit]
}

func TestInputGradientMatchesFiniteDifferences(t *testing.T) {
	for _, output := range []OutputKind{Softmax, OneVsRest, Binary} {
		for _, acts := range activationSets {
			t.Run(fmt.Sprintf("%s/%v", output, acts), func(t *testing.T) {
				net := explainNetwork(t, output, acts, RowMajor)
				x := randomInput(net.Inputs(), 4)
				checkInputGradient(t, net, x)
			})
		}
	}
}

func checkInputGradient(t *testing.T, net *Network, x []float64) {
	t.Helper()
	settings := &fd.Settings{Formula: fd.Central, Step: 1e-6}
	for layer, l := range net.Layers {
		for unit := range l.B {
			for _, pre := range []bool{true, false} {
				f := func(x []float64) float64 { return unitValue(net, x, layer, unit, pre) }
				want := fd.Gradient(nil, f, x, settings)
				got := net.InputGradient(x, layer, unit, pre)
				for i := range want {
					if math.Abs(got[i]-want[i]) > 1e-7*math.Max(1, math.Abs(want[i])) {
						t.Errorf("layer %d unit %d pre=%v input %d: got %.9g, "+
							"finite difference %.9g", layer, unit, pre, i, got[i], want[i])
					}
				}
			}
		}
	}
}

func TestInputGradientReLUAtZero(t *testing.T) {
	net := explainNetwork(t, Softmax, []Activation{ReLU, ReLU}, RowMajor)
	for _, l := range net.Layers {
		clear(l.B)
	}
	x := make([]float64, net.Inputs()) // every first-layer z is exactly 0

	for layer := 1; layer < len(net.Layers); layer++ {
		for unit := range net.Layers[layer].B {
			got := net.InputGradient(x, layer, unit, false)
			for i, v := range got {
				if v != 0 {
					t.Errorf("layer %d unit %d input %d: got %v, want 0 through ReLUs at z = 0",
						layer, unit, i, v)
				}
			}
		}
	}
	got := net.InputGradient(x, 0, 2, false)
	for i, v := range got {
		if v != 0 {
			t.Errorf("ReLU unit at z = 0, input %d: got %v, want 0", i, v)
		}
	}
}

func TestInputGradientFiniteForLargeInputs(t *testing.T) {
	for _, output := range []OutputKind{Softmax, OneVsRest, Binary} {
		for _, acts := range activationSets {
			net := explainNetwork(t, output, acts, RowMajor)
			x := randomInput(net.Inputs(), 3)
			for i := range x {
				x[i] = (x[i] - 0.5) * 1e5
			}
			for layer, l := range net.Layers {
				for unit := range l.B {
					for _, pre := range []bool{true, false} {
						for i, v := range net.InputGradient(x, layer, unit, pre) {
							if math.IsNaN(v) || math.IsInf(v, 0) {
								t.Errorf("%s %v layer %d unit %d pre=%v: input %d is %v",
									output, acts, layer, unit, pre, i, v)
							}
						}
					}
				}
			}
		}
	}
}

// Concurrent calls share the pooled buffers, so each must still get the
// result of a call made alone.
func TestInputGradientConcurrent(t *testing.T) {
	net := courseNetwork(t)
	inputs := make([][]float64, 8)
	want := make([][]float64, len(inputs))
	for i := range inputs {
		inputs[i] = randomInput(net.Inputs(), uint64(i))
		want[i] = net.InputGradient(inputs[i], 2, 0, false)
	}
	got := make([][][]float64, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			for range 20 {
				for _, x := range inputs {
					got[g] = append(got[g], net.InputGradient(x, 2, 0, false))
				}
			}
		})
	}
	wg.Wait()
	for g := range got {
		for k, grad := range got[g] {
			if i := k % len(inputs); !slices.Equal(grad, want[i]) {
				t.Fatalf("goroutine %d, call %d: gradient differs from a call made alone", g, k)
			}
		}
	}
}

func TestTraceMatchesBatchPass(t *testing.T) {
	for _, output := range []OutputKind{Softmax, OneVsRest, Binary} {
		net := explainNetwork(t, output, []Activation{Tanh, ReLU}, RowMajor)
		x := randomInput(net.Inputs(), 8)
		got := net.Trace(x)

		p := newPass(net, 1)
		net.forward(p, mat.NewDense(1, len(x), x))
		net.score(p, 1, nil)
		for l := range net.Layers {
			assertClose(t, fmt.Sprintf("%s Z[%d]", output, l), got.Z[l], raw(p.z[l]), 1e-12)
			assertClose(t, fmt.Sprintf("%s A[%d]", output, l), got.A[l], raw(p.a[l]), 1e-12)
		}
		prob, logits := net.Predict(x)
		last := len(net.Layers) - 1
		assertClose(t, string(output)+" probabilities", got.A[last], prob, 0)
		assertClose(t, string(output)+" logits", got.Z[last], logits, 0)
	}
}

// assertClose reports every value of got that differs from want by more
// than tol relative to max(1, |want|).
func assertClose(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", name, len(got), len(want))
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol*math.Max(1, math.Abs(want[i])) {
			t.Errorf("%s[%d]: got %.17g, want %.17g", name, i, got[i], want[i])
		}
	}
}

func TestProjectionEqualsWeightProduct(t *testing.T) {
	net := explainNetwork(t, Softmax, []Activation{Sigmoid, ReLU}, RowMajor)
	product := mat.DenseCopyOf(net.Layers[0].W)
	for layer := range net.Layers {
		if layer > 0 {
			var next mat.Dense
			next.Mul(product, net.Layers[layer].W)
			product = &next
		}
		for unit := range net.Layers[layer].B {
			want := mat.Col(nil, unit, product)
			assertClose(t, fmt.Sprintf("layer %d unit %d", layer, unit),
				net.Projection(layer, unit), want, 1e-12)
		}
	}
	want := mat.Col(nil, 1, net.Layers[0].W)
	assertClose(t, "layer 0 weights", net.Projection(0, 1), want, 0)
}

// At x = 0 with zero biases every tanh unit has z = 0 and slope 1, so the
// linearisation of every pre-activation is the linear projection. A
// sigmoid layer has slope 1/4 at z = 0.
func TestProjectionIsLinearisationAtZero(t *testing.T) {
	net := explainNetwork(t, Softmax, []Activation{Tanh, Tanh}, RowMajor)
	for _, l := range net.Layers {
		clear(l.B)
	}
	x := make([]float64, net.Inputs())
	for layer := range net.Layers {
		for unit := range net.Layers[layer].B {
			assertClose(t, fmt.Sprintf("tanh layer %d unit %d", layer, unit),
				net.InputGradient(x, layer, unit, true), net.Projection(layer, unit), 1e-14)
		}
	}

	net = explainNetwork(t, Softmax, []Activation{Sigmoid}, RowMajor)
	clear(net.Layers[0].B)
	for unit := range net.Layers[1].B {
		want := net.Projection(1, unit)
		for i := range want {
			want[i] /= 4
		}
		assertClose(t, fmt.Sprintf("sigmoid output unit %d", unit),
			net.InputGradient(x, 1, unit, true), want, 1e-14)
	}
}

// misuseCase is a call that must panic.
type misuseCase struct {
	name string
	call func()
}

func checkPanics(t *testing.T, tests []misuseCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tt.call()
		})
	}
}

func TestExplainMisusePanics(t *testing.T) {
	net := explainNetwork(t, Softmax, []Activation{Tanh, Tanh}, RowMajor)
	x := randomInput(net.Inputs(), 1)
	checkPanics(t, []misuseCase{
		{"negative layer", func() { net.InputGradient(x, -1, 0, true) }},
		{"layer past output", func() { net.InputGradient(x, 3, 0, true) }},
		{"negative unit", func() { net.Projection(1, -1) }},
		{"unit past layer", func() { net.Projection(1, 4) }},
		{"short input", func() { net.InputGradient(x[:5], 2, 0, false) }},
		{"long trace input", func() { net.Trace(append(x, 0)) }},
	})
}
