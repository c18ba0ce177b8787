package viz

import (
	"image"
	"math"
	"testing"
)

// blobs returns values on faceLayout that sum two Gaussian bumps of
// opposite sign, a smooth pattern like a trained unit's weights.
func blobs(scale float64) []float64 {
	values := make([]float64, faceLayout.Width*faceLayout.Height)
	for i := range values {
		x, y := float64(i%faceLayout.Width), float64(i/faceLayout.Width)
		eyes := math.Exp(-((x-7)*(x-7) + (y-10)*(y-10)) / 12)
		mouth := math.Exp(-((x-12)*(x-12) + (y-20)*(y-20)) / 20)
		values[i] = scale * (eyes - 0.7*mouth)
	}
	return values
}

func TestGoldenViews(t *testing.T) {
	signed := blobs(0.42)
	withNaN := blobs(0.12)
	withNaN[3] = math.NaN()
	grey := make([]float64, len(signed))
	for i, v := range signed {
		grey[i] = 0.5 + v
	}

	tests := []struct {
		name string
		draw func() (image.Image, error)
	}{
		{"chart_scripts", func() (image.Image, error) {
			bars := make([]Bar, len(scriptNames))
			for i, n := range scriptNames {
				p := 0.9 / float64(i+1)
				bars[i] = Bar{Label: n.name, Probability: p, Logit: math.Log(p)}
			}
			opt := ChartOptions{Title: "Ответ сети · 网络输出 · 출력", Highlight: 3}
			return ProbabilityChart(bars, opt)
		}},
		{"montage_per_unit", func() (image.Image, error) {
			w := randomWeights(faceLayout.Width*faceLayout.Height, 6, 1)
			opt := MontageOptions{Layout: faceLayout, Scale: PerUnitScale,
				Title: "Layer 1 weights, per-unit scale"}
			return Montage(w, opt), nil
		}},
		{"montage_labels", func() (image.Image, error) {
			w := randomWeights(faceLayout.Width*faceLayout.Height, 4, 2)
			opt := MontageOptions{Layout: faceLayout, Title: "Eigenfaces",
				Labels: []string{"PC1 12%", "PC2 8%", "PC3 5%",
					"PC4 with a label too long to fit"}}
			return Montage(w, opt), nil
		}},
		{"montage_small_tiles", func() (image.Image, error) {
			w := randomWeights(faceLayout.Width*faceLayout.Height, 12, 3)
			opt := MontageOptions{Layout: faceLayout, Cell: 2, Columns: 6}
			return Montage(w, opt), nil
		}},
		{"heatmap_signed", func() (image.Image, error) {
			opt := HeatMapOptions{Title: "Saliency ∂p/∂x (王小明)"}
			return HeatMap(signed, faceLayout, opt), nil
		}},
		{"heatmap_magnitude_nan", func() (image.Image, error) {
			opt := HeatMapOptions{Title: "Saliency |∂p/∂x|", Mode: Magnitude}
			return HeatMap(withNaN, faceLayout, opt), nil
		}},
		{"heatmap_grey", func() (image.Image, error) {
			opt := HeatMapOptions{Title: "Input", Mode: Grey, Cell: 6}
			return HeatMap(grey, faceLayout, opt), nil
		}},
		{"heatmap_no_data", func() (image.Image, error) {
			zero := make([]float64, len(signed))
			opt := HeatMapOptions{Title: "Saliency ∂p/∂x"}
			return HeatMap(zero, faceLayout, opt), nil
		}},
		{"panels", func() (image.Image, error) {
			panels := []Panel{
				{Title: "W1·W2", Values: signed, Note: "a = 0.93"},
				{Title: "Linearised", Values: blobs(-0.3), Note: "a = 0.71"},
				{Title: "Saliency", Values: withNaN, Note: "max |v| 0.12"},
				{Title: "|Saliency|", Values: signed, Mode: Magnitude},
				{Title: "Empty", Values: make([]float64, len(signed))},
				{Title: "Top face", Values: grey, Mode: Grey, Note: "p = 0.98"},
			}
			opt := PanelOptions{Title: "Unit 3 of layer 2", Cell: 5}
			return Panels(panels, faceLayout, opt), nil
		}},
		{"overlay", func() (image.Image, error) {
			photo := testPhoto(image.Point{}, 200, 160)
			area := image.Rect(40, 20, 40+23*5, 20+28*5)
			return Overlay(photo, area, signed, faceLayout, 0.7), nil
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

func TestGoldenChartRule(t *testing.T) {
	bars := []Bar{
		{Label: "Alice", Probability: 0.91, Logit: 2.31},
		{Label: "Bob", Probability: 0.62, Logit: 0.49},
		{Label: "Carol", Probability: 0.12, Logit: -1.99},
		{Label: "Dmitri", Probability: 0.03, Logit: -3.48},
	}
	tests := []struct {
		name string
		opt  ChartOptions
	}{
		{"chart_rule_note", ChartOptions{Rule: ">", Threshold: 0.5,
			Note: "One-vs-rest: each bar is its own sigmoid, so they " +
				"need not sum to 1"}},
		{"chart_rule_right", ChartOptions{Rule: ">=", Threshold: 0.95,
			Width: 360, Height: 240, Note: "A note long enough to wrap " +
				"onto a second line in a chart that is only 360 pixels " +
				"wide"}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			img, err := ProbabilityChart(bars, test.opt)
			if err != nil {
				t.Fatalf("draw: %v", err)
			}
			checkGolden(t, test.name, img)
		})
	}
}
