package views

import (
	"io"

	"visage/model"
	"visage/viz"
)

// Curves draws the loss and accuracy of each epoch of s.History, shaped
// for an area of s.Aspect.
func Curves(s State) Rendering {
	history, scale := s.History, s.Scale
	aspect := s.Aspect
	if !(aspect > 0) {
		aspect = DefaultAspect
	}
	width := int(min(max(curvesHeight*aspect, curvesHeight), 2.5*curvesHeight))
	if len(history) == 0 {
		// As large as the curves, so the window's zoom fits both.
		return Rendering{Image: viz.EmptyImage(width, curvesHeight, scale,
			"Press Train: the loss and accuracy curves grow here.")}
	}
	epochs := make([]float64, len(history))
	var trainLoss, valLoss, trainAcc, valAcc []float64
	for i, p := range history {
		epochs[i] = float64(p.Epoch)
		trainLoss = append(trainLoss, p.TrainLoss)
		valLoss = append(valLoss, p.ValidationLoss)
		trainAcc = append(trainAcc, p.TrainAccuracy)
		valAcc = append(valAcc, p.ValidationAccuracy)
	}
	loss := []viz.Series{{Name: "training", X: epochs, Y: trainLoss}, {Name: "held out", X: epochs, Y: valLoss}}
	acc := []viz.Series{{Name: "training", X: epochs, Y: trainAcc}, {Name: "held out", X: epochs, Y: valAcc}}
	return Rendering{
		Image: viz.TrainingCurves(loss, acc, width, curvesHeight, scale),
		SVG: func(w io.Writer) error {
			return viz.WriteTrainingCurvesSVG(w, loss, acc, width, curvesHeight)
		},
		CSV: func(w io.Writer) error {
			rows := make([][]float64, len(history))
			for i := range history {
				rows[i] = []float64{epochs[i], trainLoss[i], trainAcc[i], valLoss[i], valAcc[i]}
			}
			return viz.WriteCSV(w, []string{"epoch", "training loss", "training accuracy",
				"held-out loss", "held-out accuracy"}, rows)
		},
	}
}

// curvesHeight is the height in logical pixels of the training curves,
// about that of a tab on a 1366×768 screen.
const curvesHeight = 480

// HistoryCap is the number of epochs of metrics kept at most, besides the
// latest one.
const HistoryCap = 4096

// AppendHistory adds p, without its network, to history and returns the
// result, which may share history's memory. Epochs are kept evenly spaced:
// when HistoryCap are kept, every other one is dropped and the spacing
// doubles. The latest epoch is always kept, so the curve reaches it, and is
// dropped when the next one arrives unless it falls on the spacing.
func AppendHistory(history []model.Progress, p model.Progress) []model.Progress {
	p.Network = nil
	// An epoch recorded again replaces the records from it on.
	for len(history) > 0 && history[len(history)-1].Epoch >= p.Epoch {
		history = history[:len(history)-1]
	}
	spacing := 1
	if len(history) >= 2 {
		spacing = max(1, history[1].Epoch-history[0].Epoch)
	}
	if n := len(history); n > 0 && history[n-1].Epoch%spacing != 0 {
		history = history[:n-1]
	}
	if len(history) >= HistoryCap {
		spacing *= 2
		kept := history[:0]
		for _, q := range history {
			if q.Epoch%spacing == 0 {
				kept = append(kept, q)
			}
		}
		clear(history[len(kept):])
		history = kept
	}
	return append(history, p)
}
