package viz

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// scaledDrawings returns, for each kind of image viz draws, a function
// that draws the same content at a given pixel scale.
func scaledDrawings(t *testing.T) map[string]func(scale float64) image.Image {
	t.Helper()
	w := randomWeights(faceLayout.Width*faceLayout.Height, 6, 1)
	values := blobs(0.42)
	three := []Bar{
		{Label: "Alice", Probability: 0.873, Logit: 2.41},
		{Label: "Bob", Probability: 0.102, Logit: 0.26},
		{Label: "Carol", Probability: 0.025, Logit: -1.15},
	}
	counts := [][]int{{5, 1, 0}, {0, 6, 1}, {2, 0, 4}}
	names := []string{"Alice", "Bob", "Carol"}
	series := []Series{{Name: "training", X: []float64{1, 2, 3},
		Y: []float64{0.9, 0.5, 0.3}}}
	line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		t.Fatal(err)
	}

	return map[string]func(float64) image.Image{
		"montage": func(s float64) image.Image {
			return Montage(w, MontageOptions{Layout: faceLayout,
				Title: "Layer 1 weights", PixelScale: s})
		},
		"heat map": func(s float64) image.Image {
			return HeatMap(values, faceLayout, HeatMapOptions{
				Title: "Saliency", PixelScale: s})
		},
		"panels": func(s float64) image.Image {
			panels := []Panel{{Title: "A", Values: values, Note: "a = 0.93"},
				{Title: "B", Values: nil}}
			return Panels(panels, faceLayout, PanelOptions{Title: "Unit 3",
				PixelScale: s})
		},
		"confusion": func(s float64) image.Image {
			return ConfusionMatrix(counts, names, nil,
				ConfusionOptions{PixelScale: s})
		},
		"chart": func(s float64) image.Image {
			img, err := ProbabilityChart(three, ChartOptions{PixelScale: s,
				Rule: ">", Threshold: 0.5, Note: "One-vs-rest"})
			if err != nil {
				t.Fatal(err)
			}
			return img
		},
		"curves": func(s float64) image.Image {
			return TrainingCurves(series, series, 640, 480, s)
		},
		"plot": func(s float64) image.Image {
			p := plot.New()
			p.Add(line)
			return RenderPlot(p, 400, 300, s)
		},
		"empty": func(s float64) image.Image {
			return EmptyImage(320, 120, s, "Train the network")
		},
	}
}

// TestPixelScaleSizes checks that each image is about scale times as
// wide and as tall as at scale 1. Text is hinted to whole pixels at each
// size, so its width grows a little more or less than the scale.
func TestPixelScaleSizes(t *testing.T) {
	for name, draw := range scaledDrawings(t) {
		t.Run(name, func(t *testing.T) {
			base := draw(1).Bounds().Size()
			if zero := draw(0).Bounds().Size(); zero != base {
				t.Errorf("scale 0 gives %v, scale 1 gives %v", zero, base)
			}
			for _, s := range []float64{1.5, 2, 3} {
				got := draw(s).Bounds().Size()
				for _, side := range []struct {
					name      string
					base, got int
				}{{"width", base.X, got.X}, {"height", base.Y, got.Y}} {
					want := s * float64(side.base)
					if math.Abs(float64(side.got)-want) > 0.04*want+2 {
						t.Errorf("scale %v: %s %d, want about %.0f "+
							"(%d at scale 1)", s, side.name, side.got, want,
							side.base)
					}
				}
			}
		})
	}
}

// TestPixelScaleGolden compares drawings at scale 2 with golden images,
// so text, lines and gaps are drawn at twice the size, not blown up.
func TestPixelScaleGolden(t *testing.T) {
	drawings := scaledDrawings(t)
	for _, name := range []string{"montage", "heat map", "panels",
		"confusion", "chart", "empty"} {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, "scale2_"+goldenName(name), drawings[name](2))
		})
	}
}

// goldenName returns name with spaces replaced by underscores.
func goldenName(name string) string {
	b := []byte(name)
	for i, c := range b {
		if c == ' ' {
			b[i] = '_'
		}
	}
	return string(b)
}

// TestPixelScaleSharpens checks that text at scale 2 is drawn at the
// larger size and not copied from scale 1 with each pixel doubled.
func TestPixelScaleSharpens(t *testing.T) {
	draw := scaledDrawings(t)["empty"]
	base, doubled := draw(1), draw(2)
	b := doubled.Bounds()
	differ := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := base.At(x/2, y/2).RGBA()
			r2, g2, b2, _ := doubled.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				differ++
			}
		}
	}
	if differ < 100 {
		t.Errorf("only %d pixels of the text at scale 2 differ from the "+
			"scale-1 text with each pixel doubled", differ)
	}
}

func TestMontageUnitAtScaled(t *testing.T) {
	w := randomWeights(faceLayout.Width*faceLayout.Height, 7, 2)
	for _, s := range []float64{1, 1.25, 2, 3} {
		opt := MontageOptions{Layout: faceLayout, Title: "T", PixelScale: s}
		g := newMontageGeometry(opt.withDefaults(7), 7, false)
		for unit := range 7 {
			o := g.tileOrigin(unit)
			centre := o.Add(image.Pt(g.tileWidth/2, g.tileHeight/2))
			got, ok := MontageUnitAt(w, opt, centre)
			if !ok || got != unit {
				t.Errorf("scale %v: centre of tile %d at %v hits %d, %v",
					s, unit, centre, got, ok)
			}
		}
		if b := Montage(w, opt).Bounds(); b.Dx() != g.width ||
			b.Dy() != g.height {
			t.Errorf("scale %v: montage %v, geometry %dx%d", s, b, g.width,
				g.height)
		}
	}
}

func TestPixelScalePanics(t *testing.T) {
	layout := Layout{Width: 2, Height: 2}
	w := randomWeights(4, 1, 1)
	values := []float64{1, 2, 3, 4}
	for _, s := range []float64{-1, math.NaN(), math.Inf(1), 9} {
		draws := map[string]func(){
			"Montage": func() {
				Montage(w, MontageOptions{Layout: layout, PixelScale: s})
			},
			"HeatMap": func() {
				HeatMap(values, layout, HeatMapOptions{PixelScale: s})
			},
			"Panels": func() {
				Panels([]Panel{{Values: values}}, layout,
					PanelOptions{PixelScale: s})
			},
			"ConfusionMatrix": func() {
				ConfusionMatrix([][]int{{1}}, []string{"a"}, nil,
					ConfusionOptions{PixelScale: s})
			},
			"ProbabilityChart": func() {
				ProbabilityChart([]Bar{{Label: "a", Probability: 1}},
					ChartOptions{PixelScale: s})
			},
			"EmptyImage": func() { EmptyImage(10, 10, s, "x") },
			"RenderPlot": func() { RenderPlot(plot.New(), 10, 10, s) },
		}
		for name, draw := range draws {
			t.Run(name, func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Errorf("%s with pixel scale %v did not panic",
							name, s)
					}
				}()
				draw()
			})
		}
	}
}

// TestFractionalScaleCells checks that at a scale that is not a whole
// number each grid cell still gets its share of the tile, within one
// pixel, in a montage and in a heat map.
func TestFractionalScaleCells(t *testing.T) {
	layout := Layout{Width: 4, Height: 1}
	values := []float64{1, -1, 1, -1}
	w := mat.NewDense(4, 1, values)
	for _, s := range []float64{0.75, 1.25, 1.5, 2.5} {
		opt := MontageOptions{Layout: layout, Cell: 5, PixelScale: s}
		g := newMontageGeometry(opt.withDefaults(1), 1, false)
		if want := 20 * s; math.Abs(float64(g.tileWidth)-want) > 1 {
			t.Errorf("montage at scale %v: tile %d pixels wide, want %.1f",
				s, g.tileWidth, want)
		}
		o := g.tileOrigin(0)
		checkCellRuns(t, fmt.Sprintf("montage at scale %v", s),
			Montage(w, opt), o.X, o.Y, g.tileWidth, 4)

		p := newHeatPanel(Panel{Values: values}, layout, 5, styleFor(s))
		if want := 20 * s; math.Abs(float64(p.gridWidth)-want) > 1 {
			t.Errorf("heat map at scale %v: grid %d pixels wide, want %.1f",
				s, p.gridWidth, want)
		}
		checkCellRuns(t, fmt.Sprintf("heat map at scale %v", s),
			HeatMap(values, layout, HeatMapOptions{Cell: 5, PixelScale: s}),
			p.gridLeft, p.gridTop, p.gridWidth, 4)
	}
}

// checkCellRuns checks that the width pixels of img from (x, y) rightwards
// form cells runs of alternating red and blue whose lengths differ by at
// most one.
func checkCellRuns(t *testing.T, name string, img image.Image, x, y, width,
	cells int) {

	t.Helper()
	var runs []int
	var last color.RGBA
	for i := range width {
		c := color.RGBAModel.Convert(img.At(x+i, y)).(color.RGBA)
		if i == 0 || c != last {
			runs = append(runs, 0)
		}
		runs[len(runs)-1]++
		last = c
	}
	if len(runs) != cells {
		t.Fatalf("%s: %d runs of colour %v, want %d", name, len(runs), runs,
			cells)
	}
	if lo, hi := slices.Min(runs), slices.Max(runs); hi-lo > 1 {
		t.Errorf("%s: cells of %v pixels, want lengths within one", name, runs)
	}
	if want := float64(width) / float64(cells); math.Abs(float64(runs[0])-want) > 1 {
		t.Errorf("%s: first cell %d pixels, want about %.1f", name, runs[0], want)
	}
}
