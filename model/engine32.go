package model

import (
	"context"
	"math"
	"math/rand/v2"

	"visage/model/internal/f32"
)

// useFloat32 is whether Train runs in float32 with package f32's kernels
// rather than in float64 with gonum. It is true when the AVX-512 kernels
// are available (builds with GOEXPERIMENT=simd on CPUs with AVX-512),
// because they train about ten times faster. The portable float32 kernels
// are not faster than gonum, so other builds keep float64. Tests set it to
// run both engines.
var useFloat32 = f32.Implementation() == "avx512"

// Engine returns the name of the engine Train uses: "float32 avx512" or
// "float64 gonum".
func Engine() string {
	if useFloat32 {
		return "float32 " + f32.Implementation()
	}
	return "float64 gonum"
}

// float32Engine trains a network with an f32.Trainer on float32 copies of
// its weights and data, and copies the weights back into the network.
type float32Engine struct {
	net     *Network
	trainer *f32.Trainer
	opt     TrainOptions
	rng     *rand.Rand
	order   []int
	batches BatchRecorder

	rows    map[*Data][][]float32 // float32 copies of the data sets' rows
	train   *Data
	batchX  [][]float32
	batchY  []int
	maxRows int
}

func newFloat32Engine(net *Network, train, validation *Data, opt TrainOptions) *float32Engine {
	size := min(opt.BatchSize, train.Len())
	e := &float32Engine{
		net:     net,
		opt:     opt,
		rng:     newRand(opt.Seed),
		order:   make([]int, train.Len()),
		rows:    map[*Data][][]float32{},
		train:   train,
		maxRows: max(size, 1),
		batchX:  make([][]float32, 0, size),
		batchY:  make([]int, 0, size),
	}
	e.trainer = f32.NewTrainer(toFloat32Layers(net.Layers), toFloat32Output(net.Output), e.maxRows, f32.Options{
		Optimizer:    toFloat32Optimizer(opt.Optimizer),
		LearningRate: float32(opt.LearningRate),
		Momentum:     float32(opt.Momentum),
		L2:           float32(opt.L2),
	})
	for i := range e.order {
		e.order[i] = i
	}
	for _, d := range []*Data{train, validation} {
		e.rows[d] = float32Rows(*d)
	}
	return e
}

func (e *float32Engine) epoch(ctx context.Context, epoch int) error {
	e.rng.Shuffle(len(e.order), func(i, j int) {
		e.order[i], e.order[j] = e.order[j], e.order[i]
	})
	x, y := e.rows[e.train], e.train.Y
	size := e.opt.BatchSize
	batches := (len(e.order) + size - 1) / size
	for b := range batches {
		if err := ctx.Err(); err != nil {
			return err
		}
		e.batchX, e.batchY = e.batchX[:0], e.batchY[:0]
		for _, k := range e.order[b*size : min((b+1)*size, len(e.order))] {
			e.batchX = append(e.batchX, x[k])
			e.batchY = append(e.batchY, y[k])
		}
		loss, _ := e.trainer.Step(e.batchX, e.batchY)
		if e.batches == nil {
			continue
		}
		err := e.batches.RecordBatch(Batch{Epoch: epoch, Batch: b + 1, Batches: batches,
			Loss: loss / float64(len(e.batchY))})
		if err != nil {
			return err
		}
	}
	return nil
}

// evaluate returns the mean loss and accuracy of the trainer's weights on
// d, which must be the training or validation set given to the engine.
func (e *float32Engine) evaluate(d *Data) (loss, accuracy float64) {
	rows := e.rows[d]
	if len(rows) == 0 {
		return math.NaN(), math.NaN()
	}
	correct := 0
	for i := 0; i < len(rows); i += e.maxRows {
		end := min(i+e.maxRows, len(rows))
		l, c := e.trainer.Evaluate(rows[i:end], d.Y[i:end])
		loss += l
		correct += c
	}
	return loss / float64(len(rows)), float64(correct) / float64(len(rows))
}

// sync copies the trainer's weights into the network.
func (e *float32Engine) sync() {
	for i, l := range e.trainer.Weights() {
		copyFromFloat32(raw(e.net.Layers[i].W), l.W)
		copyFromFloat32(e.net.Layers[i].B, l.B)
	}
}

func (e *float32Engine) setBatchRecorder(b BatchRecorder) { e.batches = b }

func float32Rows(d Data) [][]float32 {
	rows := make([][]float32, d.Len())
	if d.X == nil {
		return rows[:0]
	}
	_, cols := d.X.Dims()
	flat := make([]float32, d.Len()*cols)
	for i := range rows {
		rows[i] = flat[i*cols : (i+1)*cols]
		for j, v := range d.X.RawRowView(i) {
			rows[i][j] = float32(v)
		}
	}
	return rows
}

func toFloat32Layers(layers []Layer) []f32.Layer {
	out := make([]f32.Layer, len(layers))
	for i, l := range layers {
		w, b := raw(l.W), l.B
		out[i] = f32.Layer{W: make([]float32, len(w)), B: make([]float32, len(b)),
			Activation: toFloat32Activation(l.Activation)}
		for j, v := range w {
			out[i].W[j] = float32(v)
		}
		for j, v := range b {
			out[i].B[j] = float32(v)
		}
	}
	return out
}

func copyFromFloat32(dst []float64, src []float32) {
	for i := range dst {
		dst[i] = float64(src[i])
	}
}

func toFloat32Activation(a Activation) f32.Activation {
	switch a {
	case Sigmoid:
		return f32.Sigmoid
	case Tanh:
		return f32.Tanh
	case ReLU:
		return f32.ReLU
	}
	return f32.Identity
}

func toFloat32Output(o OutputKind) f32.Output {
	switch o {
	case OneVsRest:
		return f32.OneVsRest
	case Binary:
		return f32.Binary
	}
	return f32.Softmax
}

func toFloat32Optimizer(o Optimizer) f32.Optimizer {
	if o == SGD {
		return f32.SGD
	}
	return f32.Adam
}
