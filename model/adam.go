package model

import "math"

// adam is the Adam optimiser of Kingma and Ba (2015), in the form of
// section 2 of their paper that folds the bias corrections into the step
// size, so eps is added to the uncorrected √v.
type adam struct {
	rate, beta1, beta2, eps float64
	steps                   int
	m, v                    [][]float64 // moments, one slice per parameter array
}

func newAdam(n *Network, rate float64) *adam {
	o := &adam{rate: rate, beta1: 0.9, beta2: 0.999, eps: 1e-8}
	for _, params := range parameters(n.Layers) {
		o.m = append(o.m, make([]float64, len(params)))
		o.v = append(o.v, make([]float64, len(params)))
	}
	return o
}

// parameters returns every weight and bias array of layers, in a fixed order.
func parameters(layers []Layer) [][]float64 {
	var p [][]float64
	for _, l := range layers {
		p = append(p, raw(l.W), l.B)
	}
	return p
}

// optimizer updates a network's parameters from their gradient.
type optimizer interface {
	step(layers, grad []Layer)
}

// sgd is stochastic gradient descent with classical momentum: the
// velocity v ← momentum·v − rate·g, then w ← w + v.
type sgd struct {
	rate, momentum float64
	velocity       [][]float64
}

func newSGD(n *Network, rate, momentum float64) *sgd {
	o := &sgd{rate: rate, momentum: momentum}
	for _, params := range parameters(n.Layers) {
		o.velocity = append(o.velocity, make([]float64, len(params)))
	}
	return o
}

func (o *sgd) step(layers, grad []Layer) {
	params := parameters(layers)
	for k, g := range parameters(grad) {
		w, v := params[k], o.velocity[k]
		for i, gi := range g {
			v[i] = o.momentum*v[i] - o.rate*gi
			w[i] += v[i]
		}
	}
}

// step moves the parameters of layers against the gradient grad.
func (o *adam) step(layers, grad []Layer) {
	o.steps++
	c1 := 1 - math.Pow(o.beta1, float64(o.steps))
	c2 := 1 - math.Pow(o.beta2, float64(o.steps))
	rate := o.rate * math.Sqrt(c2) / c1
	params := parameters(layers)
	for k, g := range parameters(grad) {
		w, m, v := params[k], o.m[k], o.v[k]
		for i, gi := range g {
			m[i] = o.beta1*m[i] + (1-o.beta1)*gi
			v[i] = o.beta2*v[i] + (1-o.beta2)*gi*gi
			w[i] -= rate * m[i] / (math.Sqrt(v[i]) + o.eps)
		}
	}
}
