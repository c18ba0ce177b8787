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
// Without it the SSE instructions that Go uses for scalar float arithmetic
// run with a false dependency on the upper halves of the vector registers,
// which made a whole training step several times slower.
func vectorKernels() kernels {
	if !archsimd.X86.AVX512() {
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
// the lanes set in last.
type outerTile struct {
	a, b, c, bias            unsafe.Pointer // bias is nil for none
	aRow, aStep, bStep, cRow uintptr
	k, rows                  int
	last                     uint16
	act                      Activation
}

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
// a[i·aRow + p·aStep]. It walks c in panels of up to 64 columns, so that a
// panel of b is reused from cache by all tiles of rows.
func outerAVX512(c Matrix, a []float32, aRow, aStep int, b Matrix, bias []float32, act Activation) {
	t := outerTile{
		aRow: uintptr(aRow) * 4, aStep: uintptr(aStep) * 4,
		bStep: uintptr(b.Stride) * 4, cRow: uintptr(c.Stride) * 4,
		k: b.Rows, act: act,
	}
	for j := 0; j < c.Cols; {
		vectors := min(4, (c.Cols-j+15)/16)
		width := min(16*vectors, c.Cols-j)
		t.last = uint16(1<<(width-16*(vectors-1)) - 1)
		t.b = unsafe.Pointer(&b.Data[j])
		if bias != nil {
			t.bias = unsafe.Pointer(&bias[j])
		}
		rows := 4
		if vectors > 2 {
			rows = 2
		}
		for i := 0; i < c.Rows; i += rows {
			t.rows = min(rows, c.Rows-i)
			t.a = unsafe.Pointer(&a[i*aRow])
			t.c = unsafe.Pointer(&c.Data[i*c.Stride+j])
			switch vectors {
			case 1:
				outer4x1(&t)
			case 2:
				outer4x2(&t)
			case 3:
				outer2x3(&t)
			default:
				outer2x4(&t)
			}
		}
		j += width
	}
}
