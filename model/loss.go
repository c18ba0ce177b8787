package model

import "math"

// softmaxLoss sets p to the softmax of the logits z and returns the
// cross-entropy −log p[label], computed as logsumexp(z) − z[label] so that
// no logarithm of zero and no overflowing exponential is ever taken.
func softmaxLoss(p, z []float64, label int) float64 {
	lse := logSumExp(z)
	if math.IsInf(lse, 1) {
		splitAmongInfinite(p, z)
	} else {
		for i, v := range z {
			p[i] = math.Exp(v - lse)
		}
	}
	return lse - z[label]
}

// splitAmongInfinite sets p to the limit of the softmax when some logits
// are +Inf: equal shares among those and 0 for the others.
func splitAmongInfinite(p, z []float64) {
	count := 0
	for _, v := range z {
		if math.IsInf(v, 1) {
			count++
		}
	}
	for i, v := range z {
		p[i] = 0
		if math.IsInf(v, 1) {
			p[i] = 1 / float64(count)
		}
	}
}

func logSumExp(z []float64) float64 {
	m := math.Inf(-1)
	for _, v := range z {
		m = math.Max(m, v)
	}
	if math.IsInf(m, 0) {
		return m
	}
	var s float64
	for _, v := range z {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// sigmoidLoss returns the binary cross-entropy of the logit z for the target
// y in {0, 1}, as max(z,0) − z·y + log(1+e^−|z|), which is finite for every
// finite z.
func sigmoidLoss(z float64, y int) float64 {
	return math.Max(z, 0) - z*float64(y) + math.Log1p(math.Exp(-math.Abs(z)))
}

// outputLoss turns one row of logits into probabilities in p and returns
// the loss for label. For a Binary network p has one element and label is
// 1 for the positive class. For OneVsRest the loss is the sum of the
// binary cross-entropies of every output against the one-hot target.
func outputLoss(kind OutputKind, p, z []float64, label int) float64 {
	switch kind {
	case Binary:
		p[0] = sigmoid(z[0])
		return sigmoidLoss(z[0], label)
	case OneVsRest:
		var loss float64
		for j, v := range z {
			p[j] = sigmoid(v)
			target := 0
			if j == label {
				target = 1
			}
			loss += sigmoidLoss(v, target)
		}
		return loss
	}
	return softmaxLoss(p, z, label)
}

// predictedClass returns the index of the largest probability, which is
// that of the largest logit for Softmax and OneVsRest, or for a Binary
// network 1 when p ≥ 0.5 (logit ≥ 0) and 0 otherwise. It returns -1, no
// class, when a logit is NaN.
func predictedClass(kind OutputKind, z []float64) int {
	for _, v := range z {
		if math.IsNaN(v) {
			return -1
		}
	}
	if kind == Binary {
		if z[0] >= 0 {
			return 1
		}
		return 0
	}
	best := 0
	for i, v := range z {
		if v > z[best] {
			best = i
		}
	}
	return best
}
