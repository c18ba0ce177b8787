package model

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PCA is the principal component analysis of a set of rows, such as the
// eigenfaces of a set of face images.
type PCA struct {
	// Mean is the mean row that was subtracted before the analysis.
	Mean []float64

	// Components is an inputs × k matrix whose columns are unit-length
	// principal directions, the largest variance first. Each column's sign
	// is chosen so that its entry of largest magnitude is positive, so the
	// result does not depend on the SVD routine's sign convention.
	Components *mat.Dense

	// Variance is the explained variance ratio of each component: its
	// share of the total variance of the centred rows. The ratios sum to
	// at most 1, and to 1 when k covers every non-zero direction.
	Variance []float64
}

// PrincipalComponents returns the k leading principal components of the
// rows of x, computed from the thin singular value decomposition of x with
// its mean row subtracted. It does not modify x.
//
// It returns an error when x has fewer than 2 rows or a NaN or ±Inf value,
// or when k is less than 1 or more than min(rows, columns). It also
// returns one when all rows are equal, because then there is no variance.
func PrincipalComponents(x *mat.Dense, k int) (PCA, error) {
	rows, cols := x.Dims()
	if err := checkPCAInput(x, k); err != nil {
		return PCA{}, err
	}

	if allRowsEqual(x) {
		return PCA{}, errNoVariance
	}
	// Scaling the rows by their largest magnitude keeps sums and squares
	// of values near the largest float64 finite, and changes neither the
	// directions nor the ratios.
	scale := maxAbs(x)
	mean := columnMeans(x, scale)
	centred := mat.NewDense(rows, cols, nil)
	for i := range rows {
		row := centred.RawRowView(i)
		for j, v := range x.RawRowView(i) {
			row[j] = v/scale - mean[j]
		}
	}
	for j := range mean {
		mean[j] *= scale
	}

	var svd mat.SVD
	if !svd.Factorize(centred, mat.SVDThinV) {
		return PCA{}, errors.New("model: principal components: " +
			"singular value decomposition did not converge")
	}
	values := svd.Values(nil)
	var total float64
	for _, s := range values {
		total += s * s
	}
	// Rows equal but for rounding leave singular values of the order of
	// the rounding of the centring, so anything that small is no variance.
	if values[0] <= 1e-12*math.Sqrt(float64(rows*cols)) {
		return PCA{}, errNoVariance
	}

	var v mat.Dense
	svd.VTo(&v)
	components := mat.DenseCopyOf(v.Slice(0, cols, 0, k))
	fixSigns(components)
	ratios := make([]float64, k)
	for i := range ratios {
		ratios[i] = values[i] * values[i] / total
	}
	return PCA{Mean: mean, Components: components, Variance: ratios}, nil
}

var errNoVariance = errors.New("model: principal components: all rows " +
	"are equal, so there is no variance to explain")

// allRowsEqual reports whether every row of x equals the first.
func allRowsEqual(x *mat.Dense) bool {
	rows, _ := x.Dims()
	first := x.RawRowView(0)
	for i := 1; i < rows; i++ {
		for j, v := range x.RawRowView(i) {
			if v != first[j] {
				return false
			}
		}
	}
	return true
}

// maxAbs returns the largest magnitude of the values of x, or 1 if all
// are 0.
func maxAbs(x *mat.Dense) float64 {
	largest := 0.0
	rows, _ := x.Dims()
	for i := range rows {
		for _, v := range x.RawRowView(i) {
			largest = math.Max(largest, math.Abs(v))
		}
	}
	if largest == 0 {
		return 1
	}
	return largest
}

func checkPCAInput(x *mat.Dense, k int) error {
	rows, cols := x.Dims()
	if rows < 2 {
		return fmt.Errorf("model: principal components need at least 2 "+
			"rows, got %d", rows)
	}
	if k < 1 || k > min(rows, cols) {
		return fmt.Errorf("model: %d principal components requested from "+
			"%d×%d data: ask for 1 to %d", k, rows, cols, min(rows, cols))
	}
	for i := range rows {
		for j, v := range x.RawRowView(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("model: principal components: value %d "+
					"of row %d is %v: values must be finite", j, i, v)
			}
		}
	}
	return nil
}

// columnMeans returns the mean of each column of x divided by scale.
func columnMeans(x *mat.Dense, scale float64) []float64 {
	rows, cols := x.Dims()
	mean := make([]float64, cols)
	for i := range rows {
		for j, v := range x.RawRowView(i) {
			mean[j] += v / scale
		}
	}
	for j := range mean {
		mean[j] /= float64(rows)
	}
	return mean
}

// fixSigns negates each column of m whose entry of largest magnitude is
// negative. Of entries with equal magnitude the first counts.
func fixSigns(m *mat.Dense) {
	rows, cols := m.Dims()
	for j := range cols {
		largest := 0.0
		for i := range rows {
			if v := m.At(i, j); math.Abs(v) > math.Abs(largest) {
				largest = v
			}
		}
		if largest >= 0 {
			continue
		}
		for i := range rows {
			m.Set(i, j, -m.At(i, j))
		}
	}
}
