package model

import "math"

// sigmoid is the logistic function, evaluated without overflowing exp for
// large |z|.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// activate sets a[i] = act(z[i]).
func activate(act Activation, a, z []float64) {
	switch act {
	case Sigmoid:
		for i, v := range z {
			a[i] = sigmoid(v)
		}
	case Tanh:
		for i, v := range z {
			a[i] = math.Tanh(v)
		}
	case ReLU:
		for i, v := range z {
			a[i] = math.Max(v, 0)
		}
	default:
		panic("model: unknown activation " + string(act))
	}
}

// scaleByDerivative multiplies d[i] by act'(z[i]), given a[i] = act(z[i]).
func scaleByDerivative(act Activation, d, a []float64) {
	switch act {
	case Sigmoid:
		for i, v := range a {
			d[i] *= v * (1 - v)
		}
	case Tanh:
		for i, v := range a {
			d[i] *= 1 - v*v
		}
	case ReLU:
		for i, v := range a {
			if v <= 0 {
				d[i] = 0
			}
		}
	default:
		panic("model: unknown activation " + string(act))
	}
}
