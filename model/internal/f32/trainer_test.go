package f32

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// network64 is a float64 copy of a network, evaluated by plain loops, as an
// independent reference for the trainer.
type network64 struct {
	w, b   [][]float64
	sizes  []int // inputs, then the units of each layer
	acts   []Activation
	output Output
}

func newNetwork64(layers []Layer, output Output) *network64 {
	n := &network64{output: output, sizes: []int{len(layers[0].W) / len(layers[0].B)}}
	for _, l := range layers {
		n.w = append(n.w, widen(l.W))
		n.b = append(n.b, widen(l.B))
		n.sizes = append(n.sizes, len(l.B))
		n.acts = append(n.acts, l.Activation)
	}
	return n
}

func widen(x []float32) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

// loss returns the mean loss of the rows x with labels y.
func (n *network64) loss(x [][]float32, y []int) float64 {
	var sum float64
	for i, row := range x {
		a := widen(row)
		for l := range n.w {
			a = n.layer(l, a)
		}
		sum += loss64(n.output, a, y[i])
	}
	return sum / float64(len(x))
}

// layer returns the activations of layer l for its inputs in.
func (n *network64) layer(l int, in []float64) []float64 {
	units := n.sizes[l+1]
	out := make([]float64, units)
	for j := range out {
		z := n.b[l][j]
		for i, v := range in {
			z += v * n.w[l][i*units+j]
		}
		out[j] = activate64(n.acts[l], z)
	}
	return out
}

// loss64 returns the cross-entropy of the logits z for label, written
// directly from the definitions.
func loss64(output Output, z []float64, label int) float64 {
	switch output {
	case Binary:
		p := 1 / (1 + math.Exp(-z[0]))
		if label == 1 {
			return -math.Log(p)
		}
		return -math.Log(1 - p)
	case OneVsRest:
		var sum float64
		for j, v := range z {
			p := 1 / (1 + math.Exp(-v))
			if j == label {
				sum -= math.Log(p)
			} else {
				sum -= math.Log(1 - p)
			}
		}
		return sum
	}
	var sum float64
	for _, v := range z {
		sum += math.Exp(v)
	}
	return math.Log(sum) - z[label]
}

// randomLayers returns layers of the given sizes with weights of about
// unit scale and non-zero biases.
func randomLayers(rng *rand.Rand, sizes []int, acts []Activation) []Layer {
	var layers []Layer
	for l := range len(sizes) - 1 {
		in, out := sizes[l], sizes[l+1]
		w, b := make([]float32, in*out), make([]float32, out)
		scale := math.Sqrt(2 / float64(in+out))
		for i := range w {
			w[i] = float32(rng.NormFloat64() * scale * 1.5)
		}
		for i := range b {
			b[i] = float32(rng.NormFloat64() * 0.3)
		}
		layers = append(layers, Layer{W: w, B: b, Activation: acts[l]})
	}
	return layers
}

// randomBatch returns rows random inputs in [0, 1) and labels below classes.
func randomBatch(rng *rand.Rand, rows, inputs, classes int) ([][]float32, []int) {
	x, y := make([][]float32, rows), make([]int, rows)
	for i := range x {
		x[i] = make([]float32, inputs)
		for j := range x[i] {
			x[i][j] = float32(rng.Float64())
		}
		y[i] = rng.IntN(classes)
	}
	return x, y
}

// newTestTrainer returns a trainer that uses kern.
func newTestTrainer(kern *kernels, layers []Layer, output Output, batch int, opt Options) *Trainer {
	t := NewTrainer(layers, output, batch, opt)
	t.kern = kern
	return t
}

func TestGradientMatchesFiniteDifferences(t *testing.T) {
	for _, kern := range implementations() {
		for _, output := range []Output{Softmax, OneVsRest, Binary} {
			for _, act := range []Activation{Sigmoid, Tanh, ReLU} {
				name := fmt.Sprintf("%s/%s/%s", kern.name, output, act)
				t.Run(name, func(t *testing.T) {
					checkGradient(t, kern, output, []int{6, 5, 4, 3}, []Activation{act, act}, 6)
				})
			}
		}
		// Sizes that leave ragged edges in every kernel: layers wider than a
		// vector, a batch that is not a multiple of the tile rows.
		t.Run(kern.name+"/ragged", func(t *testing.T) {
			checkGradient(t, kern, Softmax, []int{20, 17, 33, 5}, []Activation{Tanh, Sigmoid}, 7)
		})
		t.Run(kern.name+"/mixed", func(t *testing.T) {
			checkGradient(t, kern, OneVsRest, []int{9, 16, 3}, []Activation{ReLU}, 1)
		})
	}
}

// checkGradient compares the gradient of a trainer with central finite
// differences of the float64 reference network built from the same
// float32 weights.
func checkGradient(t *testing.T, kern *kernels, output Output, sizes []int, acts []Activation, rows int) {
	rng := rand.New(rand.NewPCG(uint64(len(sizes)), uint64(rows)))
	units := sizes[len(sizes)-1]
	classes := units
	if output == Binary {
		sizes[len(sizes)-1], classes = 1, 2
	}
	layers := randomLayers(rng, sizes, append(acts, Identity))
	x, y := randomBatch(rng, rows, sizes[0], classes)
	tr := newTestTrainer(kern, layers, output, rows+3, Options{LearningRate: 0.01})
	loss, _ := tr.Gradient(x, y)
	ref := newNetwork64(layers, output)

	if want := ref.loss(x, y); math.Abs(loss/float64(rows)-want) > 1e-5*(1+math.Abs(want)) {
		t.Errorf("mean loss = %v, want %v", loss/float64(rows), want)
	}
	const h = 1e-5
	for l, g := range tr.Gradients() {
		for _, p := range []struct {
			name   string
			got    []float32
			params []float64
		}{{"W", g.W, ref.w[l]}, {"B", g.B, ref.b[l]}} {
			for i, got := range p.got {
				old := p.params[i]
				p.params[i] = old + h
				up := ref.loss(x, y)
				p.params[i] = old - h
				down := ref.loss(x, y)
				p.params[i] = old
				want := (up - down) / (2 * h)
				// float32 sums of a few terms of order 1 carry errors of
				// about 1e-7; the bound leaves a margin of about 10.
				if diff := math.Abs(float64(got) - want); diff > 1e-6+1e-5*math.Abs(want) {
					t.Errorf("layer %d %s[%d]: gradient %v, finite difference %v", l, p.name, i, got, want)
				}
			}
		}
	}
}

func TestUpdateMatchesReference(t *testing.T) {
	opts := []Options{
		{Optimizer: Adam, LearningRate: 0.01},
		{Optimizer: Adam, LearningRate: 0.003, L2: 0.1},
		{Optimizer: SGD, LearningRate: 0.05},
		{Optimizer: SGD, LearningRate: 0.05, Momentum: 0.9, L2: 0.01},
	}
	for _, kern := range implementations() {
		for _, opt := range opts {
			name := fmt.Sprintf("%s/%s/lr=%g/momentum=%g/l2=%g", kern.name, opt.Optimizer,
				opt.LearningRate, opt.Momentum, opt.L2)
			t.Run(name, func(t *testing.T) { checkUpdate(t, kern, opt) })
		}
	}
}

// checkUpdate takes three steps with a trainer and repeats each update in
// float64 from the trainer's own gradient.
func checkUpdate(t *testing.T, kern *kernels, opt Options) {
	rng := rand.New(rand.NewPCG(5, 6))
	layers := randomLayers(rng, []int{21, 18, 3}, []Activation{Sigmoid, Identity})
	x, y := randomBatch(rng, 9, 21, 3)
	tr := newTestTrainer(kern, layers, Softmax, 9, opt)
	params := func(ls []Layer) [][]float32 {
		var p [][]float32
		for _, l := range ls {
			p = append(p, l.W, l.B)
		}
		return p
	}
	var w, m, v [][]float64
	for _, p := range params(tr.Weights()) {
		w = append(w, widen(p))
		m = append(m, make([]float64, len(p)))
		v = append(v, make([]float64, len(p)))
	}
	for step := 1; step <= 3; step++ {
		tr.Gradient(x, y)
		grads := params(tr.Gradients())
		tr.Update()
		for k, got := range params(tr.Weights()) {
			l2 := float64(opt.L2)
			if k%2 == 1 {
				l2 = 0 // biases
			}
			for i := range got {
				g := float64(grads[k][i]) + l2*w[k][i]
				w[k][i] = update64(opt, step, w[k][i], g, &m[k][i], &v[k][i])
				if diff := math.Abs(float64(got[i]) - w[k][i]); diff > 1e-6*(1+math.Abs(w[k][i])) {
					t.Fatalf("step %d: parameter %d of array %d = %v, want %v", step, i, k, got[i], w[k][i])
				}
			}
		}
	}
}

// update64 returns the parameter w after one update with gradient g,
// updating the optimizer's state m and v.
func update64(opt Options, step int, w, g float64, m, v *float64) float64 {
	rate := float64(opt.LearningRate)
	if opt.Optimizer == SGD {
		*m = float64(opt.Momentum)*(*m) - rate*g
		return w + *m
	}
	*m = 0.9*(*m) + 0.1*g
	*v = 0.999*(*v) + 0.001*g*g
	rate *= math.Sqrt(1-math.Pow(0.999, float64(step))) / (1 - math.Pow(0.9, float64(step)))
	return w - rate*(*m)/(math.Sqrt(*v)+1e-8)
}

// clusters returns rows samples in inputs dimensions around classes well
// separated centres, labelled by their centre.
func clusters(rng *rand.Rand, rows, inputs, classes int) ([][]float32, []int) {
	centres := make([][]float64, classes)
	for c := range centres {
		centres[c] = make([]float64, inputs)
		for j := range centres[c] {
			centres[c][j] = rng.Float64()
		}
	}
	x, y := make([][]float32, rows), make([]int, rows)
	for i := range x {
		y[i] = i % classes
		x[i] = make([]float32, inputs)
		for j := range x[i] {
			x[i][j] = float32(centres[y[i]][j] + 0.05*rng.NormFloat64())
		}
	}
	return x, y
}

func TestTrainingSeparates(t *testing.T) {
	cases := []struct {
		output  Output
		act     Activation
		classes int
		opt     Options
	}{
		{Softmax, Sigmoid, 5, Options{Optimizer: Adam, LearningRate: 0.01}},
		{OneVsRest, Tanh, 4, Options{Optimizer: Adam, LearningRate: 0.01, L2: 0.001}},
		{Binary, ReLU, 2, Options{Optimizer: SGD, LearningRate: 0.1, Momentum: 0.9}},
	}
	for _, kern := range implementations() {
		for _, c := range cases {
			name := fmt.Sprintf("%s/%s/%s/%s", kern.name, c.output, c.act, c.opt.Optimizer)
			t.Run(name, func(t *testing.T) {
				rng := rand.New(rand.NewPCG(7, uint64(c.classes)))
				x, y := clusters(rng, 200, 40, c.classes)
				units := c.classes
				if c.output == Binary {
					units = 1
				}
				layers := randomLayers(rng, []int{40, 16, units}, []Activation{c.act, Identity})
				tr := newTestTrainer(kern, layers, c.output, 32, c.opt)
				for range 10 {
					for i := 0; i < len(x); i += 32 {
						end := min(i+32, len(x))
						tr.Step(x[i:end], y[i:end])
					}
				}
				correct := 0
				for i := 0; i < len(x); i += 32 {
					end := min(i+32, len(x))
					_, n := tr.Evaluate(x[i:end], y[i:end])
					correct += n
				}
				if correct != len(x) {
					t.Errorf("%d of %d samples correct after 10 epochs, want all", correct, len(x))
				}
			})
		}
	}
}

func TestEvaluateMatchesGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	layers := randomLayers(rng, []int{30, 20, 6}, []Activation{Tanh, Identity})
	x, y := randomBatch(rng, 13, 30, 6)
	tr := NewTrainer(layers, OneVsRest, 16, Options{LearningRate: 0.01})
	wantLoss, wantCorrect := tr.Gradient(x, y)
	loss, correct := tr.Evaluate(x, y)
	if loss != wantLoss || correct != wantCorrect {
		t.Errorf("Evaluate = %v, %d; Gradient returned %v, %d", loss, correct, wantLoss, wantCorrect)
	}
}

func TestTrainerMisusePanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	good := randomLayers(rng, []int{4, 3, 2}, []Activation{Sigmoid, Identity})
	x, y := randomBatch(rng, 5, 4, 2)
	cases := []struct {
		name string
		call func()
	}{
		{"no layers", func() { NewTrainer(nil, Softmax, 8, Options{}) }},
		{"layers do not chain", func() {
			NewTrainer([]Layer{good[0], good[0]}, Softmax, 8, Options{})
		}},
		{"activated output", func() {
			NewTrainer([]Layer{good[0], {W: good[1].W, B: good[1].B, Activation: Tanh}}, Softmax, 8, Options{})
		}},
		{"binary with two outputs", func() { NewTrainer(good, Binary, 8, Options{}) }},
		{"batch size 0", func() { NewTrainer(good, Softmax, 0, Options{}) }},
		{"batch too large", func() { NewTrainer(good, Softmax, 4, Options{}).Gradient(x, y) }},
		{"empty batch", func() { NewTrainer(good, Softmax, 8, Options{}).Gradient(nil, nil) }},
		{"label out of range", func() {
			NewTrainer(good, Softmax, 8, Options{}).Gradient(x[:1], []int{2})
		}},
		{"short row", func() {
			NewTrainer(good, Softmax, 8, Options{}).Gradient([][]float32{{1, 2}}, []int{0})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tc.call()
		})
	}
}
