package npy

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"
)

// Write writes an .npy file of version 1.0 holding an array of the given
// shape whose elements, in C order, are data, as float64 ('<f8'). It
// panics if shape has a negative size or more than 64 dimensions, or if
// data does not hold exactly the elements of shape. It returns the first
// error of w.
func Write(w io.Writer, shape []int, data []float64) error {
	return write(w, "<f8", shape, len(data), func(b []byte, i int) []byte {
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(data[i]))
	})
}

// WriteFloat32 is Write for float32 elements ('<f4'), the default float
// type of Keras.
func WriteFloat32(w io.Writer, shape []int, data []float32) error {
	return write(w, "<f4", shape, len(data), func(b []byte, i int) []byte {
		return binary.LittleEndian.AppendUint32(b, math.Float32bits(data[i]))
	})
}

// write writes the header of an array of n elements of descr, then the
// elements, which appendElement appends to a buffer one at a time.
func write(w io.Writer, descr string, shape []int, n int,
	appendElement func(b []byte, i int) []byte) error {

	checkShape(shape, n)
	bw := bufio.NewWriter(w)
	bw.Write(header(descr, shape))
	buf := make([]byte, 0, 8*1024)
	for i := range n {
		buf = appendElement(buf, i)
		if len(buf) == cap(buf) || i == n-1 {
			bw.Write(buf)
			buf = buf[:0]
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write .npy data: %w", err)
	}
	return nil
}

// checkShape panics unless shape is a valid shape of n elements.
func checkShape(shape []int, n int) {
	if len(shape) > maxDims {
		panic(fmt.Sprintf("npy: shape with %d dimensions, more than %d",
			len(shape), maxDims))
	}
	total := 1
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("npy: negative size in shape %v", shape))
		}
		if d > 0 && total > math.MaxInt/d {
			panic(fmt.Sprintf("npy: shape %v has more elements than an int holds", shape))
		}
		total *= d
	}
	if total != n {
		panic(fmt.Sprintf("npy: %d elements for shape %s", n, FormatShape(shape)))
	}
}

// header returns the magic string, the version 1.0, the header length and
// the header of an array in C order. As numpy.save does, it pads the
// header with spaces and a final newline so that the data starts at a
// multiple of 64 bytes.
func header(descr string, shape []int) []byte {
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }",
		descr, FormatShape(shape))
	const prefixBytes = len(Magic) + 2 + 2 // magic, version, header length
	padding := 63 - (prefixBytes+len(dict))%64
	text := dict + strings.Repeat(" ", padding) + "\n"

	b := make([]byte, 0, prefixBytes+len(text))
	b = append(b, Magic...)
	b = append(b, 1, 0)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(text)))
	return append(b, text...)
}
