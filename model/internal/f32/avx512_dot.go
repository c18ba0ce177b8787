//go:build goexperiment.simd && amd64

package f32

import (
	"simd/archsimd"
	"unsafe"
)

// dotTile is one tile of the dot-product kernel, which computes
// c(r, s) = Σ_p a(r, p)·b(s, p) for 2 rows of a and 4 rows of b, with
// vectors along p. Rows of a from rows on and rows of b from cols on repeat
// the last valid row and are not stored. The k/16 full vectors of each row
// are followed by one vector with the lanes set in last, if last is not 0.
type dotTile struct {
	a, b, c          unsafe.Pointer
	aRow, bRow, cRow uintptr
	k, rows, cols    int
	last             uint16
}

func mulTransBAVX512(c, a, b Matrix) {
	if c.empty() {
		return
	}
	if a.Cols == 0 {
		mulTransBPortable(c, a, b)
		return
	}
	t := dotTile{
		aRow: uintptr(a.Stride) * 4, bRow: uintptr(b.Stride) * 4, cRow: uintptr(c.Stride) * 4,
		k: a.Cols, last: uint16(1<<(a.Cols%16) - 1),
	}
	for i := 0; i < c.Rows; i += 2 {
		t.rows = min(2, c.Rows-i)
		t.a = unsafe.Pointer(&a.Data[i*a.Stride])
		for j := 0; j < c.Cols; j += 4 {
			t.cols = min(4, c.Cols-j)
			t.b = unsafe.Pointer(&b.Data[j*b.Stride])
			t.c = unsafe.Pointer(&c.Data[i*c.Stride+j])
			dot2x4(&t)
		}
	}
	archsimd.ClearAVXUpperBits()
}

func dot2x4(t *dotTile) {
	a0 := t.a
	a1 := unsafe.Add(t.a, t.aRow*uintptr(min(1, t.rows-1)))
	b0 := t.b
	b1 := unsafe.Add(t.b, t.bRow*uintptr(min(1, t.cols-1)))
	b2 := unsafe.Add(t.b, t.bRow*uintptr(min(2, t.cols-1)))
	b3 := unsafe.Add(t.b, t.bRow*uintptr(min(3, t.cols-1)))

	var c00, c01, c02, c03, c10, c11, c12, c13 archsimd.Float32x16
	var o uintptr
	for range t.k / 16 {
		x0 := load16(a0, o)
		x1 := load16(a1, o)
		y := load16(b0, o)
		c00, c10 = y.MulAdd(x0, c00), y.MulAdd(x1, c10)
		y = load16(b1, o)
		c01, c11 = y.MulAdd(x0, c01), y.MulAdd(x1, c11)
		y = load16(b2, o)
		c02, c12 = y.MulAdd(x0, c02), y.MulAdd(x1, c12)
		y = load16(b3, o)
		c03, c13 = y.MulAdd(x0, c03), y.MulAdd(x1, c13)
		o += 64
	}

	if t.last != 0 {
		m := archsimd.Mask32x16FromBits(t.last)
		x0 := loadMasked16(a0, o, m)
		x1 := loadMasked16(a1, o, m)
		y := loadMasked16(b0, o, m)
		c00, c10 = y.MulAdd(x0, c00), y.MulAdd(x1, c10)
		y = loadMasked16(b1, o, m)
		c01, c11 = y.MulAdd(x0, c01), y.MulAdd(x1, c11)
		y = loadMasked16(b2, o, m)
		c02, c12 = y.MulAdd(x0, c02), y.MulAdd(x1, c12)
		y = loadMasked16(b3, o, m)
		c03, c13 = y.MulAdd(x0, c03), y.MulAdd(x1, c13)
	}

	row0, row1 := sum8(c00, c01, c02, c03, c10, c11, c12, c13)
	m := archsimd.Mask32x16FromBits(uint16(1<<t.cols - 1))
	row0.StoreMasked((*[16]float32)(t.c), m)
	if t.rows > 1 {
		row1.StoreMasked((*[16]float32)(unsafe.Add(t.c, t.cRow)), m)
	}
}

// Lane indices for sum8. Index i < 16 picks lane i of the first vector of a
// ConcatPermute, and 16+i lane i of the second.
var (
	halvesLo   = [16]uint32{0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23}
	halvesHi   = [16]uint32{8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31}
	quartersLo = [16]uint32{0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27}
	quartersHi = [16]uint32{4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31}
	pairsLo    = [16]uint32{0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29}
	pairsHi    = [16]uint32{2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31}
	evenLo     = [16]uint32{0, 2, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	oddLo      = [16]uint32{1, 3, 5, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	evenHi     = [16]uint32{8, 10, 12, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	oddHi      = [16]uint32{9, 11, 13, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
)

// sum8 returns the horizontal sums of its eight arguments: lane s of row0
// is the sum of the lanes of c0s, and lane s of row1 that of c1s, for s < 4.
// It adds pairs of vectors after interleaving their halves, then quarters,
// then pairs of lanes, so each step halves the number of partial sums.
func sum8(c00, c01, c02, c03, c10, c11, c12, c13 archsimd.Float32x16) (row0, row1 archsimd.Float32x16) {
	lo, hi := archsimd.LoadUint32x16(&halvesLo), archsimd.LoadUint32x16(&halvesHi)
	u0 := c00.ConcatPermute(c01, lo).Add(c00.ConcatPermute(c01, hi))
	u1 := c02.ConcatPermute(c03, lo).Add(c02.ConcatPermute(c03, hi))
	u2 := c10.ConcatPermute(c11, lo).Add(c10.ConcatPermute(c11, hi))
	u3 := c12.ConcatPermute(c13, lo).Add(c12.ConcatPermute(c13, hi))
	lo, hi = archsimd.LoadUint32x16(&quartersLo), archsimd.LoadUint32x16(&quartersHi)
	w0 := u0.ConcatPermute(u1, lo).Add(u0.ConcatPermute(u1, hi))
	w1 := u2.ConcatPermute(u3, lo).Add(u2.ConcatPermute(u3, hi))
	lo, hi = archsimd.LoadUint32x16(&pairsLo), archsimd.LoadUint32x16(&pairsHi)
	x := w0.ConcatPermute(w1, lo).Add(w0.ConcatPermute(w1, hi))
	row0 = x.Permute(archsimd.LoadUint32x16(&evenLo)).Add(x.Permute(archsimd.LoadUint32x16(&oddLo)))
	row1 = x.Permute(archsimd.LoadUint32x16(&evenHi)).Add(x.Permute(archsimd.LoadUint32x16(&oddHi)))
	return row0, row1
}

// load16 returns the 16 values at p+offset bytes.
func load16(p unsafe.Pointer, offset uintptr) archsimd.Float32x16 {
	return archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(p, offset)))
}

// loadMasked16 returns the values at p+offset bytes in the lanes set in m,
// and zeros in the others.
func loadMasked16(p unsafe.Pointer, offset uintptr, m archsimd.Mask32x16) archsimd.Float32x16 {
	return archsimd.LoadMaskedFloat32x16((*[16]float32)(unsafe.Add(p, offset)), m)
}
