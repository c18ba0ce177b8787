package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// evalRows is the batch size used when evaluating many samples at once.
const evalRows = 256

// Predict returns the output probabilities and logits for one input row.
// A Binary network returns one probability: that of its positive class.
func (n *Network) Predict(x []float64) (prob, logits []float64) {
	if len(x) != n.Inputs() {
		panic(fmt.Sprintf("model: input of length %d for a network with %d inputs", len(x), n.Inputs()))
	}
	s := n.getRowPass()
	defer putRowPass(s)
	last := len(n.Layers) - 1
	n.forwardOne(s, x, last)
	return append([]float64(nil), s.a[last]...), append([]float64(nil), s.z[last]...)
}

// Score is the network's output for one class.
type Score struct {
	Label       string
	Probability float64
	Logit       float64
}

// Rank returns one Score per class, most probable first; ties keep class
// order. A Binary network scores its positive class with logit z and a
// "not <class>" entry with logit −z, so the two probabilities sum to 1 and at
// exactly p = 0.5 (z = 0) the positive class ranks first, as the rule
// p ≥ 0.5 decides. The probabilities of a OneVsRest network are
// independent sigmoids and need not sum to 1.
func (n *Network) Rank(x []float64) []Score {
	prob, logits := n.Predict(x)
	var scores []Score
	if n.Output == Binary {
		scores = []Score{
			{n.Classes[0], prob[0], logits[0]},
			{"not " + n.Classes[0], 1 - prob[0], -logits[0]},
		}
	} else { // one score per output, for Softmax and OneVsRest alike
		for i, name := range n.Classes {
			scores = append(scores, Score{name, prob[i], logits[i]})
		}
	}
	slices.SortStableFunc(scores, func(a, b Score) int {
		return cmp.Compare(b.Probability, a.Probability)
	})
	return scores
}

// Evaluate returns the mean loss and the accuracy of n on the labelled rows
// of x. Both are NaN when x is nil.
func (n *Network) Evaluate(x *mat.Dense, y []int) (loss, accuracy float64) {
	if x == nil {
		return math.NaN(), math.NaN()
	}
	if err := n.checkData(x, y); err != nil {
		panic(err)
	}
	rows, _ := x.Dims()
	p := newPass(n, min(rows, evalRows))
	var correct int
	for i := 0; i < rows; i += evalRows {
		end := min(i+evalRows, rows)
		n.forward(p, x.Slice(i, end, 0, n.Inputs()).(*mat.Dense))
		l, c := n.score(p, end-i, y[i:end])
		loss += l
		correct += c
	}
	return loss / float64(rows), float64(correct) / float64(rows)
}

// Gradient returns the mean loss of n over the labelled rows of x plus the
// L2 penalty l2/2·Σw² over all weights (biases excluded), and its gradient
// with respect to every weight and bias.
func (n *Network) Gradient(x *mat.Dense, y []int, l2 float64) (loss float64, grad []Layer) {
	if err := n.checkData(x, y); err != nil {
		panic(err)
	}
	rows, _ := x.Dims()
	p := newPass(n, rows)
	grad = n.zeroLike()
	n.forward(p, x)
	loss, _ = n.score(p, rows, y)
	n.backward(p, x, grad)
	return loss/float64(rows) + addPenalty(n.Layers, grad, l2), grad
}

// addPenalty adds the gradient of l2/2·Σw² to grad and returns the penalty.
func addPenalty(layers, grad []Layer, l2 float64) float64 {
	if l2 == 0 {
		return 0
	}
	var sum float64
	for i, l := range layers {
		w, g := raw(l.W), raw(grad[i].W)
		for j, v := range w {
			sum += v * v
			g[j] += l2 * v
		}
	}
	return l2 / 2 * sum
}

// checkData reports whether x and y fit n: one label per row, one column per
// input, finite values, and every label a valid target. A nil x fits no
// labels.
func (n *Network) checkData(x *mat.Dense, y []int) error {
	if x == nil {
		if len(y) == 0 {
			return nil
		}
		return fmt.Errorf("model: %d labels but no samples", len(y))
	}
	rows, cols := x.Dims()
	if cols != n.Inputs() {
		return fmt.Errorf("model: samples have %d values, the network has %d inputs", cols, n.Inputs())
	}
	if rows != len(y) {
		return fmt.Errorf("model: %d samples but %d labels", rows, len(y))
	}
	classes := n.Outputs()
	if n.Output == Binary {
		classes = 2
	}
	for i, v := range y {
		if v < 0 || v >= classes {
			return fmt.Errorf("model: label %d of sample %d is outside 0..%d", v, i, classes-1)
		}
	}
	for i := range rows {
		for j, v := range x.RawRowView(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("model: value %d of sample %d is %v: inputs must be finite", j, i, v)
			}
		}
	}
	return nil
}
