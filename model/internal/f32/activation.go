package f32

import (
	"fmt"
	"math"
)

// Activation is the nonlinearity a layer applies to its pre-activations.
type Activation uint8

const (
	Identity Activation = iota // no nonlinearity: the logits of an output layer
	Sigmoid                    // 1/(1+e^-z)
	Tanh
	ReLU // max(0, z)
)

func (a Activation) String() string {
	switch a {
	case Identity:
		return "identity"
	case Sigmoid:
		return "sigmoid"
	case Tanh:
		return "tanh"
	case ReLU:
		return "relu"
	}
	return fmt.Sprintf("Activation(%d)", uint8(a))
}

func (a Activation) check() {
	if a > ReLU {
		panic("f32: unknown activation " + a.String())
	}
}

// activate returns act(z), computed in float64.
func activate(act Activation, z float32) float32 {
	switch act {
	case Sigmoid:
		return float32(sigmoid64(float64(z)))
	case Tanh:
		return float32(math.Tanh(float64(z)))
	case ReLU:
		return max(z, 0)
	}
	return z
}

// derivative returns act'(z) given a = act(z).
func derivative(act Activation, a float32) float32 {
	switch act {
	case Sigmoid:
		return a * (1 - a)
	case Tanh:
		return 1 - a*a
	case ReLU:
		if a > 0 {
			return 1
		}
		return 0
	}
	return 1
}

// sigmoid64 is the logistic function, evaluated without overflowing exp.
func sigmoid64(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// softplus64 returns log(1+e^z) as max(z,0) + log1p(e^-|z|), which is finite
// for every finite z.
func softplus64(z float64) float64 {
	return math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z)))
}
