package npy

import (
	"fmt"
	"io"
)

// Array is a numeric array: its elements as stored, and how to read them.
type Array struct {
	dtype   DType
	shape   []int
	fortran bool
	data    []byte // product(shape) elements of dtype.Size bytes
	decode  func([]byte) float64
}

// NewArray returns the array of the given dtype and shape whose elements
// are stored in data, in Fortran (column-major) order if fortran is true
// and in C (row-major) order otherwise. The array keeps shape and data
// without copying them. NewArray panics if t is not a dtype that
// ParseDType accepts or if data does not hold exactly the elements of
// shape.
func NewArray(t DType, shape []int, fortran bool, data []byte) *Array {
	if !t.supported() {
		panic(fmt.Sprintf("npy: NewArray with unsupported dtype %q", t.Descr))
	}
	if need := product(shape) * t.Size; len(data) != need {
		panic(fmt.Sprintf("npy: NewArray with %d bytes of data for shape %s of "+
			"dtype %q, which needs %d", len(data), FormatShape(shape), t.Descr, need))
	}
	return &Array{dtype: t, shape: shape, fortran: fortran, data: data,
		decode: t.decoder()}
}

// DType returns the element type.
func (a *Array) DType() DType { return a.dtype }

// Shape returns the size of each dimension, which is empty for a scalar.
// The caller must not modify it.
func (a *Array) Shape() []int { return a.shape }

// Fortran reports whether the elements are stored in Fortran (column-major)
// order, in which the first index varies fastest.
func (a *Array) Fortran() bool { return a.fortran }

// Len returns the number of elements, the product of the shape.
func (a *Array) Len() int { return len(a.data) / a.dtype.Size }

// At returns the element at position i of the data, in storage order,
// converted to float64. Integers beyond ±2^53 are rounded.
func (a *Array) At(i int) float64 {
	return a.decode(a.data[i*a.dtype.Size:])
}

// Float64s returns the elements converted to float64, in C order, whatever
// the storage order: for a 2-D array, row by row.
func (a *Array) Float64s() []float64 {
	values := make([]float64, a.Len())
	if !a.fortran {
		for i := range values {
			values[i] = a.At(i)
		}
		return values
	}

	// Step through the C-order indices like an odometer, the last index
	// fastest, and keep pos at the index's Fortran-order position.
	stride := make([]int, len(a.shape))
	step := 1
	for d, size := range a.shape {
		stride[d] = step
		step *= size
	}
	index := make([]int, len(a.shape))
	pos := 0
	for c := range values {
		values[c] = a.At(pos)
		for d := len(index) - 1; d >= 0; d-- {
			index[d]++
			pos += stride[d]
			if index[d] < a.shape[d] {
				break
			}
			pos -= stride[d] * a.shape[d]
			index[d] = 0
		}
	}
	return values
}

// product returns the product of sizes, which the caller has checked for
// overflow, and 1 for none.
func product(sizes []int) int {
	n := 1
	for _, d := range sizes {
		n *= d
	}
	return n
}

// Read reads an .npy file from r. size is the length of the file in
// bytes, or -1 if unknown, in which case memory is allocated as data
// arrives, so a header that declares more data than r contains costs no
// more than the data.
func Read(r io.Reader, size int64) (*Array, error) {
	h, err := ReadHeader(r)
	if err != nil {
		return nil, err
	}
	return ReadArray(r, h, size)
}

// ReadArray reads the data of an .npy file whose header ReadHeader has
// read from r into h. size is the length of the whole file in bytes, or -1
// if unknown, as for Read. Calling ReadHeader and ReadArray lets a caller
// check the shape and dtype before any memory is allocated for the data.
func ReadArray(r io.Reader, h Header, size int64) (*Array, error) {
	available := int64(-1)
	if size >= 0 {
		available = size - h.DataOffset
	}
	declared := fmt.Sprintf("shape %s of dtype '%s'", FormatShape(h.Shape), h.DType.Descr)
	data, err := ReadData(r, h.DataSize, available, declared)
	if err != nil {
		return nil, err
	}
	return NewArray(h.DType, h.Shape, h.Fortran, data), nil
}

// ReadData reads the need bytes of array data that declared describes,
// for messages, such as "shape (3, 4) of dtype '<f8'". available is the
// number of bytes left in r, or -1 if unknown. If it is known, it must
// equal need, which is checked before memory is allocated. Otherwise r
// must end after need bytes.
func ReadData(r io.Reader, need, available int64, declared string) ([]byte, error) {
	if available >= 0 && available != need {
		return nil, dataSizeError(need, available, declared)
	}
	if available >= 0 {
		data := make([]byte, need)
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("failed to read %d bytes of data (%s): %w",
				need, declared, err)
		}
		return data, nil
	}

	data, err := io.ReadAll(io.LimitReader(r, need+1))
	if err != nil {
		return nil, fmt.Errorf("failed to read data (%s): %w, so the file is "+
			"incomplete or corrupt", declared, err)
	}
	if int64(len(data)) != need {
		return nil, dataSizeError(need, int64(len(data)), declared)
	}
	return data, nil
}

func dataSizeError(need, got int64, declared string) error {
	if got < need {
		return fmt.Errorf("truncated: the header declares %s, which is %d bytes "+
			"of data, but only %d bytes follow it; the file is incomplete or "+
			"its header is wrong", declared, need, got)
	}
	return fmt.Errorf("the header declares %s, which is %d bytes of data, but "+
		"more bytes follow it; the header does not match the data", declared, need)
}
