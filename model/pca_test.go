package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// orthonormalColumns returns an n×k matrix with orthonormal columns, the
// Q factor of a seeded random matrix.
func orthonormalColumns(n, k int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, seed))
	a := mat.NewDense(n, k, nil)
	for i := range n {
		for j := range k {
			a.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(a)
	var q mat.Dense
	qr.QTo(&q)
	return mat.DenseCopyOf(q.Slice(0, n, 0, k))
}

// hadamard8 is a Hadamard matrix of order 8. Its columns after the first
// have zero mean and are orthogonal to each other.
var hadamard8 = [8][8]float64{
	{1, 1, 1, 1, 1, 1, 1, 1},
	{1, -1, 1, -1, 1, -1, 1, -1},
	{1, 1, -1, -1, 1, 1, -1, -1},
	{1, -1, -1, 1, 1, -1, -1, 1},
	{1, 1, 1, 1, -1, -1, -1, -1},
	{1, -1, 1, -1, -1, 1, -1, 1},
	{1, 1, -1, -1, -1, -1, 1, 1},
	{1, -1, -1, 1, -1, 1, 1, -1},
}

// knownDirections returns 8 rows of 6 values: mean plus scales[c] times
// the Hadamard column c+1 along direction c of dirs. Its centred rows have
// dirs as principal directions and scales as relative spreads.
func knownDirections(dirs *mat.Dense, scales, mean []float64) *mat.Dense {
	n, _ := dirs.Dims()
	x := mat.NewDense(8, n, nil)
	for i := range 8 {
		for j := range n {
			v := mean[j]
			for c, s := range scales {
				v += s * hadamard8[i][c+1] * dirs.At(j, c)
			}
			x.Set(i, j, v)
		}
	}
	return x
}

func TestPrincipalComponentsKnownDirections(t *testing.T) {
	dirs := orthonormalColumns(6, 3, 1)
	scales := []float64{3, 2, 1}
	mean := []float64{1, -2, 0.5, 4, 0, 3}
	x := knownDirections(dirs, scales, mean)

	pca, err := PrincipalComponents(x, 3)
	if err != nil {
		t.Fatal(err)
	}
	for j := range mean {
		if math.Abs(pca.Mean[j]-mean[j]) > 1e-12 {
			t.Errorf("Mean[%d] = %v, want %v", j, pca.Mean[j], mean[j])
		}
	}
	for c := range scales {
		dot := mat.Dot(pca.Components.ColView(c), dirs.ColView(c))
		if math.Abs(math.Abs(dot)-1) > 1e-9 {
			t.Errorf("|component %d · direction %d| = %v, want 1", c, c, dot)
		}
	}
	wantRatios := []float64{9.0 / 14, 4.0 / 14, 1.0 / 14}
	for c, want := range wantRatios {
		if math.Abs(pca.Variance[c]-want) > 1e-12 {
			t.Errorf("Variance[%d] = %v, want %v", c, pca.Variance[c], want)
		}
	}
}

func TestPrincipalComponentsMatchCovariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	const rows, cols, k = 30, 6, 4
	x := mat.NewDense(rows, cols, nil)
	for i := range rows {
		for j := range cols {
			x.Set(i, j, rng.NormFloat64()*float64(j+1))
		}
	}
	pca, err := PrincipalComponents(x, k)
	if err != nil {
		t.Fatal(err)
	}

	values, vectors := covarianceEigen(x)
	var total float64
	for _, v := range values {
		total += v
	}
	var sum float64
	for c := range k {
		sum += pca.Variance[c]
		if want := values[c] / total; math.Abs(pca.Variance[c]-want) > 1e-10 {
			t.Errorf("Variance[%d] = %v, want %v", c, pca.Variance[c], want)
		}
		for j := range cols {
			got, want := pca.Components.At(j, c), vectors.At(j, c)
			if math.Abs(got-want) > 1e-8 {
				t.Errorf("Components[%d][%d] = %v, want %v", j, c, got, want)
			}
		}
	}
	if sum > 1+1e-12 {
		t.Errorf("variance ratios sum to %v, want at most 1", sum)
	}
}

// covarianceEigen returns the eigenvalues of the covariance matrix of the
// rows of x, largest first, and the eigenvectors as columns in the same
// order, with the sign convention of PCA.Components.
func covarianceEigen(x *mat.Dense) ([]float64, *mat.Dense) {
	rows, cols := x.Dims()
	mean := columnMeans(x, 1)
	cov := mat.NewSymDense(cols, nil)
	for a := range cols {
		for b := a; b < cols; b++ {
			var s float64
			for i := range rows {
				s += (x.At(i, a) - mean[a]) * (x.At(i, b) - mean[b])
			}
			cov.SetSym(a, b, s/float64(rows-1))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(cov, true) {
		panic("eigen decomposition failed")
	}
	values := eig.Values(nil) // ascending
	var vectors mat.Dense
	eig.VectorsTo(&vectors)

	order := make([]int, cols)
	for i := range order {
		order[i] = cols - 1 - i
	}
	sorted := mat.NewDense(cols, cols, nil)
	for c, from := range order {
		sorted.SetCol(c, mat.Col(nil, from, &vectors))
	}
	fixSigns(sorted)
	slices.Reverse(values)
	return values, sorted
}

func TestPrincipalComponentsSignAndNorm(t *testing.T) {
	x := randomMatrix(12, 5, 3)
	pca, err := PrincipalComponents(x, 5)
	if err != nil {
		t.Fatal(err)
	}
	for c := range 5 {
		col := mat.Col(nil, c, pca.Components)
		if norm := mat.Norm(mat.NewVecDense(len(col), col), 2); math.Abs(norm-1) > 1e-12 {
			t.Errorf("component %d has norm %v, want 1", c, norm)
		}
		largest := 0.0
		for _, v := range col {
			if math.Abs(v) > math.Abs(largest) {
				largest = v
			}
		}
		if largest <= 0 {
			t.Errorf("component %d: largest entry %v, want positive", c, largest)
		}
	}
}

func randomMatrix(rows, cols int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, seed))
	x := mat.NewDense(rows, cols, nil)
	for i := range rows {
		for j := range cols {
			x.Set(i, j, rng.Float64())
		}
	}
	return x
}

func TestPrincipalComponentsErrors(t *testing.T) {
	withNaN := randomMatrix(4, 3, 4)
	withNaN.Set(2, 1, math.NaN())
	withInf := randomMatrix(4, 3, 4)
	withInf.Set(0, 0, math.Inf(-1))
	constant := mat.NewDense(3, 2, []float64{1, 2, 1, 2, 1, 2})

	tests := []struct {
		name string
		x    *mat.Dense
		k    int
		want string
	}{
		{"one row", randomMatrix(1, 3, 4), 1, "at least 2 rows"},
		{"k zero", randomMatrix(4, 3, 4), 0, "ask for 1 to 3"},
		{"k too large", randomMatrix(4, 3, 4), 4, "ask for 1 to 3"},
		{"NaN", withNaN, 1, "value 1 of row 2 is NaN"},
		{"Inf", withInf, 1, "value 0 of row 0 is -Inf"},
		{"constant", constant, 1, "all rows are equal"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			_, err := PrincipalComponents(test.x, test.k)
			if err == nil || !strings.Contains(err.Error(), test.want) {
				t.Errorf("error = %v, want one containing %q", err, test.want)
			}
		})
	}
}

func TestPrincipalComponentsKeepsInput(t *testing.T) {
	x := randomMatrix(6, 4, 5)
	before := mat.DenseCopyOf(x)
	if _, err := PrincipalComponents(x, 2); err != nil {
		t.Fatal(err)
	}
	if !mat.Equal(x, before) {
		t.Error("PrincipalComponents changed its input")
	}
}

// BenchmarkPrincipalComponents analyses 400 rows of 1024 values, the size
// of the ORL faces on a 32×32 grid.
func BenchmarkPrincipalComponents(b *testing.B) {
	x := randomMatrix(400, 1024, 6)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PrincipalComponents(x, 16); err != nil {
			b.Fatal(err)
		}
	}
}
