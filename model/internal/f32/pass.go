package f32

// forward computes every layer's activations for the first rows of the
// batch. The last layer's out holds the logits.
func (t *Trainer) forward(rows int) {
	in := t.input.Top(rows)
	for i := range t.layers {
		l := &t.layers[i]
		out := l.out.Top(rows)
		t.kern.mul(out, in, l.w, l.b, l.act)
		in = out
	}
}

// score sets the last layer's delta to the gradient of the mean loss with
// respect to the logits, and returns the summed loss and the number of
// rows whose predicted class is their label.
func (t *Trainer) score(rows int, y []int) (loss float64, correct int) {
	last := &t.layers[len(t.layers)-1]
	scale := 1 / float32(rows)
	t.kern.probabilities(t.output, last.delta.Top(rows), last.out.Top(rows), scale, t.norm)
	for i, label := range y[:rows] {
		z, d := last.out.Row(i), last.delta.Row(i)
		target := label
		if t.output == Binary {
			// The single output is the positive class, so the target
			// logit is z[0] for label 1 and none for label 0.
			target = 0
			if label == 0 {
				target = -1
			}
		}
		loss += float64(t.norm[i])
		if target >= 0 {
			loss -= float64(z[target])
			d[target] -= scale
		}
		if t.predict(z) == label {
			correct++
		}
	}
	return loss, correct
}

// predict returns the class of the largest logit, or for a Binary output 1
// if the logit is at least 0 (probability at least 0.5) and 0 otherwise.
// It returns -1, no class, when a logit is NaN.
func (t *Trainer) predict(z []float32) int {
	for _, v := range z {
		if v != v {
			return -1
		}
	}
	if t.output == Binary {
		if z[0] >= 0 {
			return 1
		}
		return 0
	}
	best := 0
	for j, v := range z {
		if v > z[best] {
			best = j
		}
	}
	return best
}

// backward propagates the last layer's delta down the layers and stores the
// gradient of every layer's weights and biases.
func (t *Trainer) backward(rows int) {
	for i := len(t.layers) - 1; i >= 0; i-- {
		l := &t.layers[i]
		delta := l.delta.Top(rows)
		in := t.input.Top(rows)
		if i > 0 {
			in = t.layers[i-1].out.Top(rows)
		}
		t.kern.mulTransA(l.gradW, in, delta)
		t.kern.addColumns(l.gradB, delta)
		if i == 0 {
			break
		}
		below := &t.layers[i-1]
		t.kern.mulTransB(below.delta.Top(rows), delta, l.w)
		n := rows * below.out.Cols
		t.kern.scaleByDerivative(below.delta.Data[:n], below.out.Data[:n], below.act)
	}
}

// Update applies one step of the optimizer to the weights with the gradient
// that Gradient computed last, adding the L2 penalty's gradient to that of
// the weights.
func (t *Trainer) Update() {
	t.steps++
	for i := range t.layers {
		l := &t.layers[i]
		if t.opt.Optimizer == SGD {
			s := sgdStep{rate: t.opt.LearningRate, momentum: t.opt.Momentum, l2: t.opt.L2}
			t.kern.sgd(l.w.Data, l.gradW.Data, l.w1, s)
			s.l2 = 0
			t.kern.sgd(l.b, l.gradB, l.b1, s)
			continue
		}
		s := newAdamStep(t.opt.LearningRate, t.steps, t.opt.L2)
		t.kern.adam(l.w.Data, l.gradW.Data, l.w1, l.w2, s)
		s.l2 = 0
		t.kern.adam(l.b, l.gradB, l.b1, l.b2, s)
	}
}
