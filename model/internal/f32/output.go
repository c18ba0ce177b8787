package f32

import (
	"fmt"
	"math"
)

// Output is the rule that turns a network's logits into probabilities, with
// the cross-entropy loss that belongs to it.
type Output uint8

const (
	// Softmax has one output per class, and its probabilities sum to 1.
	// The loss of a sample is logsumexp(z) − z[label].
	Softmax Output = iota
	// OneVsRest has one sigmoid output per class. The loss of a sample is
	// the sum over outputs of the binary cross-entropy against the one-hot
	// target: Σ_j softplus(z[j]) − z[label].
	OneVsRest
	// Binary has a single sigmoid output, the probability of label 1. The
	// loss of a sample is softplus(z) − label·z.
	Binary
)

func (o Output) String() string {
	switch o {
	case Softmax:
		return "softmax"
	case OneVsRest:
		return "one-vs-rest"
	case Binary:
		return "binary"
	}
	return fmt.Sprintf("Output(%d)", uint8(o))
}

// probabilitiesPortable sets row i of d to scale times the probabilities of
// the logits in row i of z, and norm[i] to the row's normaliser: the
// log-sum-exp for Softmax, Σ_j softplus(z[j]) otherwise. The loss of row i
// is then norm[i] minus the logit of its target.
func probabilitiesPortable(kind Output, d, z Matrix, scale float32, norm []float32) {
	for i := range z.Rows {
		zi, di := z.Row(i), d.Row(i)
		if kind == Softmax {
			norm[i] = softmaxRowPortable(di, zi, scale)
			continue
		}
		var sum float64
		for j, v := range zi {
			di[j] = scale * float32(sigmoid64(float64(v)))
			sum += softplus64(float64(v))
		}
		norm[i] = float32(sum)
	}
}

// softmaxRowPortable sets d to scale times the softmax of z and returns the
// log-sum-exp of z. It subtracts the largest logit first, so no exponential
// overflows.
func softmaxRowPortable(d, z []float32, scale float32) float32 {
	top := math.Inf(-1)
	for _, v := range z {
		top = math.Max(top, float64(v))
	}
	var sum float64
	for j, v := range z {
		e := math.Exp(float64(v) - top)
		d[j] = float32(e)
		sum += e
	}
	f := float64(scale) / sum
	for j := range d {
		d[j] = float32(float64(d[j]) * f)
	}
	return float32(top + math.Log(sum))
}
