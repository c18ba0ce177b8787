//go:build goexperiment.simd && amd64

package f32

import "simd/archsimd"

func splat(x float32) archsimd.Float32x16 { return archsimd.BroadcastFloat32x16(x) }

// zero16 returns a vector of zeros. Go 1.26 compiles splat(0) to a legacy
// SSE XORPS, which is slow while the upper halves of the vector registers
// hold data, and the zero value to VPXORQ.
func zero16() archsimd.Float32x16 { return archsimd.Float32x16{} }

// exp16 returns e^x in each lane, within 3e-7 relative error where the
// result is a normal float32. It writes x = n·ln2 + r with |r| ≤ ln2/2,
// takes e^r from its Taylor polynomial of degree 6, whose error there is
// below 1.7e-7 relative, and scales by 2^n. Arguments are clamped to
// [-104, 89], beyond which e^x rounds to 0 or +Inf in float32 anyway. NaN
// stays NaN.
func exp16(x archsimd.Float32x16) archsimd.Float32x16 {
	// VMAXPS and VMINPS return their second operand if either is NaN, and
	// the compiler may swap operands, so NaN lanes are put back after.
	x = x.Max(splat(-104)).Min(splat(89)).Merge(x, x.Equal(x))
	n := x.Mul(splat(1.44269504088896341)).RoundToEvenScaled(0)
	// ln 2 in two parts: the first has 12 significant bits, so n times it is
	// exact for |n| < 2^12.
	r := n.MulAdd(splat(-0.693145751953125), x)
	r = n.MulAdd(splat(-1.42860682030941723212e-6), r)
	p := r.MulAdd(splat(1.0/720), splat(1.0/120))
	p = p.MulAdd(r, splat(1.0/24))
	p = p.MulAdd(r, splat(1.0/6))
	p = p.MulAdd(r, splat(0.5))
	p = p.MulAdd(r, splat(1))
	p = p.MulAdd(r, splat(1))
	return p.Scale(n)
}

// sigmoid16 returns 1/(1+e^-x) in each lane.
func sigmoid16(x archsimd.Float32x16) archsimd.Float32x16 {
	one := splat(1)
	return one.Div(one.Add(exp16(zero16().Sub(x))))
}

const signBit = 0x80000000

// tanh16 returns tanh x in each lane as ±(1-e)/(1+e) with e = e^-2|x|. Its
// absolute error is below 2e-7, but near 0 its relative error is larger than
// that of math.Tanh.
func tanh16(x archsimd.Float32x16) archsimd.Float32x16 {
	sign := archsimd.BroadcastUint32x16(signBit)
	abs := x.AsUint32x16().AndNot(sign).AsFloat32x16()
	e := exp16(abs.Mul(splat(-2)))
	one := splat(1)
	t := one.Sub(e).Div(one.Add(e))
	return t.AsUint32x16().Or(x.AsUint32x16().And(sign)).AsFloat32x16()
}

// log16 returns the natural logarithm in each lane, for positive normal
// finite x. It splits x = 2^e·m with m in [√2/2, √2) and sums the series
// log m = 2·(s + s³/3 + … + s⁹/9) with s = (m-1)/(m+1), |s| < 0.172, whose
// remainder is below 1e-9.
func log16(x archsimd.Float32x16) archsimd.Float32x16 {
	bits := x.AsInt32x16()
	e := bits.ShiftAllRight(23).Sub(archsimd.BroadcastInt32x16(127)).ConvertToFloat32()
	mantissa := archsimd.BroadcastInt32x16(0x007fffff)
	m := bits.And(mantissa).Or(archsimd.BroadcastInt32x16(0x3f800000)).AsFloat32x16()
	big := m.Greater(splat(1.41421356237309505))
	m = m.Mul(splat(0.5)).Merge(m, big)
	e = e.Add(splat(1)).Merge(e, big)
	s := m.Sub(splat(1)).Div(m.Add(splat(1)))
	s2 := s.Mul(s)
	p := s2.MulAdd(splat(2.0/9), splat(2.0/7))
	p = p.MulAdd(s2, splat(2.0/5))
	p = p.MulAdd(s2, splat(2.0/3))
	p = p.MulAdd(s2, splat(2))
	return e.MulAdd(splat(0.693147180559945309), p.Mul(s))
}

// log1p16 returns log(1+u) in each lane, for u in [0, 1], with full relative
// precision also for tiny u. It sums the series log(1+u) = 2·(s + s³/3 +
// … + s¹⁵/15) with s = u/(2+u) ≤ 1/3, whose remainder is below 5e-9 times
// the result.
func log1p16(u archsimd.Float32x16) archsimd.Float32x16 {
	s := u.Div(u.Add(splat(2)))
	s2 := s.Mul(s)
	p := s2.MulAdd(splat(2.0/15), splat(2.0/13))
	p = p.MulAdd(s2, splat(2.0/11))
	p = p.MulAdd(s2, splat(2.0/9))
	p = p.MulAdd(s2, splat(2.0/7))
	p = p.MulAdd(s2, splat(2.0/5))
	p = p.MulAdd(s2, splat(2.0/3))
	p = p.MulAdd(s2, splat(2))
	return p.Mul(s)
}

// softplus16 returns log(1+e^x) in each lane as max(x,0) + log(1+e^-|x|).
func softplus16(x archsimd.Float32x16) archsimd.Float32x16 {
	abs := x.AsUint32x16().AndNot(archsimd.BroadcastUint32x16(signBit)).AsFloat32x16()
	return x.Max(zero16()).Add(log1p16(exp16(zero16().Sub(abs))))
}

// activate16 returns act(x) in each lane.
func activate16(act Activation, x archsimd.Float32x16) archsimd.Float32x16 {
	switch act {
	case Sigmoid:
		return sigmoid16(x)
	case Tanh:
		return tanh16(x)
	case ReLU:
		return x.Max(zero16())
	}
	return x
}

// derivative16 returns act'(z) in each lane given a = act(z).
func derivative16(act Activation, a archsimd.Float32x16) archsimd.Float32x16 {
	one := splat(1)
	switch act {
	case Sigmoid:
		return a.Mul(one.Sub(a))
	case Tanh:
		return one.Sub(a.Mul(a))
	case ReLU:
		return one.Masked(a.Greater(zero16()))
	}
	return one
}
