package viz

import (
	"flag"
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/mat"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata")

// goldenTolerance is the largest difference in any 8-bit channel at which
// two pixels still count as equal. It absorbs small differences in
// anti-aliasing between platforms.
const goldenTolerance = 8

// faceLayout is the 23×28 grid of the face images used as network input.
var faceLayout = Layout{Width: 23, Height: 28}

// randomWeights returns a seeded inputs×units matrix with values in
// [-1, 1], where unit j is scaled by 1/(j+1) so that later tiles are paler.
func randomWeights(inputs, units int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, seed))
	w := mat.NewDense(inputs, units, nil)
	for i := range inputs {
		for j := range units {
			w.Set(i, j, (2*rng.Float64()-1)/float64(j+1))
		}
	}
	return w
}

// softmaxBars returns n bars named "Person i (si)" whose probabilities are
// the softmax of seeded random logits.
func softmaxBars(n int, seed uint64) []Bar {
	rng := rand.New(rand.NewPCG(seed, seed))
	bars := make([]Bar, n)
	sum := 0.0
	for i := range bars {
		z := 4 * rng.Float64()
		bars[i] = Bar{Label: fmt.Sprintf("Person %d (s%d)", i+1, i+1), Logit: z}
		sum += math.Exp(z)
	}
	for i := range bars {
		bars[i].Probability = math.Exp(bars[i].Logit) / sum
	}
	return bars
}

func argmaxBar(bars []Bar) int {
	best := 0
	for i, b := range bars {
		if b.Probability > bars[best].Probability {
			best = i
		}
	}
	return best
}

func TestGoldenImages(t *testing.T) {
	withNaN := randomWeights(faceLayout.Width*faceLayout.Height, 6, 1)
	withNaN.Set(10*faceLayout.Width+11, 2, math.NaN())

	ramp := make([]float64, faceLayout.Width*faceLayout.Height)
	for i := range ramp {
		x, y := i%faceLayout.Width, i/faceLayout.Width
		ramp[i] = float64(x+y) / float64(faceLayout.Width+faceLayout.Height-2)
	}
	ramp[5*faceLayout.Width+5] = math.NaN()

	three := []Bar{
		{Label: "Alice", Probability: 0.873, Logit: 2.41},
		{Label: "Bob", Probability: 0.102, Logit: 0.26},
		{Label: "Carol", Probability: 0.025, Logit: -1.15},
	}

	tests := []struct {
		name string
		draw func() (image.Image, error)
	}{
		{"montage_random", func() (image.Image, error) {
			w := randomWeights(faceLayout.Width*faceLayout.Height, 6, 1)
			opt := MontageOptions{Layout: faceLayout,
				Title: "Layer 1 weights (6 units)"}
			return Montage(w, opt), nil
		}},
		{"montage_nan", func() (image.Image, error) {
			opt := MontageOptions{Layout: faceLayout,
				Title: "Layer 1 weights (6 units)"}
			return Montage(withNaN, opt), nil
		}},
		{"chart_3", func() (image.Image, error) {
			return ProbabilityChart(three, ChartOptions{Highlight: 0})
		}},
		{"chart_40", func() (image.Image, error) {
			bars := softmaxBars(40, 3)
			opt := ChartOptions{Width: 480, Height: 640,
				Highlight: argmaxBar(bars), MaxBars: 40}
			return ProbabilityChart(bars, opt)
		}},
		{"chart_folded", func() (image.Image, error) {
			bars := softmaxBars(40, 3)
			opt := ChartOptions{Width: 480, Height: 640,
				Highlight: argmaxBar(bars)}
			return ProbabilityChart(bars, opt)
		}},
		{"grid", func() (image.Image, error) {
			return GridImage(ramp, faceLayout, 4), nil
		}},
		{"empty", func() (image.Image, error) {
			msg := "Train the network to see its layer-1 weights"
			return EmptyImage(320, 120, 1, msg), nil
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

// checkGolden compares img with testdata/name.golden.png, or rewrites the
// golden file when the -update flag is set.
func checkGolden(t *testing.T, name string, got image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden.png")
	if *update {
		if err := WritePNG(path, got); err != nil {
			t.Fatal(err)
		}
		return
	}

	want := readPNG(t, path)
	if got.Bounds() != want.Bounds() {
		t.Fatalf("bounds = %v, want %v", got.Bounds(), want.Bounds())
	}
	differ := countDifferingPixels(got, want, goldenTolerance)
	if differ == 0 {
		return
	}
	// Not t.TempDir, which is removed when the test ends.
	failed := filepath.Join(os.TempDir(), "viz-"+name+".failed.png")
	if err := WritePNG(failed, got); err != nil {
		t.Log(err)
	}
	total := got.Bounds().Dx() * got.Bounds().Dy()
	t.Errorf("%d of %d pixels differ from %s by more than %d in a channel; "+
		"got image saved to %s; run go test ./viz -update if the change "+
		"is intended", differ, total, path, goldenTolerance, failed)
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v; run go test ./viz -update to create it", err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return img
}

// countDifferingPixels returns how many pixels of a and b, which have the
// same bounds, differ by more than tolerance in some 8-bit channel.
func countDifferingPixels(a, b image.Image, tolerance int) int {
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if pixelDistance(a.At(x, y), b.At(x, y)) > tolerance {
				n++
			}
		}
	}
	return n
}
