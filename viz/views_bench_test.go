package viz

import (
	"image"
	"testing"
	"time"
)

// BenchmarkTrainingCurves2000 draws 2000 epochs of training and
// validation loss and accuracy at 640×480.
func BenchmarkTrainingCurves2000(b *testing.B) {
	loss, acc := trainingHistory(2000, 1)
	b.ReportAllocs()
	for b.Loop() {
		TrainingCurves(loss, acc, 640, 480, 1)
	}
}

func BenchmarkConfusionMatrix40(b *testing.B) {
	counts := confusionCounts(40, 10, 2)
	names := classNames(40)
	thumbs := make([]image.Image, 40)
	for i := range thumbs {
		thumbs[i] = faceThumbnail(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		ConfusionMatrix(counts, names, thumbs, ConfusionOptions{})
	}
}

// BenchmarkROCPlot40 builds and renders 40 curves of 21 points at 480×480.
func BenchmarkROCPlot40(b *testing.B) {
	curves := rocSeries(40, 3)
	b.ReportAllocs()
	for b.Loop() {
		p, err := ROCPlot(curves)
		if err != nil {
			b.Fatal(err)
		}
		RenderPlot(p, 480, 480, 1)
	}
}

// BenchmarkTimelineGIF50 builds a GIF of 50 montages of 64 units on the
// face grid. Drawing the montages is not timed.
func BenchmarkTimelineGIF50(b *testing.B) {
	frames := make([]image.Image, 50)
	for i := range frames {
		w := randomWeights(faceLayout.Width*faceLayout.Height, 64, uint64(i))
		frames[i] = Montage(w, MontageOptions{Layout: faceLayout})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TimelineGIF(frames, 100*time.Millisecond); err != nil {
			b.Fatal(err)
		}
	}
}
