package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
)

func TestMaximize(t *testing.T) {
	net, err := New(Config{
		Grid: Grid{Width: 4, Height: 4}, Hidden: []int{6, 5},
		Classes: []string{"a", "b", "c"}, Activations: []Activation{Tanh, Sigmoid}, Seed: 8,
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		layer, unit int
		opt         MaximizeOptions
	}{
		{0, 2, MaximizeOptions{Pre: true, Norm: 2}},
		{1, 4, MaximizeOptions{Steps: 40, Norm: 1.5, Min: -1, Max: 1}},
		{2, 1, MaximizeOptions{Steps: 60}},
		{2, 0, MaximizeOptions{Pre: true, Rate: 0.05, Norm: 3}},
	}
	for _, tt := range tests {
		tt.opt.Seeds = []uint64{1, 2, 3}
		name := fmt.Sprintf("layer %d unit %d %+v", tt.layer, tt.unit, tt.opt)
		inputs, values := net.Maximize(tt.layer, tt.unit, tt.opt)
		if len(inputs) != 3 || len(values) != 3 {
			t.Fatalf("%s: got %d inputs and %d values, want 3 of each",
				name, len(inputs), len(values))
		}
		opt := tt.opt.withDefaults(net.Inputs())
		for i, x := range inputs {
			start := maximizeStart(net.Inputs(), opt.Seeds[i], opt)
			before := unitValue(net, start, tt.layer, tt.unit, opt.Pre)
			if values[i] <= before {
				t.Errorf("%s seed %d: value %.6g, no higher than %.6g at the start",
					name, opt.Seeds[i], values[i], before)
			}
			if got := unitValue(net, x, tt.layer, tt.unit, opt.Pre); got != values[i] {
				t.Errorf("%s seed %d: value %.17g, but the input gives %.17g",
					name, opt.Seeds[i], values[i], got)
			}
			checkAllowed(t, name, x, opt)
		}
		if slices.Equal(inputs[0], inputs[1]) || slices.Equal(inputs[1], inputs[2]) {
			t.Errorf("%s: two seeds gave the same input", name)
		}
		again, _ := net.Maximize(tt.layer, tt.unit, tt.opt)
		for i := range inputs {
			if !slices.Equal(inputs[i], again[i]) {
				t.Errorf("%s seed %d: a second run gave a different input", name, opt.Seeds[i])
			}
		}
	}
}

// checkAllowed reports values of x outside [Min, Max] and a norm above Norm.
func checkAllowed(t *testing.T, name string, x []float64, opt MaximizeOptions) {
	t.Helper()
	for j, v := range x {
		if v < opt.Min || v > opt.Max {
			t.Errorf("%s: input %d is %v, outside [%v, %v]", name, j, v, opt.Min, opt.Max)
		}
	}
	if length := floats.Norm(x, 2); opt.Norm > 0 && length > opt.Norm*(1+1e-12) {
		t.Errorf("%s: norm %.17g above the bound %v", name, length, opt.Norm)
	}
}

func TestMaximizeDefaults(t *testing.T) {
	net := courseNetwork(t)
	inputs, values := net.Maximize(2, 0, MaximizeOptions{})
	if len(inputs) != 1 || len(values) != 1 {
		t.Fatalf("got %d inputs and %d values, want 1 of each", len(inputs), len(values))
	}
	opt := MaximizeOptions{}.withDefaults(net.Inputs())
	start := unitValue(net, maximizeStart(net.Inputs(), 0, opt), 2, 0, false)
	if values[0] <= start {
		t.Errorf("value %.6g, no higher than %.6g at the start", values[0], start)
	}
	checkAllowed(t, "defaults", inputs[0], opt)
}

func TestProjectKnownPoints(t *testing.T) {
	tests := []struct {
		name string
		y    []float64
		opt  MaximizeOptions
		want []float64
	}{
		{"clip only", []float64{-1, 0.5, 2}, MaximizeOptions{Max: 1}, []float64{0, 0.5, 1}},
		{"inside ball", []float64{0.3, 0.4}, MaximizeOptions{Max: 1, Norm: 1},
			[]float64{0.3, 0.4}},
		{"onto ball", []float64{3, 4}, MaximizeOptions{Max: 10, Norm: 1}, []float64{0.6, 0.8}},
		{"clip then ball", []float64{-1, 2, 2}, MaximizeOptions{Max: 1, Norm: 1},
			[]float64{0, math.Sqrt(0.5), math.Sqrt(0.5)}},
		// clip(t·y) with t = 0.5 is (0.5, 0.2), of norm √0.29.
		{"scaled past Max", []float64{3, 0.4},
			MaximizeOptions{Max: 0.5, Norm: math.Sqrt(0.29)}, []float64{0.5, 0.2}},
	}
	for _, tt := range tests {
		got := slices.Clone(tt.y)
		project(got, tt.opt)
		assertClose(t, tt.name, got, tt.want, 1e-12)
	}
}

// The projection p of y onto a convex set is the point of the set with
// (y − p)·(q − p) ≤ 0 for every q in the set.
func TestProjectIsNearest(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	opts := []MaximizeOptions{
		{Min: 0, Max: 1, Norm: 1.5},
		{Min: -1, Max: 1, Norm: 0.7},
		{Min: 0.1, Max: 0.9, Norm: 1.2},
	}
	for _, opt := range opts {
		for range 50 {
			y := make([]float64, 6)
			for i := range y {
				y[i] = 3 * rng.NormFloat64()
			}
			p := slices.Clone(y)
			project(p, opt)
			checkAllowed(t, fmt.Sprintf("%+v", opt), p, opt)
			for range 20 {
				q := make([]float64, len(y))
				for i := range q {
					q[i] = opt.Min + (opt.Max-opt.Min)*rng.Float64()
				}
				project(q, opt) // any allowed point will do
				var inner float64
				for i := range y {
					inner += (y[i] - p[i]) * (q[i] - p[i])
				}
				if inner > 1e-9 {
					t.Errorf("%+v: y %v projects to %v, but q %v is nearer (inner product %g)",
						opt, y, p, q, inner)
				}
			}
		}
	}
}

func TestMaximizeMisusePanics(t *testing.T) {
	net := explainNetwork(t, Softmax, []Activation{Tanh, Tanh}, RowMajor)
	checkPanics(t, []misuseCase{
		{"Max below Min", func() { net.Maximize(0, 0, MaximizeOptions{Min: 1, Max: 0.5}) }},
		{"negative rate", func() { net.Maximize(0, 0, MaximizeOptions{Rate: -1}) }},
		{"infinite rate", func() { net.Maximize(0, 0, MaximizeOptions{Rate: math.Inf(1)}) }},
		{"negative steps", func() { net.Maximize(0, 0, MaximizeOptions{Steps: -1}) }},
		{"NaN norm", func() { net.Maximize(0, 0, MaximizeOptions{Norm: math.NaN()}) }},
		{"unreachable norm", func() {
			net.Maximize(0, 0, MaximizeOptions{Min: 0.5, Max: 1, Norm: 1})
		}},
		{"bad unit", func() { net.Maximize(2, 3, MaximizeOptions{}) }},
	})
}

// TestMaximizeLayerOneIsTemplate checks the classic result behind layer-1
// "templates": under the norm bound ‖x‖ ≤ r with no clipping, the input that
// maximises a first-layer unit's pre-activation w·x + b is r·w/‖w‖.
func TestMaximizeLayerOneIsTemplate(t *testing.T) {
	net, err := New(Config{Grid: Grid{Width: 5, Height: 4}, Hidden: []int{3},
		Classes: []string{"a", "b"}, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	const r = 2.0
	for unit := range 3 {
		inputs, _ := net.Maximize(0, unit, MaximizeOptions{
			Pre: true, Norm: r, Min: -100, Max: 100, Steps: 400, Seeds: []uint64{1, 2},
		})
		w := make([]float64, net.Inputs())
		for i := range w {
			w[i] = net.Layers[0].W.At(i, unit)
		}
		scale := r / floats.Norm(w, 2)
		for s, x := range inputs {
			for i := range x {
				if math.Abs(x[i]-scale*w[i]) > 1e-3 {
					t.Errorf("unit %d seed %d: input %d = %v, want r·w/‖w‖ = %v",
						unit, s, i, x[i], scale*w[i])
					break
				}
			}
		}
	}
}
