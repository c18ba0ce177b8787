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
