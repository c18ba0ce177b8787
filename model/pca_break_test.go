package model

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestPCAEqualRowsRejected checks that rows which are all equal are
// rejected even when their mean is not exact in floating point, as for
// three rows of 0.1.
func TestPCAEqualRowsRejected(t *testing.T) {
	x := mat.NewDense(3, 2, []float64{0.1, 0.7, 0.1, 0.7, 0.1, 0.7})
	p, err := PrincipalComponents(x, 1)
	if err == nil {
		t.Errorf("PrincipalComponents of 3 equal rows: got variance "+
			"ratios %v and no error, want an error", p.Variance)
	}
}

// TestPCAHugeValuesFiniteRatios checks that finite inputs give finite
// variance ratios, even when the squared singular values overflow.
func TestPCAHugeValuesFiniteRatios(t *testing.T) {
	tests := []struct {
		name string
		data []float64
	}{
		{"values of 1e200", []float64{1e200, 0, -1e200, 1, 0, 2}},
		{"values near the largest float", []float64{1.5e308, 0, 1.5e308, 1, -1e308, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := mat.NewDense(3, 2, tt.data)
			p, err := PrincipalComponents(x, 2)
			if err != nil {
				return // an error is an acceptable result
			}
			for i, v := range p.Variance {
				if math.IsNaN(v) || v < 0 || v > 1 {
					t.Errorf("variance ratio %d = %v, want a number in [0, 1] "+
						"or an error", i, v)
				}
			}
		})
	}
}
