package viz

import "testing"

func BenchmarkMontage64(b *testing.B) {
	w := randomWeights(faceLayout.Width*faceLayout.Height, 64, 1)
	opt := MontageOptions{Layout: faceLayout}
	b.ReportAllocs()
	for b.Loop() {
		Montage(w, opt)
	}
}

// BenchmarkProbabilityChart40 draws 40 bars at 480×640, a size at which
// every bar has its label and note.
func BenchmarkProbabilityChart40(b *testing.B) {
	bars := softmaxBars(40, 3)
	b.ReportAllocs()
	for b.Loop() {
		_, err := ProbabilityChart(bars, ChartOptions{Width: 480, Height: 640})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProbabilityChart40Rule draws the chart of
// BenchmarkProbabilityChart40 with a decision rule and a note, as the
// one-vs-rest output view does.
func BenchmarkProbabilityChart40Rule(b *testing.B) {
	bars := softmaxBars(40, 3)
	opt := ChartOptions{Width: 480, Height: 640, Rule: ">", Threshold: 0.5,
		Note: "One-vs-rest: each bar is its own sigmoid, so they need not " +
			"sum to 1"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ProbabilityChart(bars, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPanels6 draws six 23×28 heat maps at the default cell size.
func BenchmarkPanels6(b *testing.B) {
	panels := make([]Panel, 6)
	for i := range panels {
		panels[i] = Panel{Title: "Saliency", Values: blobs(0.3),
			Mode: Mode(i % 3), Note: "max |v| 0.3"}
	}
	b.ReportAllocs()
	for b.Loop() {
		Panels(panels, faceLayout, PanelOptions{})
	}
}

// BenchmarkMontage64Scale2 draws the montage of BenchmarkMontage64 at
// two image pixels per logical pixel, as on a HiDPI screen.
func BenchmarkMontage64Scale2(b *testing.B) {
	w := randomWeights(faceLayout.Width*faceLayout.Height, 64, 1)
	opt := MontageOptions{Layout: faceLayout, PixelScale: 2}
	b.ReportAllocs()
	for b.Loop() {
		Montage(w, opt)
	}
}

// BenchmarkProbabilityChart40Scale2 draws the chart of
// BenchmarkProbabilityChart40 at two image pixels per logical pixel.
func BenchmarkProbabilityChart40Scale2(b *testing.B) {
	bars := softmaxBars(40, 3)
	opt := ChartOptions{Width: 480, Height: 640, PixelScale: 2}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ProbabilityChart(bars, opt); err != nil {
			b.Fatal(err)
		}
	}
}
