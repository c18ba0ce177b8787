package model

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Confusion returns the confusion matrix of n on the labelled rows of x:
// counts[t][p] is the number of rows of true class t that n assigns to
// class p. Rows and columns follow n.Classes for Softmax and OneVsRest
// networks, which predict the class of the largest output. A Binary
// network's matrix is 2×2 in the order of its labels: index 0 is
// "not Classes[0]" and index 1 is Classes[0], predicted when p ≥ 0.5.
// A nil x gives a matrix of zeros. Rows whose output is NaN predict no
// class and are not counted.
//
// Confusion panics, as Evaluate does, if x and y do not fit n: a label out
// of range, a count mismatch or a non-finite input.
func (n *Network) Confusion(x *mat.Dense, y []int) [][]int {
	if err := n.checkData(x, y); err != nil {
		panic(err)
	}
	classes := n.Outputs()
	if n.Output == Binary {
		classes = 2
	}
	counts := make([][]int, classes)
	for i := range counts {
		counts[i] = make([]int, classes)
	}
	if x == nil {
		return counts
	}

	rows, _ := x.Dims()
	p := newPass(n, min(rows, evalRows))
	last := len(n.Layers) - 1
	for i := 0; i < rows; i += evalRows {
		end := min(i+evalRows, rows)
		n.forward(p, x.Slice(i, end, 0, n.Inputs()).(*mat.Dense))
		z := top(p.z[last], end-i)
		for r := range end - i {
			if c := predictedClass(n.Output, z.RawRowView(r)); c >= 0 {
				counts[y[i+r]][c]++
			}
		}
	}
	return counts
}

// UnitChange returns, for each unit of the given layer, the Euclidean norm
// of the change of its incoming weights, the unit's column of W, from a to
// b. Biases are left out. It panics if layer is out of range or the two
// layers differ in shape.
func UnitChange(a, b []Layer, layer int) []float64 {
	if layer < 0 || layer >= len(a) || layer >= len(b) {
		panic(fmt.Sprintf("model: layer %d out of range for %d and %d layers",
			layer, len(a), len(b)))
	}
	wa, wb := a[layer].W, b[layer].W
	ra, ca := wa.Dims()
	rb, cb := wb.Dims()
	if ra != rb || ca != cb {
		panic(fmt.Sprintf("model: layer %d is %d×%d in one network and "+
			"%d×%d in the other", layer, ra, ca, rb, cb))
	}

	change := make([]float64, ca)
	for i := range ra {
		rowA, rowB := wa.RawRowView(i), wb.RawRowView(i)
		for j := range change {
			d := rowB[j] - rowA[j]
			change[j] += d * d
		}
	}
	for j, s := range change {
		change[j] = math.Sqrt(s)
	}
	return change
}
