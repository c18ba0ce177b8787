//go:build goexperiment.simd && amd64

package f32

import (
	"simd/archsimd"
	"unsafe"
)

//go:generate go run gen_outer.go

// vectorKernels returns the AVX-512 kernels if the CPU has AVX-512, and the
// portable ones otherwise.
//
// Every AVX-512 kernel ends with archsimd.ClearAVXUpperBits (VZEROUPPER).
// While the upper halves of the vector registers hold data, the legacy SSE
// instructions that Go uses for scalar float arithmetic run much slower. A
// loop of math.Exp calls ran 7 to 25 times slower in that state on the Xeon
// with AVX-512 of docs/benchmarks.md.
func vectorKernels() kernels {
	if !archsimd.X86.AVX512() {
		// NOTE: in Go 1.26 builds with GOEXPERIMENT=simd, runtime.asyncPreempt
		// restores the full vector registers and returns without VZEROUPPER,
		// so after a preemption the portable kernels, which never clear the
		// upper halves, can run several times slower until some other code
		// does.
		return portable
	}
	return avx512
}

var avx512 = kernels{
	name:              "avx512",
	mul:               mulAVX512,
	mulTransA:         mulTransAAVX512,
	mulTransB:         mulTransBAVX512,
	scaleByDerivative: scaleByDerivativeAVX512,
	addColumns:        addColumnsAVX512,
	probabilities:     probabilitiesAVX512,
	adam:              adamAVX512,
	sgd:               sgdAVX512,
}

// outerTile is one tile of the outer-product kernels, which compute
// c(i, j) = act(Σ_p a(i, p)·b(p, j) + bias(j)) with one broadcast a(i, p)
// per row and step p, multiplied into whole vectors of row p of b. Tile row
// r reads a(r, p) at a + r·aRow + p·aStep bytes and row p of b at
// b + p·bStep, and writes c + r·cRow. Tile rows from rows on repeat the
// last valid row and are not stored. The last vector of each row covers
// the lanes set in last. If accumulate is set, the sums start from the
// values in c instead of 0.
type outerTile struct {
	a, b, c, bias            unsafe.Pointer // bias is nil for none
	aRow, aStep, bStep, cRow uintptr
	k, rows                  int
	last                     uint16
	act                      Activation
	accumulate               bool
}

// kBlock is the number of steps p that outerAVX512 sums before it moves to
// the next tile of rows. A block of 64 columns of b then takes 32 KiB,
// which stays in a 48 KiB L1 data cache while every row tile uses it.
const kBlock = 128

func mulAVX512(c, a, b Matrix, bias []float32, act Activation) {
	if c.empty() {
		return
	}
	if a.Cols == 0 {
		mulPortable(c, a, b, bias, act)
		return
	}
	outerAVX512(c, a.Data, a.Stride, 1, b, bias, act)
	archsimd.ClearAVXUpperBits()
}

func mulTransAAVX512(c, a, b Matrix) {
	if c.empty() {
		return
	}
	if a.Rows == 0 {
		mulTransAPortable(c, a, b)
		return
	}
	outerAVX512(c, a.Data, 1, a.Stride, b, nil, Identity)
	archsimd.ClearAVXUpperBits()
}

// outerAVX512 sets c = act(a·b + bias) where element (i, p) of a is
// a[i·aRow + p·aStep]. It walks c in panels of up to 64 columns and the
// steps p in blocks of kBlock, so that each block of b is reused from cache
// by all tiles of rows. Bias and activation come with the last block.
func outerAVX512(c Matrix, a []float32, aRow, aStep int, b Matrix, bias []float32, act Activation) {
	t := outerTile{
		aRow: uintptr(aRow) * 4, aStep: uintptr(aStep) * 4,
		bStep: uintptr(b.Stride) * 4, cRow: uintptr(c.Stride) * 4,
	}
	for j := 0; j < c.Cols; {
		vectors := min(4, (c.Cols-j+15)/16)
		width := min(16*vectors, c.Cols-j)
		t.last = uint16(1<<(width-16*(vectors-1)) - 1)
		for p := 0; p < b.Rows; p += kBlock {
			t.k = min(kBlock, b.Rows-p)
			t.accumulate = p > 0
			t.b = unsafe.Pointer(&b.Data[p*b.Stride+j])
			t.bias, t.act = nil, Identity
			if p+t.k == b.Rows {
				t.act = act
				if bias != nil {
					t.bias = unsafe.Pointer(&bias[j])
				}
			}
			outerRows(&t, c, a, aRow, aStep, p, j, vectors)
		}
		j += width
	}
}

// outerRows runs the tile kernel with the given number of vectors on every
// tile of rows of c, from step p and column j.
func outerRows(t *outerTile, c Matrix, a []float32, aRow, aStep, p, j, vectors int) {
	rows := 4
	if vectors > 2 {
		rows = 2
	}
	for i := 0; i < c.Rows; i += rows {
		t.rows = min(rows, c.Rows-i)
		t.a = unsafe.Pointer(&a[i*aRow+p*aStep])
		t.c = unsafe.Pointer(&c.Data[i*c.Stride+j])
		switch vectors {
		case 1:
			outer4x1(t)
		case 2:
			outer4x2(t)
		case 3:
			outer2x3(t)
		default:
			outer2x4(t)
		}
	}
}
