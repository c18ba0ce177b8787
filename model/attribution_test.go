package model

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// Weights 4 times the initial ones, as training tends to grow them, make
// the units far from linear along the path.
func TestIntegratedGradientsConverge(t *testing.T) {
	for _, scale := range []float64{1, 4} {
		net := courseNetwork(t)
		for _, l := range net.Layers {
			l.W.Scale(scale, l.W)
		}
		t.Run(fmt.Sprintf("weights×%g", scale), func(t *testing.T) {
			checkIntegratedGradients(t, net)
		})
	}
}

func checkIntegratedGradients(t *testing.T, net *Network) {
	x := randomInput(net.Inputs(), 6)
	baseline := make([]float64, net.Inputs())
	units := []struct {
		layer, unit int
		pre         bool
	}{{2, 0, false}, {2, 0, true}, {1, 3, false}, {0, 7, false}}
	for _, u := range units {
		name := fmt.Sprintf("layer %d unit %d pre=%v", u.layer, u.unit, u.pre)
		change := unitValue(net, x, u.layer, u.unit, u.pre) -
			unitValue(net, baseline, u.layer, u.unit, u.pre)
		previous := math.Inf(1)
		for _, steps := range []int{4, 16, 64, 256} {
			attr, residual := net.IntegratedGradients(x, baseline,
				u.layer, u.unit, u.pre, steps)
			if want := floats.Sum(attr) - change; math.Abs(residual-want) > 1e-12 {
				t.Errorf("%s, %d steps: residual %.3g, but Σ attributions − ΔF = %.3g",
					name, steps, residual, want)
			}
			if math.Abs(residual) >= previous {
				t.Errorf("%s, %d steps: |residual| %.3g did not shrink from %.3g",
					name, steps, math.Abs(residual), previous)
			}
			previous = math.Abs(residual)
		}
		if previous > 1e-4 {
			t.Errorf("%s: |residual| %.3g at 256 steps, want < 1e-4", name, previous)
		}
	}
}

// A first-layer pre-activation is linear in x, so its integrated gradients
// are w·(x − baseline) for any number of steps.
func TestIntegratedGradientsLinearUnit(t *testing.T) {
	net := explainNetwork(t, Softmax, []Activation{Tanh, Tanh}, RowMajor)
	x := randomInput(net.Inputs(), 1)
	baseline := randomInput(net.Inputs(), 2)
	w := net.Projection(0, 3)
	want := make([]float64, len(x))
	for i := range want {
		want[i] = w[i] * (x[i] - baseline[i])
	}
	attr, residual := net.IntegratedGradients(x, baseline, 0, 3, true, 1)
	assertClose(t, "attributions", attr, want, 1e-14)
	if math.Abs(residual) > 1e-14 {
		t.Errorf("residual %g, want 0", residual)
	}
}

func TestSmoothGradSigmaAndSeeds(t *testing.T) {
	for _, output := range []OutputKind{Softmax, Binary} {
		net := explainNetwork(t, output, []Activation{Sigmoid, ReLU}, RowMajor)
		x := randomInput(net.Inputs(), 3)
		last := len(net.Layers) - 1

		got := net.SmoothGrad(x, last, 0, false, 7, 0, 1)
		want := net.InputGradient(x, last, 0, false)
		assertClose(t, string(output)+" sigma 0", got, want, 1e-15)

		first := net.SmoothGrad(x, last, 0, false, 16, 0.2, 42)
		again := net.SmoothGrad(x, last, 0, false, 16, 0.2, 42)
		if !slices.Equal(first, again) {
			t.Errorf("%s: same seed gave %v, then %v", output, first, again)
		}
		if other := net.SmoothGrad(x, last, 0, false, 16, 0.2, 43); slices.Equal(first, other) {
			t.Errorf("%s: seeds 42 and 43 gave the same %v", output, first)
		}

		// The noise cannot change the gradient of a linear function.
		linear := net.SmoothGrad(x, 0, 1, true, 16, 0.5, 7)
		assertClose(t, string(output)+" first-layer z", linear, net.Projection(0, 1), 1e-14)
	}
}

func TestSquareStarts(t *testing.T) {
	tests := []struct {
		side, patch, stride int
		want                []int
	}{
		{6, 2, 2, []int{0, 2, 4}},
		{7, 2, 2, []int{0, 2, 4, 5}},
		{5, 3, 1, []int{0, 1, 2}},
		{5, 2, 4, []int{0, 3}},
		{9, 2, 4, []int{0, 4, 7}},
		{4, 4, 1, []int{0}},
		{1, 1, 3, []int{0}},
	}
	for _, tt := range tests {
		if got := squareStarts(tt.side, tt.patch, tt.stride); !slices.Equal(got, tt.want) {
			t.Errorf("squareStarts(%d, %d, %d) = %v, want %v",
				tt.side, tt.patch, tt.stride, got, tt.want)
		}
	}
}

// occlusionReference computes Occlusion by hiding each square of a copy
// of x and running Trace on it.
func occlusionReference(n *Network, x []float64, layer, unit int, pre bool,
	patch, stride int, fill float64) []float64 {
	full := unitValue(n, x, layer, unit, pre)
	sum := make([]float64, len(x))
	count := make([]float64, len(x))
	for _, top := range squareStarts(n.Grid.Height, patch, stride) {
		for _, left := range squareStarts(n.Grid.Width, patch, stride) {
			hidden := slices.Clone(x)
			var cells []int
			for y := top; y < top+patch; y++ {
				for x := left; x < left+patch; x++ {
					i := y*n.Grid.Width + x
					if n.Grid.Order == ColumnMajor {
						i = x*n.Grid.Height + y
					}
					hidden[i] = fill
					cells = append(cells, i)
				}
			}
			drop := full - unitValue(n, hidden, layer, unit, pre)
			for _, i := range cells {
				sum[i] += drop
				count[i]++
			}
		}
	}
	for i := range sum {
		if count[i] > 0 {
			sum[i] /= count[i]
		}
	}
	return sum
}

func TestOcclusionMatchesReference(t *testing.T) {
	for _, output := range []OutputKind{Softmax, OneVsRest, Binary} {
		for _, order := range []Order{RowMajor, ColumnMajor} {
			net := explainNetwork(t, output, []Activation{ReLU, Sigmoid}, order)
			x := randomInput(net.Inputs(), 12)
			for _, shape := range [][2]int{{1, 1}, {2, 1}, {2, 2}, {1, 2}} {
				patch, stride := shape[0], shape[1]
				for layer, l := range net.Layers {
					for unit := range l.B {
						name := fmt.Sprintf("%s %s patch %d stride %d layer %d unit %d",
							output, order, patch, stride, layer, unit)
						got := net.Occlusion(x, layer, unit, false, patch, stride, 0.5)
						want := occlusionReference(net, x, layer, unit, false,
							patch, stride, 0.5)
						assertClose(t, name, got, want, 1e-12)
					}
				}
			}
		}
	}
}

// On a first-layer pre-activation, hiding a square lowers z by exactly
// Σ w·(x − fill) over its cells.
func TestOcclusionFirstLayerDrop(t *testing.T) {
	net, err := New(Config{
		Grid: Grid{Width: 6, Height: 4, Order: ColumnMajor}, Hidden: []int{3},
		Classes: []string{"a", "b"}, Seed: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	x := randomInput(net.Inputs(), 5)
	w := net.Projection(0, 2)
	const fill = 0.25
	got := net.Occlusion(x, 0, 2, true, 2, 2, fill)
	if len(got) != net.Grid.Cells() {
		t.Fatalf("got %d values, want %d", len(got), net.Grid.Cells())
	}
	for top := 0; top < 4; top += 2 {
		for left := 0; left < 6; left += 2 {
			var drop float64
			for _, cell := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				i := (left+cell[0])*4 + top + cell[1]
				drop += w[i] * (x[i] - fill)
			}
			for _, cell := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				i := (left+cell[0])*4 + top + cell[1]
				if math.Abs(got[i]-drop) > 1e-14 {
					t.Errorf("square at (%d, %d), input %d: got %.17g, want %.17g",
						left, top, i, got[i], drop)
				}
			}
		}
	}
}

// A unit whose only non-zero weight is on input k, the cell in column 2 and
// row 0 of a 3×2 grid, drops only for the squares that cover that cell.
func TestOcclusionPlacesOrder(t *testing.T) {
	tests := []struct {
		order Order
		k     int
		want  []float64
	}{
		{RowMajor, 2, []float64{0, 0.5, 1, 0, 0.5, 1}},
		{ColumnMajor, 4, []float64{0, 0, 0.5, 0.5, 1, 1}},
	}
	for _, tt := range tests {
		net, err := New(Config{
			Grid: Grid{Width: 3, Height: 2, Order: tt.order}, Hidden: []int{1},
			Classes: []string{"a", "b"},
		})
		if err != nil {
			t.Fatal(err)
		}
		w := net.Layers[0].W
		for i := range net.Inputs() {
			w.Set(i, 0, 0)
		}
		w.Set(tt.k, 0, 1)
		x := []float64{1, 1, 1, 1, 1, 1}
		got := net.Occlusion(x, 0, 0, true, 2, 1, 0)
		assertClose(t, string(tt.order), got, tt.want, 0)
	}
}

func TestOcclusionUncoveredCells(t *testing.T) {
	net := explainNetwork(t, Softmax, []Activation{Tanh}, RowMajor)
	for i := range net.Inputs() {
		net.Layers[0].W.Set(i, 0, 1)
	}
	x := []float64{1, 1, 1, 1, 1, 1}
	// On the 3×2 grid, 1×1 squares every 2 cells cover columns 0 and 2,
	// and rows 0 and 1 because the last row gets a square of its own.
	// Column 1 stays uncovered.
	got := net.Occlusion(x, 0, 0, true, 1, 2, 0)
	want := []float64{1, 0, 1, 1, 0, 1}
	assertClose(t, "stride 2", got, want, 1e-15)
}

func TestAttributionMisusePanics(t *testing.T) {
	net := explainNetwork(t, Softmax, []Activation{Tanh, Tanh}, RowMajor)
	x := randomInput(net.Inputs(), 1)
	checkPanics(t, []misuseCase{
		{"short baseline", func() { net.IntegratedGradients(x, x[:5], 0, 0, true, 4) }},
		{"zero steps", func() { net.IntegratedGradients(x, x, 0, 0, true, 0) }},
		{"bad unit", func() { net.IntegratedGradients(x, x, 1, 4, true, 4) }},
		{"zero samples", func() { net.SmoothGrad(x, 0, 0, true, 0, 0.1, 1) }},
		{"negative sigma", func() { net.SmoothGrad(x, 0, 0, true, 4, -0.1, 1) }},
		{"NaN sigma", func() { net.SmoothGrad(x, 0, 0, true, 4, math.NaN(), 1) }},
		{"long noisy input", func() { net.SmoothGrad(append(x, 0), 0, 0, true, 4, 0.1, 1) }},
		{"zero patch", func() { net.Occlusion(x, 0, 0, true, 0, 1, 0) }},
		{"patch past grid", func() { net.Occlusion(x, 0, 0, true, 3, 1, 0) }},
		{"zero stride", func() { net.Occlusion(x, 0, 0, true, 1, 0, 0) }},
		{"bad layer", func() { net.Occlusion(x, 3, 0, true, 1, 1, 0) }},
	})
}

// TestIntegratedGradientsCourseResidual checks the completeness of
// integrated gradients on the course's 400-25-15-1 network at 300 steps.
func TestIntegratedGradientsCourseResidual(t *testing.T) {
	net, err := New(Config{Grid: Grid{Width: 20, Height: 20}, Hidden: []int{25, 15},
		Classes: []string{"1"}, Output: Binary, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := randomData(1, 400, 1, 6)
	baseline := make([]float64, 400)
	for _, pre := range []bool{true, false} {
		_, residual := net.IntegratedGradients(x.RawRowView(0), baseline, 2, 0, pre, 300)
		if math.Abs(residual) >= 1e-3 {
			t.Errorf("pre=%v: residual %v at 300 steps, want below 1e-3", pre, residual)
		}
	}
}
