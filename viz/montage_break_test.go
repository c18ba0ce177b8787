package viz

import (
	"math"
	"strings"
	"testing"
)

// TestMontageNormOfHugeWeights checks that the weight norm in a tile
// label is finite when every weight is finite, even when the squares of
// the weights overflow.
func TestMontageNormOfHugeWeights(t *testing.T) {
	s := measureScale([][]float64{{1e200, 1e200, 1, 1}})
	if got := s.unitNorm[0]; math.IsInf(got, 0) || math.IsNaN(got) {
		t.Errorf("norm of weights {1e200, 1e200, 1, 1} = %v, want about "+
			"1.41e200", got)
	}
	if got := normLabel(0, s); strings.Contains(got, "Inf") {
		t.Errorf("tile label %q, want a finite norm", got)
	}
}

// TestMontagePerUnitCaptionRange checks that the per-unit caption gives
// the range of the scales the tiles are drawn on. A unit whose weights
// are all zero is drawn on a scale of 1, so it must not make the caption
// start at ±0.
func TestMontagePerUnitCaptionRange(t *testing.T) {
	s := measureScale([][]float64{{0.5, -2}, {0, 0}, {4, 1}})
	low, high := s.unitMaxRange()
	wantLow, wantHigh := math.Inf(1), 0.0
	for unit := range 3 {
		m := s.tileMax(PerUnitScale, unit)
		wantLow, wantHigh = min(wantLow, m), max(wantHigh, m)
	}
	if low != wantLow {
		t.Errorf("caption range starts at ±%v, want ±%v, the smallest "+
			"scale a tile is drawn on", low, wantLow)
	}
	if high != wantHigh {
		t.Errorf("caption range ends at ±%v, want ±%v", high, wantHigh)
	}
}
