package model

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// SmoothGrad returns the mean of InputGradient over samples noisy copies
// of x, each with independent Gaussian noise of standard deviation sigma
// added to every input. The noise comes from a PCG source seeded with seed
// and is not clipped to any pixel range. With sigma 0 every copy is x.
func (n *Network) SmoothGrad(x []float64, layer, unit int, pre bool,
	samples int, sigma float64, seed uint64) []float64 {
	n.checkUnit(layer, unit)
	n.checkInput(x)
	if samples < 1 || !(sigma >= 0) || math.IsInf(sigma, 1) {
		panic(fmt.Sprintf("model: SmoothGrad with %d samples and sigma %v: "+
			"want at least 1 sample and a finite sigma ≥ 0", samples, sigma))
	}
	s := n.getRowPass()
	defer putRowPass(s)

	rng := newRand(seed)
	noisy := make([]float64, len(x))
	grad := make([]float64, len(x))
	mean := make([]float64, len(x))
	for range samples {
		for i, v := range x {
			noisy[i] = v + sigma*rng.NormFloat64()
		}
		n.forwardOne(s, noisy, layer)
		n.gradientOne(s, layer, unit, pre, grad)
		floats.Add(mean, grad)
	}
	floats.Scale(1/float64(samples), mean)
	return mean
}

// IntegratedGradients returns the attribution of each input to the unit's
// value F (chosen by pre as in InputGradient) at x relative to baseline:
// (x_i − baseline_i) times the mean of ∂F/∂x_i along the straight path from
// baseline to x. The mean is the trapezoidal rule over steps equal
// intervals, so it takes steps+1 gradients. The residual is
// Σ attributions − (F(x) − F(baseline)), which would be 0 for the exact
// integral, so its size shows whether steps is large enough.
func (n *Network) IntegratedGradients(x, baseline []float64, layer, unit int, pre bool,
	steps int) (attr []float64, residual float64) {
	n.checkUnit(layer, unit)
	n.checkInput(x)
	n.checkInput(baseline)
	if steps < 1 {
		panic(fmt.Sprintf("model: IntegratedGradients with %d steps: want at least 1",
			steps))
	}
	s := n.getRowPass()
	defer putRowPass(s)

	point := make([]float64, len(x))
	grad := make([]float64, len(x))
	attr = make([]float64, len(x))
	var atBaseline, atX float64
	for k := 0; k <= steps; k++ {
		// (1−α)·b + α·x is exactly b at α = 0 and exactly x at α = 1.
		alpha := float64(k) / float64(steps)
		for i := range point {
			point[i] = (1-alpha)*baseline[i] + alpha*x[i]
		}
		n.forwardOne(s, point, layer)
		n.gradientOne(s, layer, unit, pre, grad)
		weight := 1 / float64(steps)
		switch k {
		case 0:
			atBaseline, weight = value(s, layer, unit, pre), weight/2
		case steps:
			atX, weight = value(s, layer, unit, pre), weight/2
		}
		floats.AddScaled(attr, weight, grad)
	}
	for i := range attr {
		attr[i] *= x[i] - baseline[i]
	}
	return attr, floats.Sum(attr) - (atX - atBaseline)
}

// Occlusion returns how much the unit's value F (chosen by pre as in
// InputGradient) drops when part of x is hidden: for patch×patch squares
// of cells of n.Grid, the drop F(x) − F(x with the square's cells set to
// fill). Squares start every stride cells from the top-left corner, and
// one more along an axis touches the far edge when the last regular one
// falls short of it, so with stride ≤ patch every cell is covered. The
// result has one value per cell, indexed like x in n.Grid.Order: the mean
// drop of the squares that cover the cell, or 0 for a cell no square
// covers, which happens only when stride > patch.
func (n *Network) Occlusion(x []float64, layer, unit int, pre bool,
	patch, stride int, fill float64) []float64 {
	n.checkUnit(layer, unit)
	n.checkInput(x)
	g := n.Grid
	if patch < 1 || stride < 1 || patch > g.Width || patch > g.Height {
		panic(fmt.Sprintf("model: occlusion patch %d with stride %d on a %d×%d grid: "+
			"want a stride ≥ 1 and a patch from 1 to the shorter side",
			patch, stride, g.Width, g.Height))
	}
	if g.Cells() != n.Inputs() {
		panic(fmt.Sprintf("model: grid %d×%d does not fit %d inputs",
			g.Width, g.Height, n.Inputs()))
	}
	o := newOccluder(n, x, layer)
	defer putRowPass(o.s)

	sum := make([]float64, len(x))
	count := make([]int, len(x))
	full := value(o.s, layer, unit, pre)
	lefts := squareStarts(g.Width, patch, stride)
	for _, top := range squareStarts(g.Height, patch, stride) {
		for _, left := range lefts {
			cells := o.square(left, top, patch)
			o.hide(cells, fill, layer)
			drop := full - value(o.s, layer, unit, pre)
			for _, i := range cells {
				sum[i] += drop
				count[i]++
			}
		}
	}
	for i, c := range count {
		if c > 0 {
			sum[i] /= float64(c)
		}
	}
	return sum
}

// occluder evaluates a network on copies of one input with squares of it
// hidden. The first layer is linear in the input, so hiding a square
// changes its pre-activations by −Σ (x_i − fill)·W₀[i,:] over the square's
// cells, which costs patch² rows of W₀ instead of a whole first layer.
type occluder struct {
	n     *Network
	x     []float64
	s     *rowPass
	z0    []float64 // first-layer pre-activations of x
	cells []int
}

func newOccluder(n *Network, x []float64, layer int) *occluder {
	o := &occluder{n: n, x: x, s: n.getRowPass()}
	n.forwardOne(o.s, x, layer)
	o.z0 = append([]float64(nil), o.s.z[0]...)
	return o
}

// square returns the input indices of the patch×patch square whose
// top-left cell is (left, top).
func (o *occluder) square(left, top, patch int) []int {
	o.cells = o.cells[:0]
	for y := top; y < top+patch; y++ {
		for x := left; x < left+patch; x++ {
			o.cells = append(o.cells, o.n.Grid.index(x, y))
		}
	}
	return o.cells
}

// hide runs the layers up to layer on x with cells set to fill.
func (o *occluder) hide(cells []int, fill float64, layer int) {
	w := general(o.n.Layers[0])
	z := o.s.z[0]
	copy(z, o.z0)
	for _, i := range cells {
		row := w.Data[i*w.Stride : i*w.Stride+w.Cols]
		floats.AddScaled(z, fill-o.x[i], row)
	}
	o.n.propagate(o.s, 0, layer)
}

// squareStarts returns the first cells along a side of length side of the
// squares of length patch placed every stride cells, plus one that ends at
// the far edge if the last of those does not reach it.
func squareStarts(side, patch, stride int) []int {
	var starts []int
	for p := 0; p+patch <= side; p += stride {
		starts = append(starts, p)
	}
	if last := starts[len(starts)-1]; last+patch < side {
		starts = append(starts, side-patch)
	}
	return starts
}

// index returns the input index of the cell in column x and row y.
func (g Grid) index(x, y int) int {
	if g.Order == ColumnMajor {
		return x*g.Height + y
	}
	return y*g.Width + x
}
