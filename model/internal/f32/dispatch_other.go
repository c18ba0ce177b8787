//go:build !(goexperiment.simd && amd64)

package f32

// vectorKernels returns the portable kernels: this build has no vector
// kernels.
func vectorKernels() kernels { return portable }
