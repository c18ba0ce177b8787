package model

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Data is a set of labelled samples: row i of X has label Y[i]. For a
// Softmax network a label is a class index. For a Binary network it is 1
// for the positive class and 0 otherwise. A nil X is an empty set.
type Data struct {
	X *mat.Dense
	Y []int
}

// Len returns the number of samples.
func (d Data) Len() int { return len(d.Y) }

// Subset returns a copy of the samples at the given indices.
func (d Data) Subset(indices []int) Data {
	if len(indices) == 0 {
		return Data{}
	}
	_, cols := d.X.Dims()
	s := Data{X: mat.NewDense(len(indices), cols, nil), Y: make([]int, len(indices))}
	for i, k := range indices {
		s.X.SetRow(i, d.X.RawRowView(k))
		s.Y[i] = d.Y[k]
	}
	return s
}

// Defaults of TrainOptions.
const (
	DefaultEpochs       = 100
	DefaultBatchSize    = 32
	DefaultLearningRate = 0.001
)

// DefaultL2 is the weight penalty Visage suggests. It makes the weights that
// the data does not support fade back towards zero, so layer-1 templates
// show faces rather than the noise they started from. On the ORL faces it
// costs no validation accuracy.
const DefaultL2 = 0.001

// AutoEpochs returns an epoch count that gives about 2000 optimisation steps
// on samples training samples in batches of batchSize, kept between 100
// and 2000 epochs: a small dataset needs more passes than a large one.
func AutoEpochs(samples, batchSize int) int {
	if samples <= 0 || batchSize <= 0 {
		return DefaultEpochs
	}
	steps := (samples + batchSize - 1) / batchSize
	return min(max(2000/steps, 100), 2000)
}

// Optimizer is the rule that updates the weights after each batch.
type Optimizer string

const (
	Adam Optimizer = "adam" // Adam with β1 = 0.9, β2 = 0.999, ε = 1e-8
	SGD  Optimizer = "sgd"  // stochastic gradient descent with momentum
)

// DefaultSGDRate is the learning rate Visage suggests for SGD, which needs a
// larger one than Adam because its steps scale with the gradient.
const DefaultSGDRate = 0.05

// TrainOptions configures Train. Zero fields take the defaults above,
// except Momentum and L2, for which 0 is a valid setting.
type TrainOptions struct {
	Epochs       int       // passes over the training data
	BatchSize    int       // samples per optimisation step
	Optimizer    Optimizer // default Adam
	LearningRate float64   // step size; the default is DefaultLearningRate for Adam, DefaultSGDRate for SGD
	Momentum     float64   // SGD momentum in [0, 1); 0 is plain SGD
	L2           float64   // weight penalty l2/2·Σw², biases excluded
	Seed         uint64    // seed of the order of samples in each epoch
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Epochs == 0 {
		o.Epochs = DefaultEpochs
	}
	if o.BatchSize == 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Optimizer == "" {
		o.Optimizer = Adam
	}
	if o.LearningRate == 0 {
		o.LearningRate = DefaultLearningRate
		if o.Optimizer == SGD {
			o.LearningRate = DefaultSGDRate
		}
	}
	return o
}

// Progress is the state of training after an epoch.
type Progress struct {
	Epoch, Epochs int // Epoch counts from 1

	// Mean cross-entropy and accuracy over all training and validation
	// samples with the weights at the end of the epoch. The validation
	// figures are NaN without validation data.
	TrainLoss, TrainAccuracy           float64
	ValidationLoss, ValidationAccuracy float64

	// Network is the network being trained. A Recorder may read it, for
	// example to copy the weights, but only during its call to Record, and
	// must not change it.
	Network *Network
}

// Recorder receives progress after every epoch, on the goroutine that runs
// Train. Training stops when Record returns an error, and Train returns it.
type Recorder interface {
	Record(Progress) error
}

// BatchRecorder is a Recorder that also receives the loss of every batch,
// after the step that batch caused. Train stops when RecordBatch returns an
// error, and returns it.
type BatchRecorder interface {
	Recorder
	RecordBatch(Batch) error
}

// Batch is the state of training after one optimisation step.
type Batch struct {
	Epoch   int     // counts from 1
	Batch   int     // counts from 1 within the epoch
	Batches int     // batches per epoch
	Loss    float64 // mean loss of the batch's samples before the step, L2 penalty excluded
}

// RecorderFunc adapts a function to a Recorder.
type RecorderFunc func(Progress) error

// Record calls f(p).
func (f RecorderFunc) Record(p Progress) error { return f(p) }

// ErrDiverged is returned, wrapped, when the training loss becomes NaN or
// infinite.
var ErrDiverged = errors.New("model: training diverged")

// Train fits net to train with mini-batch Adam on the loss of net's output
// kind, and reports after each epoch to rec, which may be nil. It stops
// early when ctx is done, returning ctx.Err(), or when rec returns an error.
// If the loss diverges, the weights of the last finite epoch are restored
// and the error wraps ErrDiverged. The returned Progress is that of the last
// completed epoch; its Network field is nil.
func Train(ctx context.Context, net *Network, train, validation Data, opt TrainOptions, rec Recorder) (Progress, error) {
	opt = opt.withDefaults()
	if err := checkOptions(opt); err != nil {
		return Progress{}, err
	}
	if train.Len() == 0 {
		return Progress{}, errors.New("model: no training samples")
	}
	for _, d := range []Data{train, validation} {
		if err := net.checkData(d.X, d.Y); err != nil {
			return Progress{}, err
		}
	}

	e := newEngine(net, &train, &validation, opt)
	if b, ok := rec.(BatchRecorder); ok {
		e.setBatchRecorder(b)
	}
	good := cloneLayers(net.Layers) // the weights at the end of the last finite epoch
	var last Progress
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		if err := e.epoch(ctx, epoch); err != nil {
			e.sync()
			return last, err
		}
		e.sync()
		p := Progress{Epoch: epoch, Epochs: opt.Epochs, Network: net}
		p.TrainLoss, p.TrainAccuracy = e.evaluate(&train)
		p.ValidationLoss, p.ValidationAccuracy = e.evaluate(&validation)
		if math.IsNaN(p.TrainLoss) || math.IsInf(p.TrainLoss, 0) {
			copyLayers(net.Layers, good)
			return last, fmt.Errorf("%w at epoch %d (loss %v): the weights from before that epoch were restored; "+
				"try a learning rate smaller than %g", ErrDiverged, epoch, p.TrainLoss, opt.LearningRate)
		}
		copyLayers(good, net.Layers)
		if rec != nil {
			if err := rec.Record(p); err != nil {
				return last, err
			}
		}
		last = p
		last.Network = nil
	}
	return last, nil
}

func checkOptions(o TrainOptions) error {
	switch {
	case o.Epochs < 0:
		return fmt.Errorf("model: invalid epoch count %d: want a positive number", o.Epochs)
	case o.BatchSize < 0:
		return fmt.Errorf("model: invalid batch size %d: want a positive number", o.BatchSize)
	case !(o.LearningRate > 0) || math.IsInf(o.LearningRate, 0):
		return fmt.Errorf("model: invalid learning rate %v: want a positive finite number", o.LearningRate)
	case !(o.L2 >= 0) || math.IsInf(o.L2, 0):
		return fmt.Errorf("model: invalid L2 penalty %v: want zero or a positive finite number", o.L2)
	case o.Optimizer != Adam && o.Optimizer != SGD:
		return fmt.Errorf("model: unknown optimizer %q: use %q or %q", o.Optimizer, Adam, SGD)
	case !(o.Momentum >= 0 && o.Momentum < 1):
		return fmt.Errorf("model: invalid momentum %v: want a number from 0 to below 1, such as 0.9", o.Momentum)
	}
	return nil
}

// engine runs the epochs of one call of Train.
type engine interface {
	// epoch takes one optimisation step per batch of a shuffled epoch.
	epoch(ctx context.Context, epoch int) error
	// evaluate returns the mean loss and accuracy of the current weights
	// on d, the training or the validation set, or NaN for an empty set.
	evaluate(d *Data) (loss, accuracy float64)
	// sync puts the engine's current weights into the network.
	sync()
	setBatchRecorder(BatchRecorder)
}

func newEngine(net *Network, train, validation *Data, opt TrainOptions) engine {
	if useFloat32 {
		return newFloat32Engine(net, train, validation, opt)
	}
	return newTrainer(net, *train, opt)
}

// trainer is the float64 engine: gonum products on the network's own
// weights.
type trainer struct {
	net    *Network
	data   Data
	opt    TrainOptions
	rng    *rand.Rand
	order  []int
	batch  *mat.Dense // the current batch's inputs
	y      []int      // the current batch's labels
	pass   *pass
	grad   []Layer
	update optimizer

	batches BatchRecorder // receives every batch, or nil
}

func (t *trainer) evaluate(d *Data) (loss, accuracy float64) { return t.net.Evaluate(d.X, d.Y) }

func (t *trainer) sync() {}

func (t *trainer) setBatchRecorder(b BatchRecorder) { t.batches = b }

func newTrainer(net *Network, data Data, opt TrainOptions) *trainer {
	size := min(opt.BatchSize, data.Len())
	t := &trainer{
		net:    net,
		data:   data,
		opt:    opt,
		rng:    newRand(opt.Seed),
		order:  make([]int, data.Len()),
		batch:  mat.NewDense(size, net.Inputs(), nil),
		y:      make([]int, size),
		pass:   newPass(net, size),
		grad:   net.zeroLike(),
		update: newOptimizer(net, opt),
	}
	for i := range t.order {
		t.order[i] = i
	}
	return t
}

// epoch shuffles the samples and takes one optimisation step per batch.
func (t *trainer) epoch(ctx context.Context, epoch int) error {
	t.rng.Shuffle(len(t.order), func(i, j int) {
		t.order[i], t.order[j] = t.order[j], t.order[i]
	})
	size := t.opt.BatchSize
	batches := (len(t.order) + size - 1) / size
	for b := range batches {
		if err := ctx.Err(); err != nil {
			return err
		}
		loss := t.step(t.order[b*size : min((b+1)*size, len(t.order))])
		if t.batches == nil {
			continue
		}
		err := t.batches.RecordBatch(Batch{Epoch: epoch, Batch: b + 1, Batches: batches, Loss: loss})
		if err != nil {
			return err
		}
	}
	return nil
}

// step takes one optimisation step on the samples at indices and returns
// their mean loss before it.
func (t *trainer) step(indices []int) float64 {
	x := top(t.batch, len(indices))
	for i, k := range indices {
		x.SetRow(i, t.data.X.RawRowView(k))
		t.y[i] = t.data.Y[k]
	}
	t.net.forward(t.pass, x)
	loss, _ := t.net.score(t.pass, len(indices), t.y[:len(indices)])
	t.net.backward(t.pass, x, t.grad)
	addPenalty(t.net.Layers, t.grad, t.opt.L2)
	t.update.step(t.net.Layers, t.grad)
	return loss / float64(len(indices))
}

func newOptimizer(net *Network, opt TrainOptions) optimizer {
	if opt.Optimizer == SGD {
		return newSGD(net, opt.LearningRate, opt.Momentum)
	}
	return newAdam(net, opt.LearningRate)
}

// SplitData divides d into training and validation sets with Split.
func SplitData(d Data, fraction float64, seed uint64) (train, validation Data) {
	t, v := Split(d.Y, fraction, seed)
	return d.Subset(t), d.Subset(v)
}
