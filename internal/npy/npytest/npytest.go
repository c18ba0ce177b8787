// Package npytest builds .npy files byte by byte for tests, including the
// files that npy.Write does not write: other dtypes and byte orders,
// Fortran order, other format versions and broken headers.
package npytest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dict returns the header dict that NumPy writes for an array.
func Dict(descr string, fortran bool, shape []int) string {
	order := "False"
	if fortran {
		order = "True"
	}
	return fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': %s, }",
		descr, order, formatShape(shape))
}

// formatShape formats a shape as a Python tuple.
func formatShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// File returns an .npy file of format version major.0 with the header
// dict and the data, padding the header with spaces and a newline to a
// multiple of 64 bytes, as NumPy does. dict need not be valid.
func File(major byte, dict string, data []byte) []byte {
	prefix := 10
	if major > 1 {
		prefix = 12
	}
	header := dict + " "
	for (prefix+len(header)+1)%64 != 0 {
		header += " "
	}
	header += "\n"

	var b bytes.Buffer
	b.WriteString("\x93NUMPY")
	b.Write([]byte{major, 0})
	if major == 1 {
		binary.Write(&b, binary.LittleEndian, uint16(len(header)))
	} else {
		binary.Write(&b, binary.LittleEndian, uint32(len(header)))
	}
	b.WriteString(header)
	b.Write(data)
	return b.Bytes()
}

// Values returns an .npy version 1.0 file of an array of shape whose
// elements, listed in C order, are values, stored as descr in C or
// Fortran order.
func Values(descr string, shape []int, fortran bool, values []float64) []byte {
	return File(1, Dict(descr, fortran, shape), Encode(descr, shape, fortran, values))
}

// Encode stores values, listed in C order for shape, as elements of
// descr, in C or Fortran order. descr is a byte order, a kind among b, i,
// u and f, and a size of one digit, such as "<f8", ">i2" or "|b1".
func Encode(descr string, shape []int, fortran bool, values []float64) []byte {
	big := descr[0] == '>'
	code := strings.TrimLeft(descr, "<>|=")
	kind, size := code[0], int(code[1]-'0')
	data := make([]byte, len(values)*size)
	for c, v := range values {
		pos := c
		if fortran {
			pos = FortranPosition(c, shape)
		}
		encodeElement(data[pos*size:(pos+1)*size], kind, big, v)
	}
	return data
}

// FortranPosition returns the Fortran-order position of the element at
// C-order position c of an array of shape.
func FortranPosition(c int, shape []int) int {
	index := make([]int, len(shape))
	for d := len(shape) - 1; d >= 0; d-- {
		index[d] = c % shape[d]
		c /= shape[d]
	}
	pos, step := 0, 1
	for d := range shape {
		pos += index[d] * step
		step *= shape[d]
	}
	return pos
}

func encodeElement(dst []byte, kind byte, big bool, v float64) {
	var bits uint64
	switch {
	case kind == 'f' && len(dst) == 2:
		bits = uint64(FloatToHalf(v))
	case kind == 'f' && len(dst) == 4:
		bits = uint64(math.Float32bits(float32(v)))
	case kind == 'f':
		bits = math.Float64bits(v)
	default:
		bits = uint64(int64(v))
	}
	for i := range dst {
		shift := 8 * i
		if big {
			shift = 8 * (len(dst) - 1 - i)
		}
		dst[i] = byte(bits >> shift)
	}
}

// FloatToHalf converts to IEEE 754 binary16 zero, NaN, ±Inf and the
// normal numbers that binary16 represents exactly. It gives wrong bits
// for other values.
func FloatToHalf(v float64) uint16 {
	switch {
	case math.IsNaN(v):
		return 0x7e00
	case math.IsInf(v, 1):
		return 0x7c00
	case math.IsInf(v, -1):
		return 0xfc00
	case v == 0:
		return 0
	}
	var sign uint16
	if v < 0 {
		sign, v = 0x8000, -v
	}
	fraction, exponent := math.Frexp(v) // v = fraction × 2^exponent, fraction in [0.5, 1)
	mantissa := uint16(math.Round((fraction*2 - 1) * 1024))
	return sign | uint16(exponent-1+15)<<10 | mantissa
}
