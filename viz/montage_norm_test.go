package viz

import (
	"math"
	"testing"
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
