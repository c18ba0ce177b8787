package viz

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// trainingHistory returns loss and accuracy series over epochs 1…n for
// training and validation. Validation is NaN at every third epoch.
func trainingHistory(n int, seed uint64) (loss, accuracy []Series) {
	rng := rand.New(rand.NewPCG(seed, seed))
	epochs := make([]float64, n)
	trainLoss, validLoss := make([]float64, n), make([]float64, n)
	trainAcc, validAcc := make([]float64, n), make([]float64, n)
	for i := range n {
		e := float64(i + 1)
		epochs[i] = e
		trainLoss[i] = 3*math.Exp(-e/(0.2*float64(n))) + 0.05*rng.Float64()
		validLoss[i] = trainLoss[i] + 0.2 + 0.1*rng.Float64()
		trainAcc[i] = 1 - 0.95*math.Exp(-e/(0.15*float64(n)))
		validAcc[i] = trainAcc[i] - 0.1 - 0.05*rng.Float64()
		if i%3 == 2 {
			validLoss[i], validAcc[i] = math.NaN(), math.NaN()
		}
	}
	loss = []Series{{"training", epochs, trainLoss}, {"validation", epochs, validLoss}}
	accuracy = []Series{{"training", epochs, trainAcc}, {"validation", epochs, validAcc}}
	return loss, accuracy
}

// confusionCounts returns an n×n matrix with most samples on the diagonal.
func confusionCounts(n, perClass int, seed uint64) [][]int {
	rng := rand.New(rand.NewPCG(seed, seed))
	counts := make([][]int, n)
	for i := range counts {
		counts[i] = make([]int, n)
		for range perClass {
			p := i
			if rng.Float64() < 0.2 {
				p = rng.IntN(n)
			}
			counts[i][p]++
		}
	}
	return counts
}

// faceThumbnail returns a small grey oval on a dark square, shaded by
// seed, to stand in for a face image.
func faceThumbnail(seed int) image.Image {
	img := image.NewGray(image.Rect(0, 0, 23, 28))
	for y := range 28 {
		for x := range 23 {
			dx, dy := float64(x-11)/9, float64(y-14)/12
			v := uint8(40)
			if dx*dx+dy*dy < 1 {
				v = uint8(120 + (seed*37+x*3)%120)
			}
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	return img
}

func classNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = "s" + strconv.Itoa(i+1)
	}
	return names
}

// rocSeries returns n seeded ROC curves that bow above the diagonal.
func rocSeries(n int, seed uint64) []ROCSeries {
	rng := rand.New(rand.NewPCG(seed, seed))
	curves := make([]ROCSeries, n)
	for i := range curves {
		power := 1.5 + 8*rng.Float64()
		c := ROCSeries{Name: "Person " + strconv.Itoa(i+1)}
		for j := 0; j <= 20; j++ {
			x := float64(j) / 20
			c.FPR = append(c.FPR, x)
			c.TPR = append(c.TPR, 1-math.Pow(1-x, power))
		}
		c.AUC = power / (power + 1)
		curves[i] = c
	}
	return curves
}

func renderOrFail(p *plot.Plot, err error, width, height int) (image.Image, error) {
	if err != nil {
		return nil, err
	}
	return RenderPlot(p, width, height, 1), nil
}

func TestViewGoldenImages(t *testing.T) {
	tests := []struct {
		name string
		draw func() (image.Image, error)
	}{
		{"training_curves", func() (image.Image, error) {
			loss, acc := trainingHistory(60, 1)
			return TrainingCurves(loss, acc, 640, 480, 1), nil
		}},
		{"training_no_validation", func() (image.Image, error) {
			loss, acc := trainingHistory(60, 1)
			for _, s := range [][]Series{loss, acc} {
				for i := range s[1].Y {
					s[1].Y[i] = math.NaN()
				}
			}
			return TrainingCurves(loss, acc, 640, 480, 1), nil
		}},
		{"confusion_3", func() (image.Image, error) {
			counts := [][]int{{8, 1, 1}, {0, 10, 0}, {2, 3, 5}}
			names := []string{"Alice", "Bob", "Carol"}
			thumbs := []image.Image{faceThumbnail(1), nil, faceThumbnail(3)}
			return ConfusionMatrix(counts, names, thumbs, ConfusionOptions{}), nil
		}},
		{"confusion_40", func() (image.Image, error) {
			thumbs := make([]image.Image, 40)
			for i := range thumbs {
				thumbs[i] = faceThumbnail(i)
			}
			return ConfusionMatrix(confusionCounts(40, 10, 2), classNames(40),
				thumbs, ConfusionOptions{}), nil
		}},
		{"roc_3", func() (image.Image, error) {
			p, err := ROCPlot(rocSeries(3, 3))
			return renderOrFail(p, err, 480, 480)
		}},
		{"roc_40", func() (image.Image, error) {
			p, err := ROCPlot(rocSeries(40, 3))
			return renderOrFail(p, err, 480, 480)
		}},
		{"unit_change", func() (image.Image, error) {
			epochs, change := unitChanges(30, 16, 4)
			p, err := UnitChangePlot(epochs, change)
			return renderOrFail(p, err, 640, 360)
		}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			img, err := test.draw()
			if err != nil {
				t.Fatalf("draw: %v", err)
			}
			checkGolden(t, test.name, img)
		})
	}
}

// unitChanges returns n epochs of seeded weight changes of units units,
// shrinking as training settles.
func unitChanges(n, units int, seed uint64) ([]int, [][]float64) {
	rng := rand.New(rand.NewPCG(seed, seed))
	epochs := make([]int, n)
	change := make([][]float64, n)
	for t := range n {
		epochs[t] = 5 * (t + 1)
		change[t] = make([]float64, units)
		for u := range units {
			change[t][u] = (1 + rng.Float64()) * math.Exp(-float64(t)/8) *
				(1 + float64(u%4)/4)
		}
	}
	return epochs, change
}

func TestViewsDegenerateInput(t *testing.T) {
	nan := math.NaN()
	constant := []Series{{"training", []float64{1, 2, 3}, []float64{0.5, 0.5, 0.5}}}
	onlyNaN := []Series{{"training", []float64{1, 2}, []float64{nan, nan}}}
	tests := []struct {
		name string
		draw func() image.Image
		size image.Point
	}{
		{"curves empty", func() image.Image {
			return TrainingCurves(nil, nil, 320, 240, 1)
		}, image.Pt(320, 240)},
		{"curves zero size", func() image.Image {
			return TrainingCurves(constant, constant, 0, 0, 1)
		}, image.Pt(0, 0)},
		{"curves only NaN", func() image.Image {
			return TrainingCurves(onlyNaN, onlyNaN, 320, 240, 1)
		}, image.Pt(320, 240)},
		{"curves constant", func() image.Image {
			return TrainingCurves(constant, constant, 320, 240, 1)
		}, image.Pt(320, 240)},
		{"curves one panel", func() image.Image {
			return TrainingCurves(constant, nil, 320, 240, 1)
		}, image.Pt(320, 240)},
		{"confusion empty", func() image.Image {
			return ConfusionMatrix(nil, nil, nil, ConfusionOptions{})
		}, image.Pt(320, 320)},
		{"confusion not square", func() image.Image {
			return ConfusionMatrix([][]int{{1, 2}}, []string{"a"}, nil,
				ConfusionOptions{Size: 200})
		}, image.Pt(200, 200)},
		{"confusion negative", func() image.Image {
			return ConfusionMatrix([][]int{{1, -2}, {0, 1}},
				[]string{"a", "b"}, nil, ConfusionOptions{Size: 200})
		}, image.Pt(200, 200)},
		{"confusion names", func() image.Image {
			return ConfusionMatrix([][]int{{1}}, nil, nil,
				ConfusionOptions{Size: 200})
		}, image.Pt(200, 200)},
		{"confusion all zero", func() image.Image {
			return ConfusionMatrix([][]int{{0, 0}, {0, 0}},
				[]string{"a", "b"}, nil, ConfusionOptions{Size: 200})
		}, image.Pt(200, 200)},
		{"confusion too small", func() image.Image {
			return ConfusionMatrix(confusionCounts(40, 3, 1), classNames(40),
				nil, ConfusionOptions{Size: 60})
		}, image.Pt(60, 60)},
		{"render zero size", func() image.Image {
			p, _ := CurvesPlot("", "", "", constant)
			return RenderPlot(p, 0, 10, 1)
		}, image.Pt(0, 10)},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			img := test.draw()
			if got := img.Bounds(); got != (image.Rectangle{Max: test.size}) {
				t.Errorf("bounds = %v, want %v", got, image.Rectangle{Max: test.size})
			}
		})
	}
}

func TestConfusionBadDataShowsMessage(t *testing.T) {
	got := ConfusionMatrix([][]int{{1, -2}, {0, 1}}, []string{"a", "b"}, nil,
		ConfusionOptions{Size: 200})
	want := EmptyImage(200, 200, 1, "Cannot draw the confusion matrix: "+
		"count 1 of row 0 is negative (-2)")
	if n := countDifferingPixels(got, want, 0); n != 0 {
		t.Errorf("%d pixels differ from the message image", n)
	}
}

func TestPlotErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"curves no series", func() error {
			_, err := CurvesPlot("", "", "", nil)
			return err
		}, "no series"},
		{"curves length mismatch", func() error {
			_, err := CurvesPlot("", "", "", []Series{{"a", []float64{1}, nil}})
			return err
		}, "1 x and 0 y"},
		{"curves all Inf", func() error {
			s := Series{"a", []float64{1}, []float64{math.Inf(1)}}
			_, err := CurvesPlot("", "", "", []Series{s})
			return err
		}, "no series"},
		{"roc empty", func() error {
			_, err := ROCPlot(nil)
			return err
		}, "no ROC curves"},
		{"roc NaN", func() error {
			c := ROCSeries{Name: "a", FPR: []float64{0, nan}, TPR: []float64{0, 1}}
			_, err := ROCPlot([]ROCSeries{c})
			return err
		}, "rate NaN at point 1"},
		{"roc outside unit", func() error {
			c := ROCSeries{Name: "a", FPR: []float64{0, 2}, TPR: []float64{0, 1}}
			_, err := ROCPlot([]ROCSeries{c})
			return err
		}, "rate 2 at point 1"},
		{"roc no points", func() error {
			_, err := ROCPlot([]ROCSeries{{Name: "a"}})
			return err
		}, "0 false and 0 true"},
		{"change empty", func() error {
			_, err := UnitChangePlot(nil, nil)
			return err
		}, "no weight changes"},
		{"change epochs", func() error {
			_, err := UnitChangePlot([]int{1, 2}, [][]float64{{1}})
			return err
		}, "2 epochs for 1 rows"},
		{"change ragged", func() error {
			_, err := UnitChangePlot([]int{1, 2}, [][]float64{{1}, {1, 2}})
			return err
		}, "cover 2 units, not 1"},
		{"change all NaN", func() error {
			_, err := UnitChangePlot([]int{1}, [][]float64{{nan, nan}})
			return err
		}, "no weight change is a finite"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			err := test.err()
			if err == nil || !strings.Contains(err.Error(), test.want) {
				t.Errorf("error = %v, want one containing %q", err, test.want)
			}
		})
	}
}

func TestUnitChangePlotSkipsNaN(t *testing.T) {
	nan := math.NaN()
	p, err := UnitChangePlot([]int{1, 2, 3}, [][]float64{{1, nan}, {nan, nan}, {2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	if img := RenderPlot(p, 200, 150, 1); img.Bounds().Dx() != 200 {
		t.Errorf("width = %d, want 200", img.Bounds().Dx())
	}
}

func TestROCPlotLegendCap(t *testing.T) {
	for _, n := range []int{1, MaxROCLegend, MaxROCLegend + 1, 40} {
		p, err := ROCPlot(rocSeries(n, 5))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := legendEntries(t, p), min(n, MaxROCLegend); got != want {
			t.Errorf("%d curves: %d legend entries, want %d", n, got, want)
		}
	}
}

// legendEntries returns how many entries p's legend has, by measuring its
// height against that of one entry.
func legendEntries(t *testing.T, p *plot.Plot) int {
	t.Helper()
	single := plot.NewLegend()
	single.TextStyle = p.Legend.TextStyle
	single.Add("x")
	c := padded(draw.New(newPlotCanvas(480, 480, 1)))
	entry := single.Rectangle(c).Size().Y
	return int(math.Round(float64(p.Legend.Rectangle(c).Size().Y / entry)))
}

func TestWriteSVG(t *testing.T) {
	p, err := ROCPlot(rocSeries(2, 6))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteSVG(&buf, p, 400, 300); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	for _, want := range []string{"<svg", "Person 1 (AUC", "</svg>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func TestTimelineGIFRoundTrip(t *testing.T) {
	frames := []image.Image{
		Montage(randomWeights(faceLayout.Width*faceLayout.Height, 4, 1),
			MontageOptions{Layout: faceLayout}),
		Montage(randomWeights(faceLayout.Width*faceLayout.Height, 9, 2),
			MontageOptions{Layout: faceLayout}),
		EmptyImage(50, 40, 1, "x"),
	}
	g, err := TimelineGIF(frames, 250*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteGIF(&buf, g); err != nil {
		t.Fatal(err)
	}
	decoded, err := gif.DecodeAll(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(decoded.Image); got != len(frames) {
		t.Fatalf("%d frames, want %d", got, len(frames))
	}
	var size image.Point
	for _, f := range frames {
		size.X = max(size.X, f.Bounds().Dx())
		size.Y = max(size.Y, f.Bounds().Dy())
	}
	for i, img := range decoded.Image {
		if got := img.Bounds().Size(); got != size {
			t.Errorf("frame %d size = %v, want %v", i, got, size)
		}
		if decoded.Delay[i] != 25 {
			t.Errorf("frame %d delay = %d, want 25", i, decoded.Delay[i])
		}
	}
	// Pixels keep their colour within the palette's resolution, and the
	// padding has the background colour.
	if d := maxDistance(frames[0], decoded.Image[0]); d > 24 {
		t.Errorf("frame 0 differs by up to %d in a channel, want at most 24", d)
	}
	corner := decoded.Image[2].At(size.X-1, size.Y-1)
	if d := pixelDistance(corner, backgroundColor); d != 0 {
		t.Errorf("padding differs from the background by %d", d)
	}
}

// maxDistance returns the largest channel difference between src and the
// same area of dst.
func maxDistance(src, dst image.Image) int {
	worst := 0
	b := src.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			worst = max(worst, pixelDistance(src.At(x, y), dst.At(x, y)))
		}
	}
	return worst
}

func TestTimelineGIFErrors(t *testing.T) {
	if _, err := TimelineGIF(nil, 0); err == nil {
		t.Error("no frames: got no error")
	}
	if _, err := TimelineGIF([]image.Image{nil}, 0); err == nil {
		t.Error("nil frame: got no error")
	}
}
