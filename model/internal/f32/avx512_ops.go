//go:build goexperiment.simd && amd64

package f32

import (
	"math"
	"simd/archsimd"
	"unsafe"
)

// lanes returns the mask of the first min(n, 16) lanes.
func lanes(n int) archsimd.Mask32x16 {
	return archsimd.Mask32x16FromBits(uint16(1<<min(n, 16) - 1))
}

// store16 stores the lanes of x set in m at p+offset bytes.
func store16(x archsimd.Float32x16, p unsafe.Pointer, offset uintptr, m archsimd.Mask32x16) {
	x.StoreMasked((*[16]float32)(unsafe.Add(p, offset)), m)
}

func scaleByDerivativeAVX512(d, a []float32, act Activation) {
	if len(d) == 0 {
		return
	}
	a = a[:len(d)]
	pd, pa := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0])
	for i := 0; i < len(d); i += 16 {
		m, o := lanes(len(d)-i), uintptr(i)*4
		x := loadMasked16(pd, o, m).Mul(derivative16(act, loadMasked16(pa, o, m)))
		store16(x, pd, o, m)
	}
	archsimd.ClearAVXUpperBits()
}

func addColumnsAVX512(dst []float32, c Matrix) {
	if c.Cols == 0 {
		return
	}
	dst = dst[:c.Cols]
	pd, pc := unsafe.Pointer(&dst[0]), unsafe.Pointer(&c.Data[0])
	row := uintptr(c.Stride) * 4
	for j := 0; j < c.Cols; j += 16 {
		m, o := lanes(c.Cols-j), uintptr(j)*4
		var sum archsimd.Float32x16
		for range c.Rows {
			sum = sum.Add(loadMasked16(pc, o, m))
			o += row
		}
		store16(sum, pd, uintptr(j)*4, m)
	}
	archsimd.ClearAVXUpperBits()
}

// Lane indices that swap neighbouring groups of 8, 4, 2 and 1 lanes, for
// reductions across a vector.
var swaps = [4][16]uint32{
	{8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7},
	{4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11},
	{2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13},
	{1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14},
}

// sumAcross returns the sum of the lanes of x in every lane.
func sumAcross(x archsimd.Float32x16) archsimd.Float32x16 {
	for i := range swaps {
		x = x.Add(x.Permute(archsimd.LoadUint32x16(&swaps[i])))
	}
	return x
}

// maxAcross returns the largest lane of x in every lane.
func maxAcross(x archsimd.Float32x16) archsimd.Float32x16 {
	for i := range swaps {
		x = x.Max(x.Permute(archsimd.LoadUint32x16(&swaps[i])))
	}
	return x
}

func probabilitiesAVX512(kind Output, d, z Matrix, scale float32, norm []float32) {
	if z.Rows == 0 || z.Cols == 0 {
		return
	}
	pn := unsafe.Pointer(&norm[0])
	f := splat(scale)
	for i := range z.Rows {
		pz := unsafe.Pointer(&z.Data[i*z.Stride])
		pd := unsafe.Pointer(&d.Data[i*d.Stride])
		var n archsimd.Float32x16
		if kind == Softmax {
			n = softmaxRow(pd, pz, z.Cols, f)
		} else {
			n = sigmoidRow(pd, pz, z.Cols, f)
		}
		store16(n, pn, uintptr(i)*4, lanes(1))
	}
	archsimd.ClearAVXUpperBits()
}

// softmaxRow sets the cols values at pd to scale times the softmax of those
// at pz, and returns their log-sum-exp in every lane. Every lane of scale
// holds the same factor.
func softmaxRow(pd, pz unsafe.Pointer, cols int, scale archsimd.Float32x16) archsimd.Float32x16 {
	top := splat(float32(math.Inf(-1)))
	for j := 0; j < cols; j += 16 {
		m := lanes(cols - j)
		top = top.Max(loadMasked16(pz, uintptr(j)*4, m).Merge(top, m))
	}
	top = maxAcross(top)
	var sum archsimd.Float32x16
	for j := 0; j < cols; j += 16 {
		m, o := lanes(cols-j), uintptr(j)*4
		e := exp16(loadMasked16(pz, o, m).Sub(top)).Masked(m)
		store16(e, pd, o, m)
		sum = sum.Add(e)
	}
	sum = sumAcross(sum)
	f := scale.Div(sum)
	for j := 0; j < cols; j += 16 {
		m, o := lanes(cols-j), uintptr(j)*4
		store16(loadMasked16(pd, o, m).Mul(f), pd, o, m)
	}
	return top.Add(log16(sum))
}

// sigmoidRow sets the cols values at pd to scale times the sigmoid of those
// at pz, and returns the sum of their softplus in every lane. Every lane of
// scale holds the same factor.
func sigmoidRow(pd, pz unsafe.Pointer, cols int, scale archsimd.Float32x16) archsimd.Float32x16 {
	var sum archsimd.Float32x16
	for j := 0; j < cols; j += 16 {
		m, o := lanes(cols-j), uintptr(j)*4
		x := loadMasked16(pz, o, m)
		store16(sigmoid16(x).Mul(scale), pd, o, m)
		sum = sum.Add(softplus16(x).Masked(m))
	}
	return sumAcross(sum)
}

// adamAVX512 divides by √v + ε with the 14-bit reciprocal of VRCP14PS and
// one Newton step r·(2 − d·r), which leaves about 1 ulp of error and runs
// faster than VDIVPS, because VSQRTPS and VDIVPS share one divider. For
// infinite v the step is NaN instead of 0.
func adamAVX512(w, g, m, v []float32, s adamStep) {
	if len(w) == 0 {
		return
	}
	pw, pg := unsafe.Pointer(&w[0]), unsafe.Pointer(&g[0])
	pm, pv := unsafe.Pointer(&m[0]), unsafe.Pointer(&v[0])
	rate, l2, eps := splat(s.rate), splat(s.l2), splat(s.eps)
	b1, b2, two := splat(s.beta1), splat(s.beta2), splat(2)
	for i := 0; i < len(w); i += 16 {
		k, o := lanes(len(w)-i), uintptr(i)*4
		wi := loadMasked16(pw, o, k)
		gi := wi.MulAdd(l2, loadMasked16(pg, o, k))
		// m ← β1·m + (1−β1)·g, written as (m−g)·β1 + g, and likewise v.
		mi := loadMasked16(pm, o, k).Sub(gi).MulAdd(b1, gi)
		g2 := gi.Mul(gi)
		vi := loadMasked16(pv, o, k).Sub(g2).MulAdd(b2, g2)
		d := vi.Sqrt().Add(eps)
		r := d.Reciprocal()
		r = r.Mul(two.Sub(d.Mul(r)))
		wi = wi.Sub(rate.Mul(mi).Mul(r))
		store16(mi, pm, o, k)
		store16(vi, pv, o, k)
		store16(wi, pw, o, k)
	}
	archsimd.ClearAVXUpperBits()
}

func sgdAVX512(w, g, vel []float32, s sgdStep) {
	if len(w) == 0 {
		return
	}
	pw, pg, pv := unsafe.Pointer(&w[0]), unsafe.Pointer(&g[0]), unsafe.Pointer(&vel[0])
	rate, l2, momentum := splat(-s.rate), splat(s.l2), splat(s.momentum)
	for i := 0; i < len(w); i += 16 {
		k, o := lanes(len(w)-i), uintptr(i)*4
		wi := loadMasked16(pw, o, k)
		gi := wi.MulAdd(l2, loadMasked16(pg, o, k))
		vi := gi.MulAdd(rate, loadMasked16(pv, o, k).Mul(momentum))
		store16(vi, pv, o, k)
		store16(wi.Add(vi), pw, o, k)
	}
	archsimd.ClearAVXUpperBits()
}
