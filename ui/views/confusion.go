package views

import (
	"fmt"
	"image"
	"io"
	"slices"

	"gonum.org/v1/gonum/mat"

	"visage/faceio"
	"visage/model"
	"visage/viz"
)

// labelled is the faces of a dataset as a network's inputs and labels.
type labelled struct {
	x      *mat.Dense
	y      []int
	names  []string      // one per label
	thumbs []image.Image // one per label, nil where there is none
	which  string        // which faces these are, for titles
}

// evaluationSet returns the faces the Confusion view counts: those held
// out in the last run, or all of them.
func evaluationSet(s State) (labelled, error) {
	net, data := s.Net, s.Data
	if !s.Fits || data == nil || len(data.Faces) == 0 {
		return labelled{}, fmt.Errorf("the network on screen was not made for these faces: train one, or open the data it was trained on")
	}
	indices, which := s.Validation, "held-out faces"
	if len(indices) == 0 {
		indices, which = nil, "all faces"
		for i := range data.Faces {
			indices = append(indices, i)
		}
	}
	labels := data.Labels()
	names := data.Classes
	thumbs := firstThumbnails(data)
	if net.Output == model.Binary {
		binary, err := model.BinaryLabels(data.Classes, labels, net.Classes[0])
		if err != nil {
			return labelled{}, err
		}
		labels = binary
		names = []string{"not " + net.Classes[0], net.Classes[0]}
		thumbs = []image.Image{nil, thumbs[slices.Index(data.Classes, net.Classes[0])]}
	} else if !slices.Equal(net.Classes, data.Classes) {
		return labelled{}, fmt.Errorf("the network knows other people than these faces: train one on them")
	}
	set := labelled{x: mat.NewDense(len(indices), net.Inputs(), nil), names: names, thumbs: thumbs, which: which}
	for r, i := range indices {
		set.x.SetRow(r, data.Faces[i].Input)
		set.y = append(set.y, labels[i])
	}
	return set, nil
}

// firstThumbnails returns the thumbnail of the first face of each class.
func firstThumbnails(data *faceio.Dataset) []image.Image {
	thumbs := make([]image.Image, len(data.Classes))
	for _, f := range data.Faces {
		if thumbs[f.Label] == nil {
			thumbs[f.Label] = f.Thumbnail
		}
	}
	return thumbs
}

// Confusion draws the confusion matrix and the ROC curves.
func Confusion(s State) Rendering {
	set, err := evaluationSet(s)
	if err != nil {
		return Rendering{Image: viz.EmptyImage(640, 320, s.Scale, err.Error())}
	}
	counts := s.Net.Confusion(set.x, set.y)
	matrix := viz.ConfusionMatrix(counts, set.names, set.thumbs, viz.ConfusionOptions{PixelScale: s.Scale})
	curves := rocCurves(s.Net, set)
	r := Rendering{Image: matrix, CSV: func(w io.Writer) error { return writeCountsCSV(w, set.names, counts) }}
	if len(curves) == 0 {
		return r
	}
	p, err := viz.ROCPlot(curves)
	if err != nil {
		return r
	}
	p.Title.Text = "ROC on " + set.which
	side := matrix.Bounds().Dy()
	r.Image = sideBySide(matrix, viz.RenderPlotPixels(p, side, side, s.Scale))
	r.Plot = p
	return r
}

// rocCurves returns the ROC curve of each output of net on set, leaving out
// the outputs whose class has no face, or only faces, in set.
func rocCurves(net *model.Network, set labelled) []viz.ROCSeries {
	rows, _ := set.x.Dims()
	probs := make([][]float64, rows)
	for i := range probs {
		probs[i], _ = net.Predict(set.x.RawRowView(i))
	}
	var curves []viz.ROCSeries
	for k := range net.Classes {
		scores := make([]float64, rows)
		positive := make([]bool, rows)
		for i := range rows {
			scores[i] = probs[i][k]
			if net.Output == model.Binary {
				positive[i] = set.y[i] == 1
			} else {
				positive[i] = set.y[i] == k
			}
		}
		roc, err := model.ROC(scores, positive)
		if err != nil {
			continue
		}
		curves = append(curves, viz.ROCSeries{Name: net.Classes[k], FPR: roc.FPR, TPR: roc.TPR, AUC: roc.AUC})
	}
	return curves
}

// writeCountsCSV writes a confusion matrix with its class names.
func writeCountsCSV(w io.Writer, names []string, counts [][]int) error {
	m := make([][]float64, len(counts))
	for i, row := range counts {
		m[i] = make([]float64, len(row))
		for j, c := range row {
			m[i][j] = float64(c)
		}
	}
	return viz.WriteMatrixCSV(w, names, names, m)
}
