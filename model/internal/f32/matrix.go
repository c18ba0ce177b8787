package f32

import "fmt"

// Pad is the spare capacity, in elements, that the vector kernels need past
// the Rows*Stride elements of a matrix, and past the length of a bias slice.
// It lets them read and write the last columns of a row with full-width
// masked vector instructions without forming a pointer past the end of the
// allocation. NewMatrix and NewVector allocate it.
const Pad = 16

// Matrix is a row-major view of float32 values: element (i, j) is
// Data[i*Stride+j].
type Matrix struct {
	Rows, Cols, Stride int
	Data               []float32
}

// NewMatrix returns a rows×cols matrix of zeros whose Data has Pad elements
// of spare capacity.
func NewMatrix(rows, cols int) Matrix {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("f32: invalid matrix size %d×%d", rows, cols))
	}
	return Matrix{Rows: rows, Cols: cols, Stride: cols, Data: NewVector(rows * cols)}
}

// NewVector returns n zeros with Pad elements of spare capacity.
func NewVector(n int) []float32 {
	return make([]float32, n, n+Pad)
}

// Row returns row i of m.
func (m Matrix) Row(i int) []float32 {
	return m.Data[i*m.Stride : i*m.Stride+m.Cols]
}

// Top returns a view of the first rows rows of m.
func (m Matrix) Top(rows int) Matrix {
	if rows < 0 || rows > m.Rows {
		panic(fmt.Sprintf("f32: %d rows of a matrix with %d", rows, m.Rows))
	}
	m.Rows = rows
	return m
}

// check panics unless m is a valid view of its Data.
func (m Matrix) check(name string) {
	if m.Rows < 0 || m.Cols < 0 || m.Stride < m.Cols {
		panic(fmt.Sprintf("f32: invalid %s: %d×%d with stride %d", name, m.Rows, m.Cols, m.Stride))
	}
	if m.Rows > 0 && len(m.Data) < (m.Rows-1)*m.Stride+m.Cols {
		panic(fmt.Sprintf("f32: %s of %d×%d with stride %d needs %d values, has %d",
			name, m.Rows, m.Cols, m.Stride, (m.Rows-1)*m.Stride+m.Cols, len(m.Data)))
	}
}

// padded reports whether m has Pad elements of capacity past its last row,
// as the vector kernels need.
func (m Matrix) padded() bool {
	return cap(m.Data) >= m.Rows*m.Stride+Pad
}

// paddedVector reports whether v is nil or has Pad elements of capacity past
// its length.
func paddedVector(v []float32) bool {
	return v == nil || cap(v) >= len(v)+Pad
}

// empty reports whether m has no elements.
func (m Matrix) empty() bool { return m.Rows == 0 || m.Cols == 0 }
