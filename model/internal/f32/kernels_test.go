package f32

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// implementations returns the kernels to test: the portable ones, and the
// vector ones when this build and CPU have them.
func implementations() []*kernels {
	if best.name == portable.name {
		return []*kernels{&portable}
	}
	return []*kernels{&portable, &best}
}

// sentinel fills the memory around test matrices, so a kernel that writes
// outside its output shows up.
const sentinel = -12345

// randomMatrix returns a rows×cols matrix of values in [-1, 1) with stride
// cols+extra, whose unused elements and spare capacity hold sentinel.
func randomMatrix(rng *rand.Rand, rows, cols, extra int) Matrix {
	stride := cols + extra
	data := make([]float32, rows*stride, rows*stride+Pad)
	for i := range data[:cap(data)] {
		data[:cap(data)][i] = sentinel
	}
	m := Matrix{Rows: rows, Cols: cols, Stride: stride, Data: data}
	for i := range rows {
		for j := range m.Row(i) {
			m.Row(i)[j] = float32(rng.Float64()*2 - 1)
		}
	}
	return m
}

// unpadded returns a copy of m whose Data has no spare capacity.
func unpadded(m Matrix) Matrix {
	data := make([]float32, len(m.Data))
	copy(data, m.Data)
	m.Data = data
	return m
}

// at returns element (i, j) of m, or of mᵀ if trans.
func at(m Matrix, i, j int, trans bool) float64 {
	if trans {
		i, j = j, i
	}
	return float64(m.Data[i*m.Stride+j])
}

// reference returns act(op(a)·op(b) + bias) in float64, and for each element
// the sum of the magnitudes of its terms, which bounds its rounding error.
func reference(a, b Matrix, ta, tb bool, bias []float32, act Activation) (want, scale [][]float64) {
	m, k, n := a.Rows, a.Cols, b.Cols
	if ta {
		m, k = a.Cols, a.Rows
	}
	if tb {
		n = b.Rows
	}
	for i := range m {
		want, scale = append(want, make([]float64, n)), append(scale, make([]float64, n))
		for j := range n {
			var sum, mag float64
			for p := range k {
				x := at(a, i, p, ta) * at(b, p, j, tb)
				sum += x
				mag += math.Abs(x)
			}
			if bias != nil {
				sum += float64(bias[j])
				mag += math.Abs(float64(bias[j]))
			}
			want[i][j] = activate64(act, sum)
			scale[i][j] = mag + 1
		}
	}
	return want, scale
}

func activate64(act Activation, z float64) float64 {
	switch act {
	case Sigmoid:
		return sigmoid64(z)
	case Tanh:
		return math.Tanh(z)
	case ReLU:
		return math.Max(z, 0)
	}
	return z
}

// productShapes are m, k, n of the products tested: the training shapes of
// both benchmark networks, 1×1 and a batch of 1. The others are not
// multiples of the tiles (2 or 4 rows, 16 or 64 columns, 16 terms, blocks
// of 128 terms), and have odd and even numbers of terms.
var productShapes = [][3]int{
	{1, 1, 1}, {1, 400, 25}, {1, 1, 17}, {2, 3, 1}, {3, 17, 15},
	{32, 400, 25}, {32, 25, 15}, {32, 15, 1}, {32, 1024, 64}, {32, 64, 32}, {32, 32, 40},
	{5, 16, 16}, {7, 33, 48}, {9, 31, 65}, {33, 47, 100}, {6, 5, 129}, {64, 2, 3},
	{5, 129, 16}, {3, 130, 70}, {2, 256, 33}, // blocks of kBlock = 128 steps and a remainder
	{4, 0, 5}, {0, 3, 4}, {3, 4, 0},
}

func TestProducts(t *testing.T) {
	products := []struct {
		name   string
		ta, tb bool
	}{{"Mul", false, false}, {"MulTransA", true, false}, {"MulTransB", false, true}}
	for _, kern := range implementations() {
		for _, p := range products {
			for _, s := range productShapes {
				for _, extra := range []int{0, 3} {
					name := fmt.Sprintf("%s/%s/%dx%dx%d/stride+%d", kern.name, p.name,
						s[0], s[1], s[2], extra)
					t.Run(name, func(t *testing.T) {
						testProduct(t, kern, p.ta, p.tb, s[0], s[1], s[2], extra)
					})
				}
			}
		}
	}
}

func testProduct(t *testing.T, kern *kernels, ta, tb bool, m, k, n, extra int) {
	rng := rand.New(rand.NewPCG(uint64(m*1000+k), uint64(n)))
	a := randomMatrix(rng, m, k, extra)
	if ta {
		a = randomMatrix(rng, k, m, extra)
	}
	b := randomMatrix(rng, k, n, extra)
	if tb {
		b = randomMatrix(rng, n, k, extra)
	}
	c := randomMatrix(rng, m, n, extra)
	want, scale := reference(a, b, ta, tb, nil, Identity)
	switch {
	case ta:
		kern.mulTransA(c, a, b)
	case tb:
		kern.mulTransB(c, a, b)
	default:
		kern.mul(c, a, b, nil, Identity)
	}
	compare(t, c, want, scale, 1e-6)
}

// compare checks c against want, allowing an error of tol times the
// magnitude of each element's terms, and checks that every value of c.Data
// outside the matrix still holds sentinel.
func compare(t *testing.T, c Matrix, want, scale [][]float64, tol float64) {
	t.Helper()
	errors := 0
	for i := range c.Rows {
		for j, got := range c.Row(i) {
			diff := math.Abs(float64(got) - want[i][j])
			if !(diff <= tol*scale[i][j]) && errors < 5 {
				t.Errorf("c[%d][%d] = %v, want %v (difference %.3g)", i, j, got, want[i][j], diff)
				errors++
			}
		}
	}
	data := c.Data[:cap(c.Data)]
	for i, v := range data {
		inside := c.Stride > 0 && i/c.Stride < c.Rows && i%c.Stride < c.Cols
		if !inside && v != sentinel {
			t.Errorf("c.Data[%d] outside the %d×%d matrix = %v, want %v unchanged",
				i, c.Rows, c.Cols, v, float32(sentinel))
			return
		}
	}
}

func TestMulBiasActivation(t *testing.T) {
	for _, kern := range implementations() {
		for _, act := range []Activation{Identity, Sigmoid, Tanh, ReLU} {
			for _, s := range [][3]int{{1, 1, 1}, {32, 400, 25}, {7, 33, 48}, {9, 31, 65}} {
				name := fmt.Sprintf("%s/%s/%dx%dx%d", kern.name, act, s[0], s[1], s[2])
				t.Run(name, func(t *testing.T) {
					rng := rand.New(rand.NewPCG(uint64(act), uint64(s[1])))
					a := randomMatrix(rng, s[0], s[1], 0)
					b := randomMatrix(rng, s[1], s[2], 1)
					c := randomMatrix(rng, s[0], s[2], 2)
					bias := NewVector(s[2])
					for j := range bias {
						bias[j] = float32(rng.NormFloat64())
					}
					want, scale := reference(a, b, false, false, bias, act)
					kern.mul(c, a, b, bias, act)
					// The error of a sum passes through the activation,
					// whose slope is at most 1, plus its own error.
					compare(t, c, want, scale, 2e-6)
				})
			}
		}
	}
}

func TestExportedProductsUnpadded(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	a := unpadded(randomMatrix(rng, 5, 20, 0))
	b := unpadded(randomMatrix(rng, 20, 17, 0))
	c := unpadded(randomMatrix(rng, 5, 17, 0))
	want, scale := reference(a, b, false, false, nil, Identity)
	Mul(c, a, b, nil, Identity)
	compare(t, c, want, scale, 1e-6)

	bt := unpadded(randomMatrix(rng, 17, 20, 0))
	want, scale = reference(a, bt, false, true, nil, Identity)
	MulTransB(c, a, bt)
	compare(t, c, want, scale, 1e-6)

	at := unpadded(randomMatrix(rng, 20, 5, 0))
	want, scale = reference(at, b, true, false, nil, Identity)
	MulTransA(c, at, b)
	compare(t, c, want, scale, 1e-6)
}

func TestProductShapeMismatchPanics(t *testing.T) {
	a, b, c := NewMatrix(2, 3), NewMatrix(4, 5), NewMatrix(2, 5)
	cases := []struct {
		name string
		call func()
	}{
		{"Mul", func() { Mul(c, a, b, nil, Identity) }},
		{"MulTransA", func() { MulTransA(c, a, b) }},
		{"MulTransB", func() { MulTransB(c, a, b) }},
		{"Mul bias", func() { Mul(c, a, NewMatrix(3, 5), make([]float32, 4), Identity) }},
		{"short data", func() { Mul(c, Matrix{Rows: 2, Cols: 3, Stride: 3}, NewMatrix(3, 5), nil, Identity) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tc.call()
		})
	}
}

func TestImplementation(t *testing.T) {
	got := Implementation()
	if got != "avx512" && got != "portable" {
		t.Errorf("Implementation() = %q, want avx512 or portable", got)
	}
	t.Logf("kernels: %s", got)
}
