package f32

import "fmt"

// Layer is one fully connected layer of a network.
type Layer struct {
	W []float32 // inputs × units, row-major
	B []float32 // one bias per unit

	// Activation is the nonlinearity of the units: Identity for the
	// output layer, whose logits go to the loss.
	Activation Activation
}

// Trainer trains a dense network in float32 with the kernels of this
// package, in buffers allocated once for batches of up to a fixed size. It
// holds its own copy of the weights. A Trainer is not safe for concurrent
// use.
type Trainer struct {
	output Output
	opt    Options
	kern   *kernels
	layers []layerState
	input  Matrix    // the current batch, maxBatch × inputs
	norm   []float32 // per row: the loss plus the target's logit
	steps  int       // updates so far
}

// layerState holds one layer's parameters and the buffers of a pass.
type layerState struct {
	w, gradW Matrix // inputs × units
	b, gradB []float32
	act      Activation
	out      Matrix // maxBatch × units: activations, or logits for the last layer
	delta    Matrix // maxBatch × units: ∂loss/∂z

	// The optimizer's state: Adam's first and second moments, or the SGD
	// velocity in the first pair.
	w1, w2 []float32
	b1, b2 []float32
}

// NewTrainer returns a trainer for the network made of layers, whose last
// layer gives the logits of output, for batches of up to maxBatch rows. It
// copies the weights. It panics if the layers do not fit together, if the
// last layer's activation is not Identity, if a Binary output has more
// than one unit, or if maxBatch or the options are invalid.
func NewTrainer(layers []Layer, output Output, maxBatch int, opt Options) *Trainer {
	checkLayers(layers, output)
	if maxBatch < 1 {
		panic(fmt.Sprintf("f32: invalid batch size %d", maxBatch))
	}
	if opt.Optimizer > SGD {
		panic("f32: unknown optimizer " + opt.Optimizer.String())
	}
	inputs := len(layers[0].W) / len(layers[0].B)
	t := &Trainer{
		output: output,
		opt:    opt,
		kern:   &best,
		input:  NewMatrix(maxBatch, inputs),
		norm:   NewVector(maxBatch),
	}
	for _, l := range layers {
		units := len(l.B)
		s := layerState{
			w:     NewMatrix(len(l.W)/units, units),
			gradW: NewMatrix(len(l.W)/units, units),
			b:     NewVector(units),
			gradB: NewVector(units),
			act:   l.Activation,
			out:   NewMatrix(maxBatch, units),
			delta: NewMatrix(maxBatch, units),
			w1:    NewVector(len(l.W)),
			w2:    NewVector(len(l.W)),
			b1:    NewVector(units),
			b2:    NewVector(units),
		}
		copy(s.w.Data, l.W)
		copy(s.b, l.B)
		t.layers = append(t.layers, s)
	}
	return t
}

func checkLayers(layers []Layer, output Output) {
	if len(layers) == 0 {
		panic("f32: a network needs at least one layer")
	}
	inputs := 0
	for i, l := range layers {
		units := len(l.B)
		if units == 0 || len(l.W) == 0 || len(l.W)%units != 0 {
			panic(fmt.Sprintf("f32: layer %d has %d weights for %d units", i, len(l.W), units))
		}
		if i > 0 && len(l.W)/units != inputs {
			panic(fmt.Sprintf("f32: layer %d has %d inputs after a layer of %d units",
				i, len(l.W)/units, inputs))
		}
		l.Activation.check()
		inputs = units
	}
	last := layers[len(layers)-1]
	switch {
	case last.Activation != Identity:
		panic("f32: the output layer has activation " + last.Activation.String() + ", want identity")
	case output > Binary:
		panic("f32: unknown output " + output.String())
	case output == Binary && len(last.B) != 1:
		panic(fmt.Sprintf("f32: a binary output has 1 unit, not %d", len(last.B)))
	}
}

// Weights returns views of the trainer's current weights, which change with
// every Update.
func (t *Trainer) Weights() []Layer {
	return t.view(func(s *layerState) (Matrix, []float32) { return s.w, s.b })
}

// Gradients returns views of the gradient of the mean loss that the last
// call of Gradient or Step computed, without the L2 penalty.
func (t *Trainer) Gradients() []Layer {
	return t.view(func(s *layerState) (Matrix, []float32) { return s.gradW, s.gradB })
}

func (t *Trainer) view(pick func(*layerState) (Matrix, []float32)) []Layer {
	layers := make([]Layer, len(t.layers))
	for i := range t.layers {
		w, b := pick(&t.layers[i])
		layers[i] = Layer{W: w.Data, B: b, Activation: t.layers[i].act}
	}
	return layers
}

// Step computes the gradient on the batch of rows x with labels y, then
// updates the weights. It returns what Gradient returns.
func (t *Trainer) Step(x [][]float32, y []int) (loss float64, correct int) {
	loss, correct = t.Gradient(x, y)
	t.Update()
	return loss, correct
}

// Gradient computes the gradient of the mean loss over the batch of rows x
// with labels y, which Gradients returns, and returns the summed loss and
// the number of rows whose predicted class is their label. A label is a
// class index, or for a Binary output 1 for the positive class and 0
// otherwise. Gradient panics if x is empty, longer than the trainer's
// batch size, or has rows of the wrong length, or if a label is out of
// range.
func (t *Trainer) Gradient(x [][]float32, y []int) (loss float64, correct int) {
	rows := t.load(x, y)
	t.forward(rows)
	loss, correct = t.score(rows, y)
	t.backward(rows)
	return loss, correct
}

// Evaluate returns the summed loss of the batch of rows x with labels y and
// the number of rows whose predicted class is their label, without
// computing a gradient. It panics where Gradient does.
func (t *Trainer) Evaluate(x [][]float32, y []int) (loss float64, correct int) {
	rows := t.load(x, y)
	t.forward(rows)
	return t.score(rows, y)
}

// load copies the batch into t.input and returns its number of rows.
func (t *Trainer) load(x [][]float32, y []int) int {
	if len(x) == 0 || len(x) > t.input.Rows || len(x) != len(y) {
		panic(fmt.Sprintf("f32: batch of %d rows and %d labels for a trainer of up to %d rows",
			len(x), len(y), t.input.Rows))
	}
	classes := t.layers[len(t.layers)-1].out.Cols
	if t.output == Binary {
		classes = 2
	}
	for i, row := range x {
		if len(row) != t.input.Cols {
			panic(fmt.Sprintf("f32: row %d has %d values, want %d", i, len(row), t.input.Cols))
		}
		if y[i] < 0 || y[i] >= classes {
			panic(fmt.Sprintf("f32: label %d of row %d is not below %d", y[i], i, classes))
		}
		copy(t.input.Row(i), row)
	}
	return len(x)
}
