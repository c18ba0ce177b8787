package views

import (
	"fmt"
	"runtime"
	"testing"

	"visage/model"
)

// fractionalScales are screen scales that are not multiples of 1/8. The
// desktop driver of Fyne 2.8 rounds a screen's scale to tenths, so these
// occur.
var fractionalScales = []float64{1.1, 1.2, 1.3, 1.7}

// TestConfusionROCMatchesMatrix checks that the ROC plot beside the
// confusion matrix is as tall as the matrix, so the view is two squares
// side by side at every screen scale, as it is at scale 1.
func TestConfusionROCMatchesMatrix(t *testing.T) {
	f := newFixture(t, model.Softmax)
	for _, scale := range append([]float64{1, 2}, fractionalScales...) {
		s := f.state
		s.Scale = scale
		size := Confusion(s).Image.Bounds().Size()
		if size.X != 2*size.Y {
			t.Errorf("scale %v: image %v, want two squares side by side "+
				"(width %d)", scale, size, 2*size.Y)
		}
	}
}

// TestTimelinePlotMatchesMontage checks that the plot beside the
// timeline's montage is as tall as the montage. In this fixture the
// montage is taller than the plot's minimum height at every scale.
func TestTimelinePlotMatchesMontage(t *testing.T) {
	f := newFixture(t, model.Softmax)
	for _, scale := range append([]float64{1, 2}, fractionalScales...) {
		s := f.state
		s.Scale = scale
		montage := snapshotMontage(s.Net, s.Snapshots[0], s.Aspect*0.6, scale)
		got := Timeline(s).Image.Bounds().Dy()
		if want := montage.Bounds().Dy(); got != want {
			t.Errorf("scale %v: timeline %d px high, montage %d px, want "+
				"the plot as high as the montage", scale, got, want)
		}
	}
}

// TestPlotsBesideImagesTinyScale checks the confusion and timeline views
// at pixel scales close to 0, which viz accepts: neither view may panic,
// and each plot must be as tall as the image beside it, as at scale 1.
func TestPlotsBesideImagesTinyScale(t *testing.T) {
	f := newFixture(t, model.Softmax)
	for _, scale := range []float64{0.01, 5e-324} {
		s := f.state
		s.Scale = scale
		t.Run(fmt.Sprintf("Confusion %v", scale), func(t *testing.T) {
			defer failOnPanic(t)
			size := Confusion(s).Image.Bounds().Size()
			if size.X != 2*size.Y {
				t.Errorf("image %v, want two squares side by side "+
					"(width %d)", size, 2*size.Y)
			}
		})
		t.Run(fmt.Sprintf("Timeline %v", scale), func(t *testing.T) {
			defer failOnPanic(t)
			montage := snapshotMontage(s.Net, s.Snapshots[0], s.Aspect*0.6,
				scale)
			got := Timeline(s).Image.Bounds().Dy()
			if want := montage.Bounds().Dy(); got != want {
				t.Errorf("timeline %d px high, montage %d px, want the "+
					"plot as high as the montage", got, want)
			}
		})
	}
}

// failOnPanic fails t with the value of a panic in the deferring
// function.
func failOnPanic(t *testing.T) {
	t.Helper()
	if r := recover(); r != nil {
		t.Fatalf("panic: %v", r)
	}
}

// TestSaliencyInvalidScaleAllocation checks that Saliency rejects a
// pixel scale that viz rejects before it allocates an image sized by it.
func TestSaliencyInvalidScaleAllocation(t *testing.T) {
	f := newFixture(t, model.Softmax)
	s := f.state
	s.Scale = 16

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	panicked := func() (p bool) {
		defer func() { p = recover() != nil }()
		Saliency(s)
		return false
	}()
	runtime.ReadMemStats(&after)

	if !panicked {
		t.Errorf("Saliency at scale %v did not panic", s.Scale)
	}
	// The grid image alone is 23·8·16 × 28·8·16 pixels, 42 MB.
	const limit = 16 << 20
	if got := after.TotalAlloc - before.TotalAlloc; got > limit {
		t.Errorf("Saliency at scale %v allocated %d MB before it "+
			"panicked, want at most %d MB", s.Scale, got>>20, limit>>20)
	}
}

// maxViewPixels is the largest image, in pixels, that a view should draw.
// An 8K screen has 7680×4320, about 33 million pixels, so a larger image
// is never shown at its own resolution. The limit leaves twice that.
const maxViewPixels = 64 << 20

// TestViewsOneRowGridSize checks that Layer 2 and Eigenfaces of a grid
// of one row or one column of 784 cells stay within maxViewPixels at
// pixel scale 4, the largest the window passes.
func TestViewsOneRowGridSize(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector makes drawing these images take minutes")
	}
	for _, grid := range [][2]int{{1, 784}, {784, 1}} {
		data := smallDataset(grid[0], grid[1], 4, 3)
		net, err := model.New(model.Config{
			Grid:    model.Grid{Width: grid[0], Height: grid[1]},
			Hidden:  []int{64, 8}, // the default hidden layer and one more
			Classes: data.Classes,
			Seed:    1,
		})
		if err != nil {
			t.Fatal(err)
		}
		s := State{Net: net, Data: data, Fits: true, Scale: 4,
			Face:        &Face{Title: "face", Input: data.Faces[0].Input},
			Layer2:      Unit{Layer: 1, Unit: 0, Compare: -1},
			Attribution: Attribution{Method: MethodGradient, Class: -1}}
		views := map[string]func() Rendering{
			"Layer 2":    func() Rendering { return Layer2(s, s.Layer2) },
			"Eigenfaces": func() Rendering { return Eigenfaces(&EigenCache{}, s) },
		}
		for name, draw := range views {
			size := draw().Image.Bounds().Size()
			if pixels := size.X * size.Y; pixels > maxViewPixels {
				t.Errorf("%s of a %dx%d grid at scale 4: %v, %d million "+
					"pixels, want at most %d million", name, grid[0],
					grid[1], size, pixels>>20, maxViewPixels>>20)
			}
		}
	}
}
