package f32

// operand describes a matrix read by the portable product: element (i, p)
// is data[i*row+p*step], so the same tiles serve a, aᵀ, b and bᵀ.
type operand struct {
	data      []float32
	row, step int
}

// The portable products compute c(i, j) = Σ_p a(i, p)·b(j, p) over k terms.
func mulPortable(c, a, b Matrix, bias []float32, act Activation) {
	productPortable(c, operand{a.Data, a.Stride, 1}, operand{b.Data, 1, b.Stride},
		a.Cols, bias, act, sumTileMul)
}

func mulTransAPortable(c, a, b Matrix) {
	productPortable(c, operand{a.Data, 1, a.Stride}, operand{b.Data, 1, b.Stride},
		a.Rows, nil, Identity, sumTileTransA)
}

func mulTransBPortable(c, a, b Matrix) {
	productPortable(c, operand{a.Data, a.Stride, 1}, operand{b.Data, b.Stride, 1},
		a.Cols, nil, Identity, sumTileTransB)
}

// A tileFunc sets t[r*3+s] = Σ_p a(i+r, p)·b(j+s, p) for a whole tile of 2×3.
type tileFunc func(t *[6]float32, a, b operand, k, i, j int)

// productPortable sets c = act(a·bᵀ + bias) in tiles of 2×3 elements, each
// summed in 6 local variables. Go schedules the 6 products of a step before
// the 6 sums, so with 2×3 these 12 values fit the 15 registers that Go uses
// for floats on amd64. Larger tiles spill to memory and run slower. At the
// right and bottom edges a tile repeats its last valid row or column and
// stores only the valid elements.
func productPortable(c Matrix, a, b operand, k int, bias []float32, act Activation, full tileFunc) {
	var tile [6]float32
	for i := 0; i < c.Rows; i += 2 {
		rows := min(2, c.Rows-i)
		for j := 0; j < c.Cols; j += 3 {
			cols := min(3, c.Cols-j)
			if rows == 2 && cols == 3 {
				full(&tile, a, b, k, i, j)
			} else {
				sumTile(&tile, a, b, k, i, j, rows, cols)
			}
			for r := range rows {
				out := c.Data[(i+r)*c.Stride+j : (i+r)*c.Stride+j+cols]
				copy(out, tile[r*3:])
				if bias != nil {
					for s, v := range bias[j : j+cols] {
						out[s] += v
					}
				}
				if act != Identity {
					for s, v := range out {
						out[s] = activate(act, v)
					}
				}
			}
		}
	}
}

// sumTile sets t[r*3+s] = Σ_p a(i+r, p)·b(j+s, p) for r < rows and s < cols.
func sumTile(t *[6]float32, a, b operand, k, i, j, rows, cols int) {
	a0 := i * a.row
	a1 := (i + min(1, rows-1)) * a.row
	b0 := j * b.row
	b1 := (j + min(1, cols-1)) * b.row
	b2 := (j + min(2, cols-1)) * b.row
	var c00, c01, c02, c10, c11, c12 float32
	ad, bd := a.data, b.data
	for range k {
		x0, x1 := ad[a0], ad[a1]
		y0, y1, y2 := bd[b0], bd[b1], bd[b2]
		c00 += x0 * y0
		c01 += x0 * y1
		c02 += x0 * y2
		c10 += x1 * y0
		c11 += x1 * y1
		c12 += x1 * y2
		a0, a1 = a0+a.step, a1+a.step
		b0, b1, b2 = b0+b.step, b1+b.step, b2+b.step
	}
	*t = [6]float32{c00, c01, c02, c10, c11, c12}
}

// sumTileMul is sumTile for a whole tile of a·b: the rows of a are
// contiguous in p, and b(j..j+2, p) are adjacent. Slicing them once per
// step lets the compiler drop most bounds checks.
func sumTileMul(t *[6]float32, a, b operand, k, i, j int) {
	a0 := a.data[i*a.row : i*a.row+k]
	a1 := a.data[(i+1)*a.row : (i+1)*a.row+k]
	a1 = a1[:len(a0)]
	var c00, c01, c02, c10, c11, c12 float32
	bd, bs := b.data, b.step
	o := j
	for p, x0 := range a0 {
		x1 := a1[p]
		y := bd[o : o+3]
		c00 += x0 * y[0]
		c01 += x0 * y[1]
		c02 += x0 * y[2]
		c10 += x1 * y[0]
		c11 += x1 * y[1]
		c12 += x1 * y[2]
		o += bs
	}
	*t = [6]float32{c00, c01, c02, c10, c11, c12}
}

// sumTileTransA is sumTile for a whole tile of aᵀ·b: a(i..i+1, p) are
// adjacent, and so are b(j..j+2, p).
func sumTileTransA(t *[6]float32, a, b operand, k, i, j int) {
	var c00, c01, c02, c10, c11, c12 float32
	ad, bd, as, bs := a.data, b.data, a.step, b.step
	oa, ob := i, j
	for range k {
		x := ad[oa : oa+2]
		y := bd[ob : ob+3]
		c00 += x[0] * y[0]
		c01 += x[0] * y[1]
		c02 += x[0] * y[2]
		c10 += x[1] * y[0]
		c11 += x[1] * y[1]
		c12 += x[1] * y[2]
		oa += as
		ob += bs
	}
	*t = [6]float32{c00, c01, c02, c10, c11, c12}
}

// sumTileTransB is sumTile for a whole tile of a·bᵀ: all five rows are
// contiguous in p.
func sumTileTransB(t *[6]float32, a, b operand, k, i, j int) {
	a0 := a.data[i*a.row : i*a.row+k]
	a1 := a.data[(i+1)*a.row : (i+1)*a.row+k][:len(a0)]
	b0 := b.data[j*b.row : j*b.row+k][:len(a0)]
	b1 := b.data[(j+1)*b.row : (j+1)*b.row+k][:len(a0)]
	b2 := b.data[(j+2)*b.row : (j+2)*b.row+k][:len(a0)]
	var c00, c01, c02, c10, c11, c12 float32
	for p, x0 := range a0 {
		x1 := a1[p]
		y0, y1, y2 := b0[p], b1[p], b2[p]
		c00 += x0 * y0
		c01 += x0 * y1
		c02 += x0 * y2
		c10 += x1 * y0
		c11 += x1 * y1
		c12 += x1 * y2
	}
	*t = [6]float32{c00, c01, c02, c10, c11, c12}
}

func scaleByDerivativePortable(d, a []float32, act Activation) {
	a = a[:len(d)]
	for i, v := range a {
		d[i] *= derivative(act, v)
	}
}

func addColumnsPortable(dst []float32, m Matrix) {
	dst = dst[:m.Cols]
	clear(dst)
	for i := range m.Rows {
		for j, v := range m.Row(i) {
			dst[j] += v
		}
	}
}
