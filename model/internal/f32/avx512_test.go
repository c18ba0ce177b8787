//go:build goexperiment.simd && amd64

package f32

import (
	"math"
	"simd/archsimd"
	"testing"
)

// sweep returns float32 values from -lim to lim in steps of lim/n, with the
// values that need care added: zeros, tiny numbers and infinities.
func sweep(lim float64, n int) []float32 {
	x := []float32{0, float32(math.Copysign(0, -1)), 1e-30, -1e-30, 1e-8, -1e-8,
		float32(math.Inf(1)), float32(math.Inf(-1))}
	for i := -n; i <= n; i++ {
		x = append(x, float32(lim*float64(i)/float64(n)))
	}
	return x
}

// apply returns f of each value of x, computed 16 lanes at a time.
func apply(f func(archsimd.Float32x16) archsimd.Float32x16, x []float32) []float32 {
	out := make([]float32, len(x))
	for i := 0; i < len(x); i += 16 {
		var in, res [16]float32
		copy(in[:], x[i:])
		f(archsimd.LoadFloat32x16(&in)).Store(&res)
		copy(out[i:], res[:])
	}
	archsimd.ClearAVXUpperBits()
	return out
}

const smallestNormal = 1.1754943508222875e-38

func TestVectorMath(t *testing.T) {
	if !archsimd.X86.AVX512() {
		t.Skip("the CPU has no AVX-512")
	}
	cases := []struct {
		name     string
		f        func(archsimd.Float32x16) archsimd.Float32x16
		want     func(float64) float64
		x        []float32
		abs, rel float64 // the error bound is abs + rel·|want|
	}{
		// Results below the smallest normal float32 have fewer bits.
		{"exp", exp16, math.Exp, sweep(100, 2000), smallestNormal, 3e-7},
		{"sigmoid", sigmoid16, sigmoid64, sweep(100, 2000), smallestNormal, 4e-7},
		{"tanh", tanh16, math.Tanh, sweep(20, 2000), 2e-7, 0},
		{"softplus", softplus16, softplus64, sweep(100, 2000), smallestNormal, 4e-7},
		{"log", log16, math.Log, logArguments(), 1e-7, 2e-7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := apply(c.f, c.x)
			for i, x := range c.x {
				want := c.want(float64(x))
				// Compare in float32, the precision of the result.
				want32 := float64(float32(want))
				ok := got[i] == float32(want32) ||
					math.Abs(float64(got[i])-want32) <= c.abs+c.rel*math.Abs(want32)
				if !ok {
					t.Errorf("%s(%v) = %v, want %v", c.name, x, got[i], want32)
				}
			}
		})
	}
}

// logArguments returns positive normal float32 values from 1e-37 to 1e37.
func logArguments() []float32 {
	var x []float32
	for e := -37.0; e <= 37; e += 0.01 {
		x = append(x, float32(math.Pow(10, e)))
	}
	return append(x, 1, 2, 0.5, math.MaxFloat32, 1.17549435e-38)
}

func TestVectorMathNaN(t *testing.T) {
	if !archsimd.X86.AVX512() {
		t.Skip("the CPU has no AVX-512")
	}
	nan := []float32{float32(math.NaN())}
	for name, f := range map[string]func(archsimd.Float32x16) archsimd.Float32x16{
		"exp": exp16, "sigmoid": sigmoid16, "tanh": tanh16, "softplus": softplus16,
	} {
		if got := apply(f, nan)[0]; !math.IsNaN(float64(got)) {
			t.Errorf("%s(NaN) = %v, want NaN", name, got)
		}
	}
}
