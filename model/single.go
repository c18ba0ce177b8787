package model

import (
	"fmt"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// rowPass is the buffers of a forward and a backward pass of one input row.
// The explanation views run thousands of such passes, so the buffers come
// from a pool: take them with getRowPass and return them with putRowPass.
type rowPass struct {
	// z and a are the pre-activations and activations of each layer. The
	// activations of the output layer are its probabilities.
	z, a [][]float64

	// delta is two buffers of the widest layer for ∂F/∂z, swapped at each
	// layer of a backward pass.
	delta [2][]float64

	buf []float64 // the memory that every slice above shares
}

var rowPassPool = sync.Pool{New: func() any { return new(rowPass) }}

// getRowPass returns buffers shaped for n, reusing pooled memory.
func (n *Network) getRowPass() *rowPass {
	s := rowPassPool.Get().(*rowPass)
	widest, total := 0, 0
	for _, l := range n.Layers {
		widest = max(widest, len(l.B))
		total += 2 * len(l.B)
	}
	total += 2 * widest
	if cap(s.buf) < total {
		s.buf = make([]float64, total)
	}
	free := s.buf[:total]
	take := func(size int) []float64 {
		v := free[:size:size]
		free = free[size:]
		return v
	}
	s.z, s.a = s.z[:0], s.a[:0]
	for _, l := range n.Layers {
		s.z = append(s.z, take(len(l.B)))
		s.a = append(s.a, take(len(l.B)))
	}
	s.delta[0], s.delta[1] = take(widest), take(widest)
	return s
}

func putRowPass(s *rowPass) { rowPassPool.Put(s) }

// general returns the weights of l as a BLAS matrix that shares their
// memory.
func general(l Layer) blas64.General { return l.W.RawMatrix() }

func vector(v []float64) blas64.Vector {
	return blas64.Vector{N: len(v), Data: v, Inc: 1}
}

// forwardOne runs the input row x through layers 0 to upto and stores their
// pre-activations and activations in s. If upto is the output layer, its
// activations are the probabilities.
func (n *Network) forwardOne(s *rowPass, x []float64, upto int) {
	n.checkInput(x)
	n.preActivate(s, 0, x)
	n.propagate(s, 0, upto)
}

// preActivate sets s.z[l] to in·W + b of layer l.
func (n *Network) preActivate(s *rowPass, l int, in []float64) {
	layer := n.Layers[l]
	copy(s.z[l], layer.B)
	blas64.Gemv(blas.Trans, 1, general(layer), vector(in), 1, vector(s.z[l]))
}

// propagate activates layer from, whose pre-activations are already in s,
// and computes the layers above it up to upto.
func (n *Network) propagate(s *rowPass, from, upto int) {
	last := len(n.Layers) - 1
	for l := from; l <= upto; l++ {
		if l > from {
			n.preActivate(s, l, s.a[l-1])
		}
		if l == last {
			outputLoss(n.Output, s.a[l], s.z[l], 0)
		} else {
			activate(n.Layers[l].Activation, s.a[l], s.z[l])
		}
	}
}

// checkInput panics unless x has one value per input of n.
func (n *Network) checkInput(x []float64) {
	if len(x) != n.Inputs() {
		panic(fmt.Sprintf("model: input of length %d for a network with %d inputs",
			len(x), n.Inputs()))
	}
}
