package faceio

import (
	"cmp"
	"slices"
)

// tieTolerance is the largest difference between two grid values that
// equalize treats as equal. It lies far above the rounding error of an
// area mean, estimated at 1e-16 per source pixel averaged. It lies below
// the smallest real step of a cell mean, 1/65535 divided by the pixels in
// the cell, unless a cell covers more than about 15000 pixels.
const tieTolerance = 1e-9

// equalize applies histogram equalisation to v in place, as documented on
// Pipeline.Equalize. Values within tieTolerance of their neighbour in sorted
// order count as equal, so a flat area stays flat instead of its rounding
// noise being stretched to full contrast.
func equalize(v []float64) {
	n := len(v)
	order, sorted := sortedOrder(v)

	// darkest is the size of the lowest tie group, c0 in the mapping.
	darkest := min(n, 1)
	for k := 1; k < n && sorted[k]-sorted[k-1] <= tieTolerance; k++ {
		darkest = k + 1
	}
	if darkest == n {
		return // A flat grid has no contrast to stretch.
	}

	// Walking down from the brightest value, end is the number of values
	// in the current tie group or below it: the cumulative histogram.
	end := n
	for k := n - 1; k >= 0; k-- {
		if k < n-1 && sorted[k+1]-sorted[k] > tieTolerance {
			end = k + 1
		}
		v[order[k]] = float64(end-darkest) / float64(n-darkest)
	}
}

// sortedOrder returns the indices of v in increasing order of value and the
// values in that order.
func sortedOrder(v []float64) ([]int, []float64) {
	order := make([]int, len(v))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(v[a], v[b]) })

	sorted := make([]float64, len(v))
	for k, i := range order {
		sorted[k] = v[i]
	}
	return order, sorted
}
