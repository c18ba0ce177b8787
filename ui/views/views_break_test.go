package views

import (
	"fmt"
	"image"
	"math/rand/v2"
	"testing"

	"visage/faceio"
	"visage/model"
)

// smallDataset returns classes×perClass faces of random pixels on a
// width×height grid, with a seeded generator.
func smallDataset(width, height, classes, perClass int) *faceio.Dataset {
	r := rand.New(rand.NewPCG(1, 2))
	d := &faceio.Dataset{Pipeline: faceio.DefaultPipeline()}
	d.Pipeline.Width, d.Pipeline.Height = width, height
	for c := range classes {
		d.Classes = append(d.Classes, fmt.Sprintf("person %d", c))
		for k := range perClass {
			input := make([]float64, width*height)
			for i := range input {
				input[i] = r.Float64()
			}
			d.Faces = append(d.Faces, faceio.Face{
				Path:      fmt.Sprintf("%d/%d.pgm", c, k),
				Label:     c,
				Input:     input,
				Thumbnail: image.NewGray(image.Rect(0, 0, 4, 4)),
			})
		}
	}
	return d
}

// TestEigenfacesSmallGrid checks that a grid of fewer cells than the
// number of eigenfaces shown still gets eigenfaces, as many as it has
// cells, rather than an error message.
func TestEigenfacesSmallGrid(t *testing.T) {
	tests := []struct {
		name          string
		width, height int
	}{
		{"1x1 grid", 1, 1},
		{"3x3 grid", 3, 3},
		{"5x3 grid", 5, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := smallDataset(tt.width, tt.height, 4, 6)
			cache := &EigenCache{}
			Eigenfaces(cache, State{Data: data})
			if cache.err != nil {
				t.Errorf("Eigenfaces of 24 faces on a %s: %v, want "+
					"%d eigenfaces", tt.name, cache.err, tt.width*tt.height)
			}
		})
	}
}

// TestAppendHistoryRepeatedEpoch checks that an epoch recorded twice in a
// row does not panic. Two equal epochs at the start give a spacing of 0.
func TestAppendHistoryRepeatedEpoch(t *testing.T) {
	defer func() {
		if e := recover(); e != nil {
			t.Errorf("AppendHistory with epochs 1, 1, 2 panics: %v", e)
		}
	}()
	var history []model.Progress
	for _, epoch := range []int{1, 1, 2} {
		history = AppendHistory(history, model.Progress{Epoch: epoch})
	}
	if got := history[len(history)-1].Epoch; got != 2 {
		t.Errorf("last epoch kept = %d, want 2", got)
	}
}

// TestLayer2WithoutFace checks that the Layer 2 view draws, rather than
// panics, when no face is chosen or the network does not fit the data.
func TestLayer2WithoutFace(t *testing.T) {
	data := smallDataset(4, 4, 3, 2)
	net, err := model.New(model.Config{
		Grid:    model.Grid{Width: 4, Height: 4},
		Hidden:  []int{3},
		Classes: data.Classes,
		Seed:    1,
	})
	if err != nil {
		t.Fatal(err)
	}
	face := &Face{Title: "photo", Input: data.Faces[0].Input}
	tests := []struct {
		name  string
		state State
	}{
		{"no face", State{Net: net, Data: data, Fits: true}},
		{"no face and no data", State{Net: net}},
		{"face but network does not fit", State{Net: net, Data: data, Face: face}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if e := recover(); e != nil {
					t.Errorf("Layer2 panics: %v", e)
				}
			}()
			r := Layer2(tt.state, Unit{Layer: 1, Unit: 0, Compare: -1})
			if r.Image == nil {
				t.Error("Layer2 returned no image")
			}
		})
	}
}

// TestSaliencyWideGridSize checks that the Saliency view of a grid one
// cell high stays within a few times the width of its heat map. Scaling
// the photo to the heat map's height would otherwise make it 100 times
// wider than it is high.
func TestSaliencyWideGridSize(t *testing.T) {
	data := smallDataset(784, 1, 2, 1)
	net, err := model.New(model.Config{
		Grid:    model.Grid{Width: 784, Height: 1},
		Hidden:  []int{3},
		Classes: data.Classes,
		Seed:    1,
	})
	if err != nil {
		t.Fatal(err)
	}
	s := State{Net: net, Data: data, Fits: true,
		Face:        &Face{Title: "face", Input: data.Faces[0].Input},
		Attribution: Attribution{Method: MethodGradient, Class: -1}}
	got := Saliency(s).Image.Bounds().Dx()
	heatMapWidth := 784 * 8
	if got > 3*heatMapWidth {
		t.Errorf("Saliency of a 784x1 grid is %d px wide, want at most %d "+
			"(3 times the heat map)", got, 3*heatMapWidth)
	}
}
