package viz

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestMontageNormRange checks the tile norm of weights far from 1, where
// squaring them overflows or rounds to zero.
func TestMontageNormRange(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		want   float64
	}{
		{"ordinary", []float64{3, -4}, 5},
		{"huge", []float64{3e200, -4e200}, 5e200},
		{"tiny", []float64{3e-200, 4e-200}, 5e-200},
		{"tiny with NaN", []float64{math.NaN(), 3e-200, 4e-200}, 5e-200},
		{"huge with Inf", []float64{3e300, math.Inf(-1), 4e300}, 5e300},
		{"zeros", []float64{0, 0}, 0},
	}
	for _, tt := range tests {
		got := measureScale([][]float64{tt.values}).unitNorm[0]
		if math.Abs(got-tt.want) > 1e-12*tt.want || math.IsNaN(got) {
			t.Errorf("%s: norm of %v = %v, want %v", tt.name, tt.values,
				got, tt.want)
		}
	}
}

// TestNormLabelsKeepApart checks that tile labels show the weight norm
// only when the label leaves room between it and its neighbour's.
func TestNormLabelsKeepApart(t *testing.T) {
	st := styleFor(1)
	w := mat.NewDense(1, 2, []float64{0.5, 0.5})
	s := measureScale(unitWeights(w))
	label := st.label.width(normLabel(1, s))
	for _, tt := range []struct {
		room int
		want bool
	}{{0, false}, {labelRoom - 1, false}, {labelRoom, true}, {labelRoom + 5, true}} {
		g := montageGeometry{st: st, tileWidth: label + tt.room}
		if got := g.normsFit(s); got != tt.want {
			t.Errorf("tile %d pixels wider than its label: norms shown = %v, want %v",
				tt.room, got, tt.want)
		}
	}
}
