package model

import (
	"fmt"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// Trace is the pre-activations Z and activations A of every layer for one
// input, indexed [layer][unit]. A of the output layer contains the output
// probabilities, as Predict returns them.
type Trace struct {
	Z, A [][]float64
}

// Trace runs x through the network and returns every layer's values.
func (n *Network) Trace(x []float64) Trace {
	s := n.getRowPass()
	defer putRowPass(s)
	n.forwardOne(s, x, len(n.Layers)-1)

	var t Trace
	for l := range n.Layers {
		t.Z = append(t.Z, slices.Clone(s.z[l]))
		t.A = append(t.A, slices.Clone(s.a[l]))
	}
	return t
}

// InputGradient returns the gradient ∂F/∂x at the input x of one unit's
// value F: its pre-activation z when pre is true, and otherwise its
// activation, or for the output layer its probability. It runs one forward
// pass up to layer and one backward pass, with no finite differences. For
// the pre-activation of a unit in layer 1 or above, the gradient is the
// network's linearisation at x: every path from the input to the unit,
// weighted by the activation derivatives of the units it passes at x.
//
// A ReLU unit whose pre-activation is exactly 0 has derivative 0 there,
// so no gradient flows through it.
func (n *Network) InputGradient(x []float64, layer, unit int, pre bool) []float64 {
	n.checkUnit(layer, unit)
	s := n.getRowPass()
	defer putRowPass(s)

	grad := make([]float64, n.Inputs())
	n.forwardOne(s, x, layer)
	n.gradientOne(s, layer, unit, pre, grad)
	return grad
}

// gradientOne sets grad to ∂F/∂x of the unit's value, given the forward
// pass up to layer in s.
func (n *Network) gradientOne(s *rowPass, layer, unit int, pre bool, grad []float64) {
	d := s.delta[0][:len(n.Layers[layer].B)]
	n.seedDelta(s, d, layer, unit, pre)
	for l := layer; l > 0; l-- {
		below := s.delta[1][:len(n.Layers[l-1].B)]
		blas64.Gemv(blas.NoTrans, 1, general(n.Layers[l]), vector(d), 0, vector(below))
		scaleByDerivative(n.Layers[l-1].Activation, below, s.a[l-1])
		s.delta[0], s.delta[1] = s.delta[1], s.delta[0]
		d = below
	}
	blas64.Gemv(blas.NoTrans, 1, general(n.Layers[0]), vector(d), 0, vector(grad))
}

// seedDelta sets d to ∂F/∂z of the units of layer, for F the chosen value
// of unit.
func (n *Network) seedDelta(s *rowPass, d []float64, layer, unit int, pre bool) {
	clear(d)
	switch {
	case pre:
		d[unit] = 1
	case layer < len(n.Layers)-1:
		d[unit] = 1
		act := n.Layers[layer].Activation
		scaleByDerivative(act, d[unit:unit+1], s.a[layer][unit:unit+1])
	case n.Output == Softmax:
		// ∂p_u/∂z_j = p_u·(δ_uj − p_j).
		p := s.a[layer]
		for j, pj := range p {
			d[j] = -p[unit] * pj
		}
		d[unit] += p[unit]
	default: // an independent sigmoid per output
		p := s.a[layer][unit]
		d[unit] = p * (1 - p)
	}
}

// value returns the chosen value of unit from the forward pass in s.
func value(s *rowPass, layer, unit int, pre bool) float64 {
	if pre {
		return s.z[layer][unit]
	}
	return s.a[layer][unit]
}

// Projection returns the linear projection of a unit onto the input:
// column unit of the product W₀·W₁·…·W_layer of the weight matrices up to
// layer. It ignores the biases and every nonlinearity, so unlike
// InputGradient it does not depend on an input. For layer 0 it is the
// unit's weights.
func (n *Network) Projection(layer, unit int) []float64 {
	n.checkUnit(layer, unit)
	w := general(n.Layers[layer])
	col := make([]float64, w.Rows)
	blas64.Copy(blas64.Vector{N: w.Rows, Data: w.Data[unit:], Inc: w.Stride}, vector(col))
	for l := layer - 1; l >= 0; l-- {
		below := make([]float64, general(n.Layers[l]).Rows)
		blas64.Gemv(blas.NoTrans, 1, general(n.Layers[l]), vector(col), 0, vector(below))
		col = below
	}
	return col
}

// checkUnit panics unless layer and unit name a unit of n.
func (n *Network) checkUnit(layer, unit int) {
	if layer < 0 || layer >= len(n.Layers) {
		panic(fmt.Sprintf("model: layer %d out of range: the network has layers 0 to %d",
			layer, len(n.Layers)-1))
	}
	if units := len(n.Layers[layer].B); unit < 0 || unit >= units {
		panic(fmt.Sprintf("model: unit %d out of range: layer %d has units 0 to %d",
			unit, layer, units-1))
	}
}
