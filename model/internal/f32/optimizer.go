package f32

import (
	"fmt"
	"math"
)

// Optimizer is the rule that updates the parameters after each batch.
type Optimizer uint8

const (
	// Adam is Adam with β1 = 0.9, β2 = 0.999 and ε = 1e-8, in the form
	// that folds the bias corrections into the step size, so ε is added
	// to the uncorrected √v.
	Adam Optimizer = iota
	// SGD is stochastic gradient descent with classical momentum: the
	// velocity v ← momentum·v − rate·g, then w ← w + v.
	SGD
)

func (o Optimizer) String() string {
	switch o {
	case Adam:
		return "adam"
	case SGD:
		return "sgd"
	}
	return fmt.Sprintf("Optimizer(%d)", uint8(o))
}

// Options configures the updates of a Trainer.
type Options struct {
	Optimizer    Optimizer
	LearningRate float32
	Momentum     float32 // SGD only
	// L2 is the weight penalty l2/2·Σw². Its gradient l2·w is added to
	// the gradient of every weight, but not of the biases, in Update.
	L2 float32
}

// adamStep holds the coefficients of one Adam update. Its rate includes the
// bias corrections.
type adamStep struct {
	rate, beta1, beta2, eps, l2 float32
}

// sgdStep holds the coefficients of one SGD update.
type sgdStep struct {
	rate, momentum, l2 float32
}

const (
	adamBeta1   = 0.9
	adamBeta2   = 0.999
	adamEpsilon = 1e-8
)

// newAdamStep returns the coefficients of update number step, counted from
// 1, with penalty l2.
func newAdamStep(rate float32, step int, l2 float32) adamStep {
	c1 := 1 - math.Pow(adamBeta1, float64(step))
	c2 := 1 - math.Pow(adamBeta2, float64(step))
	return adamStep{
		rate:  float32(float64(rate) * math.Sqrt(c2) / c1),
		beta1: adamBeta1, beta2: adamBeta2, eps: adamEpsilon, l2: l2,
	}
}

func adamPortable(w, g, m, v []float32, s adamStep) {
	g, m, v = g[:len(w)], m[:len(w)], v[:len(w)]
	for i, wi := range w {
		gi := g[i] + s.l2*wi
		m[i] = s.beta1*m[i] + (1-s.beta1)*gi
		v[i] = s.beta2*v[i] + (1-s.beta2)*gi*gi
		w[i] = wi - s.rate*m[i]/(float32(math.Sqrt(float64(v[i])))+s.eps)
	}
}

func sgdPortable(w, g, vel []float32, s sgdStep) {
	g, vel = g[:len(w)], vel[:len(w)]
	for i, wi := range w {
		vel[i] = s.momentum*vel[i] - s.rate*(g[i]+s.l2*wi)
		w[i] = wi + vel[i]
	}
}
