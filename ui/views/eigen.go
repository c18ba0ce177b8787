package views

import (
	"fmt"
	"io"
	"sync"

	"gonum.org/v1/gonum/mat"

	"visage/faceio"
	"visage/model"
	"visage/viz"
)

// eigenfaceCount is the number of principal components shown.
const eigenfaceCount = 16

// EigenCache keeps the principal components of the last dataset, which
// do not change while a network trains on it.
type EigenCache struct {
	mu   sync.Mutex
	data *faceio.Dataset
	pca  model.PCA
	err  error
}

func (c *EigenCache) get(data *faceio.Dataset) (model.PCA, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.data != data {
		p := data.Pipeline
		x := mat.NewDense(len(data.Faces), p.Inputs(), data.Inputs())
		c.pca, c.err = model.PrincipalComponents(x, min(eigenfaceCount, len(data.Faces)-1, p.Inputs()))
		c.data = data
	}
	return c.pca, c.err
}

// Eigenfaces draws the leading principal components of the faces, taken
// from cache, beside the layer-1 templates of the network when it fits
// them.
func Eigenfaces(cache *EigenCache, s State) Rendering {
	if s.Data == nil || len(s.Data.Faces) < 2 {
		return Rendering{Image: viz.EmptyImage(640, 320, s.Scale, "Eigenfaces need at least two faces.")}
	}
	pca, err := cache.get(s.Data)
	if err != nil {
		return Rendering{Image: viz.EmptyImage(640, 320, s.Scale, "No eigenfaces: "+err.Error())}
	}

	_, k := pca.Components.Dims()
	labels := make([]string, k)
	for i := range labels {
		labels[i] = fmt.Sprintf("PC%d %.0f%%", i+1, 100*pca.Variance[i])
	}

	p := s.Data.Pipeline
	layout := viz.Layout{Width: p.Width, Height: p.Height, ColumnMajor: p.Order == faceio.ColumnMajor}
	aspect := s.Aspect
	if s.Fits {
		aspect /= 2 // the layer-1 montage takes the other half
	}
	columns, cell := montageShape(k, p.Width, p.Height, aspect)
	eigen := viz.Montage(pca.Components, viz.MontageOptions{
		Layout:  layout,
		Cell:    cell,
		Columns: columns,
		Title:   fmt.Sprintf("The %d leading eigenfaces", k),
		Scale:   viz.PerUnitScale,
		Labels:  labels,

		PixelScale: s.Scale,
	})

	r := Rendering{
		Image: eigen,
		CSV:   func(w io.Writer) error { return writeWeightsCSV(w, pca.Components, "PC") },
	}
	if s.Fits {
		r.Image = sideBySide(eigen, Layer1(s.Net, true, "Layer 1, each unit on its own scale", aspect, s.Scale).Image)
	}
	return r
}
