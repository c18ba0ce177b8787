package model

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// pass holds the buffers of one forward and backward pass over a batch of up
// to a fixed number of rows, so training allocates them once.
type pass struct {
	z []*mat.Dense // pre-activations (logits for the last layer)
	a []*mat.Dense // activations; the last layer's are output probabilities
	d []*mat.Dense // ∂loss/∂z
}

func newPass(n *Network, rows int) *pass {
	p := &pass{}
	for _, l := range n.Layers {
		units := len(l.B)
		p.z = append(p.z, mat.NewDense(rows, units, nil))
		p.a = append(p.a, mat.NewDense(rows, units, nil))
		p.d = append(p.d, mat.NewDense(rows, units, nil))
	}
	return p
}

// capacity returns the largest batch p can hold.
func (p *pass) capacity() int { r, _ := p.z[0].Dims(); return r }

// top returns a view of the first rows of m.
func top(m *mat.Dense, rows int) *mat.Dense {
	_, c := m.Dims()
	return m.Slice(0, rows, 0, c).(*mat.Dense)
}

func raw(m *mat.Dense) []float64 { return m.RawMatrix().Data }

// forward computes every layer's pre-activation and activation for the rows
// of x. The logits end up in p.z[last].
func (n *Network) forward(p *pass, x *mat.Dense) {
	rows, cols := x.Dims()
	if cols != n.Inputs() || rows > p.capacity() {
		panic(fmt.Sprintf("model: batch of %d×%d for a network with %d inputs and room for %d rows",
			rows, cols, n.Inputs(), p.capacity()))
	}
	var in mat.Matrix = x
	last := len(n.Layers) - 1
	for l, layer := range n.Layers {
		z := top(p.z[l], rows)
		z.Mul(in, layer.W)
		addBias(z, layer.B)
		if l < last {
			a := top(p.a[l], rows)
			activate(layer.Activation, raw(a), raw(z))
			in = a
		}
	}
}

func addBias(z *mat.Dense, b []float64) {
	rows, _ := z.Dims()
	for i := 0; i < rows; i++ {
		row := z.RawRowView(i)
		for j, v := range b {
			row[j] += v
		}
	}
}

// score turns the logits of the last forward pass into probabilities and,
// when y is not nil, sets the output error ∂(mean loss)/∂z. It returns the
// summed loss and the number of rows whose predicted class equals y.
func (n *Network) score(p *pass, rows int, y []int) (loss float64, correct int) {
	last := len(n.Layers) - 1
	z, prob, d := top(p.z[last], rows), top(p.a[last], rows), top(p.d[last], rows)
	for i := 0; i < rows; i++ {
		zi, pi := z.RawRowView(i), prob.RawRowView(i)
		if y == nil {
			outputLoss(n.Output, pi, zi, 0)
			continue
		}
		loss += outputLoss(n.Output, pi, zi, y[i])
		if predictedClass(n.Output, zi) == y[i] {
			correct++
		}
		di := d.RawRowView(i)
		for j, v := range pi {
			di[j] = v / float64(rows)
		}
		if n.Output == Binary {
			di[0] -= float64(y[i]) / float64(rows)
		} else {
			// For both softmax and one-vs-rest sigmoids the gradient of
			// the loss is p minus the one-hot target.
			di[y[i]] -= 1 / float64(rows)
		}
	}
	return loss, correct
}

// backward propagates the output error set by score down the layers and
// stores the gradient of the mean loss in g.
func (n *Network) backward(p *pass, x *mat.Dense, g []Layer) {
	rows, _ := x.Dims()
	for l := len(n.Layers) - 1; l >= 0; l-- {
		d := top(p.d[l], rows)
		var in mat.Matrix = x
		if l > 0 {
			in = top(p.a[l-1], rows)
		}
		g[l].W.Mul(in.T(), d)
		sumColumns(g[l].B, d)
		if l > 0 {
			below := top(p.d[l-1], rows)
			below.Mul(d, n.Layers[l].W.T())
			scaleByDerivative(n.Layers[l-1].Activation, raw(below), raw(top(p.a[l-1], rows)))
		}
	}
}

func sumColumns(dst []float64, m *mat.Dense) {
	clear(dst)
	rows, _ := m.Dims()
	for i := 0; i < rows; i++ {
		for j, v := range m.RawRowView(i) {
			dst[j] += v
		}
	}
}

// zeroLike returns layers of zeros shaped like n's.
func (n *Network) zeroLike() []Layer {
	g := make([]Layer, len(n.Layers))
	for i, l := range n.Layers {
		r, c := l.W.Dims()
		g[i] = Layer{W: mat.NewDense(r, c, nil), B: make([]float64, c)}
	}
	return g
}
