// Package f32 trains small dense networks in float32 with matrix kernels
// written for the shapes of training: a batch of up to a few dozen rows,
// layers of up to a few thousand inputs and a few hundred units.
//
// # Matrices
//
// A Matrix is a row-major view with an explicit stride. Mul, MulTransA and
// MulTransB compute the three products of a training step:
//
//	Mul:       Z = act(A·W + b)  the forward pass, bias and activation fused
//	MulTransA: G = Aᵀ·D          the gradient of the weights
//	MulTransB: E = D·Wᵀ          the error sent back to the layer's inputs
//
// Weights are stored inputs × units, as in package model, so a batch of n
// rows times W gives n rows of pre-activations.
//
// # Implementations
//
// Built with GOEXPERIMENT=simd on amd64, the package uses AVX-512 kernels
// (package simd/archsimd) when the CPU has AVX-512F, CD, BW, DQ and VL, and
// otherwise portable Go kernels, which are the only ones in other builds.
// Implementation returns the one in use. The AVX-512 kernels run only on
// padded matrices, whose Data has Pad elements of spare capacity past its
// Rows*Stride elements, as NewMatrix and NewVector allocate. They need it
// because masked vector instructions read and write the last columns of a
// row through a pointer to 16 values. On other matrices Mul, MulTransA and
// MulTransB fall back to the portable kernels.
//
// The two implementations round differently. They sum in different orders,
// the AVX-512 kernels fuse multiply and add, and their exp, log and tanh are
// polynomial approximations with errors of up to about 3e-7 (see
// avx512_math.go).
//
// # Training
//
// A Trainer holds a copy of a network's weights in float32, the optimizer's
// state, and the buffers of a forward and backward pass for a fixed maximum
// batch, so a training step allocates nothing. Its inputs are plain: per
// layer, the weights as an inputs×units []float32, the biases and an
// Activation. Losses come from the logits in the stable forms
// log-sum-exp(z) − z[label] for Softmax and softplus(z) − y·z, with
// softplus(z) = max(z,0) + log(1+e^−|z|), for the sigmoid outputs.
//
// # Errors
//
// The package panics on programmer errors, such as shapes that do not
// match, and never logs. Non-finite inputs give non-finite results.
package f32
