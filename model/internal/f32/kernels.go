package f32

import "fmt"

// kernels is one implementation of the products and element-wise loops that
// training needs. The vector implementations may assume that every matrix
// and bias they receive is padded (see Pad) and that shapes match.
type kernels struct {
	name string

	mul       func(c, a, b Matrix, bias []float32, act Activation)
	mulTransA func(c, a, b Matrix)
	mulTransB func(c, a, b Matrix)

	// scaleByDerivative sets d[i] *= act'(z[i]) given a[i] = act(z[i]),
	// for i < len(d).
	scaleByDerivative func(d, a []float32, act Activation)
	// addColumns sets dst[j] = Σ_i m(i, j).
	addColumns func(dst []float32, m Matrix)
	// probabilities sets d to scale times the probabilities of the
	// logits z, and norm to each row's normaliser, as
	// probabilitiesPortable describes.
	probabilities func(kind Output, d, z Matrix, scale float32, norm []float32)
	adam          func(w, g, m, v []float32, s adamStep)
	sgd           func(w, g, vel []float32, s sgdStep)
}

// portable runs everywhere, in plain Go.
var portable = kernels{
	name:              "portable",
	mul:               mulPortable,
	mulTransA:         mulTransAPortable,
	mulTransB:         mulTransBPortable,
	scaleByDerivative: scaleByDerivativePortable,
	addColumns:        addColumnsPortable,
	probabilities:     probabilitiesPortable,
	adam:              adamPortable,
	sgd:               sgdPortable,
}

// best is the fastest implementation for this build and CPU; see
// vectorKernels.
var best = vectorKernels()

// Implementation returns the name of the kernels that Mul, MulTransA,
// MulTransB and Trainer use on padded matrices: "avx512" or "portable".
func Implementation() string { return best.name }

// Mul sets c = act(a·b + bias), where a is m×k, b is k×n, c is m×n and
// bias, if not nil, holds n values added to every row. c must not share
// memory with a, b or bias. Mul panics if the shapes do not match.
//
// The vector kernels run only when every matrix and bias is padded (see
// Pad); otherwise Mul uses the slower portable kernel.
func Mul(c, a, b Matrix, bias []float32, act Activation) {
	checkProduct(c, a, b, a.Rows, a.Cols, b.Rows, b.Cols)
	if bias != nil && len(bias) != c.Cols {
		panic(fmt.Sprintf("f32: %d biases for %d columns", len(bias), c.Cols))
	}
	act.check()
	pick(paddedVector(bias), c, a, b).mul(c, a, b, bias, act)
}

// MulTransA sets c = aᵀ·b, where a is k×m, b is k×n and c is m×n. c must
// not share memory with a or b. MulTransA panics if the shapes do not
// match. Like Mul, it uses the vector kernels only on padded matrices.
func MulTransA(c, a, b Matrix) {
	checkProduct(c, a, b, a.Cols, a.Rows, b.Rows, b.Cols)
	pick(true, c, a, b).mulTransA(c, a, b)
}

// MulTransB sets c = a·bᵀ, where a is m×k, b is n×k and c is m×n. c must
// not share memory with a or b. MulTransB panics if the shapes do not
// match. Like Mul, it uses the vector kernels only on padded matrices.
func MulTransB(c, a, b Matrix) {
	checkProduct(c, a, b, a.Rows, a.Cols, b.Cols, b.Rows)
	pick(true, c, a, b).mulTransB(c, a, b)
}

// checkProduct panics unless the matrices are valid and an m×k by k×n
// product fits c, given a as m×ka and b as kb×n.
func checkProduct(c, a, b Matrix, m, ka, kb, n int) {
	a.check("a")
	b.check("b")
	c.check("c")
	if ka != kb || c.Rows != m || c.Cols != n {
		panic(fmt.Sprintf("f32: product of %d×%d and %d×%d into %d×%d",
			m, ka, kb, n, c.Rows, c.Cols))
	}
}

// pick returns best if all matrices are padded and ok is true, and portable
// otherwise.
func pick(ok bool, ms ...Matrix) *kernels {
	if !ok {
		return &portable
	}
	for _, m := range ms {
		if !m.padded() {
			return &portable
		}
	}
	return &best
}
