// Package npy reads and writes NumPy's .npy array files without running
// any Python code.
//
// # Format
//
// An .npy file starts with the magic string "\x93NUMPY", a major and a
// minor version byte, and the length of the header: 2 bytes little-endian
// in version 1.0, 4 bytes in 2.0 and 3.0. The header is a Python dict
// literal with the keys descr, fortran_order and shape, padded with spaces
// and ending in a newline. The array data follows the header. The NumPy
// documentation of the module numpy.lib.format describes the format.
//
// # Reading
//
// Read accepts versions 1.0 to 3.0 and elements of type bool, int8 to
// int64, uint8 to uint64, float16, float32 and float64, in either byte
// order, stored in C or Fortran order. It rejects object arrays, whose
// data is a Python pickle, and pickle files. It checks the size of the
// data that the header declares against MaxArrayBytes, and against the
// length of the file when that is known, before it allocates memory for
// the data.
//
// # Writing
//
// Write and WriteFloat32 write version 1.0 files of float64 ('<f8') and
// float32 ('<f4') elements in C order, the files numpy.save writes for
// such arrays.
//
// # Errors
//
// Errors describe the data but carry no package prefix and no file name,
// because the caller knows the file and wraps them with its name, as in
// "load X.npy: file is empty". Misuse by the caller, such as data that
// does not match its shape, panics.
package npy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Magic starts every .npy file.
const Magic = "\x93NUMPY"

// maxHeaderBytes is the largest header length accepted. The header of a
// numeric array takes a few hundred bytes at most, so a larger length
// means a corrupt file, and the limit keeps it from allocating up to 4 GiB.
const maxHeaderBytes = 1 << 16

// maxDims is the largest number of dimensions accepted, far more than an
// image or weight array has. It bounds the work on a corrupt header.
const maxDims = 64

// MaxArrayBytes is the largest array data, in bytes, that Read, ReadArray
// and DataSize accept.
const MaxArrayBytes = 1 << 31

// DType is a numeric NumPy element type.
type DType struct {
	Descr     string // as written in the header, such as "<f8"
	Kind      byte   // 'b' bool, 'i' signed integer, 'u' unsigned integer, 'f' float
	Size      int    // bytes per element
	BigEndian bool
}

// ParseDType parses a descr string such as "<f8", "|u1" or ">i2". The
// byte order '>' is big-endian. '<', '|', '=' and no prefix are read as
// little-endian.
//
// NOTE: '=' means the byte order of the machine that wrote the file, which
// the file does not record. NumPy writes '<' or '>' instead, so '=' only
// comes from other writers, and little-endian is a guess.
func ParseDType(descr string) (DType, error) {
	t := DType{Descr: descr}
	code := descr
	if code != "" && strings.IndexByte("<>|=", code[0]) >= 0 {
		t.BigEndian = code[0] == '>'
		code = code[1:]
	}
	if code == "" {
		return t, fmt.Errorf("invalid dtype %q: expected a type code such as '<f8'",
			descr)
	}
	t.Kind = code[0]
	digits := code[1:]
	if digits != "" && strings.Trim(digits, "0123456789") == "" && len(digits) <= 2 {
		t.Size, _ = strconv.Atoi(digits)
	}
	if !t.supported() {
		return t, unsupportedDType(descr, t.Kind)
	}
	return t, nil
}

func (t DType) supported() bool {
	switch t.Kind {
	case 'b':
		return t.Size == 1
	case 'i', 'u':
		return t.Size == 1 || t.Size == 2 || t.Size == 4 || t.Size == 8
	case 'f':
		return t.Size == 2 || t.Size == 4 || t.Size == 8
	}
	return false
}

const supportedDTypes = "bool, int8 to int64, uint8 to uint64, float16, float32 " +
	"or float64"

func unsupportedDType(descr string, kind byte) error {
	switch kind {
	case 'O':
		return fmt.Errorf("dtype %q is an object array, whose data is a Python pickle, "+
			"which is never unpickled: convert it to numbers, such as "+
			"numpy.save(path, X.astype('float32'))", descr)
	case 'c':
		return fmt.Errorf("dtype %q is complex: expected %s", descr, supportedDTypes)
	case 'U', 'S', 'a':
		return fmt.Errorf("dtype %q is a string type: expected %s", descr,
			supportedDTypes)
	}
	return fmt.Errorf("unsupported dtype %q: expected %s", descr, supportedDTypes)
}

// decoder returns a function that converts the bytes of one element to
// float64. Integers beyond ±2^53 are rounded.
func (t DType) decoder() func([]byte) float64 {
	var order binary.ByteOrder = binary.LittleEndian
	if t.BigEndian {
		order = binary.BigEndian
	}
	switch string(t.Kind) + strconv.Itoa(t.Size) {
	case "b1":
		return func(b []byte) float64 { return float64(min(b[0], 1)) }
	case "u1":
		return func(b []byte) float64 { return float64(b[0]) }
	case "i1":
		return func(b []byte) float64 { return float64(int8(b[0])) }
	case "u2":
		return func(b []byte) float64 { return float64(order.Uint16(b)) }
	case "i2":
		return func(b []byte) float64 { return float64(int16(order.Uint16(b))) }
	case "u4":
		return func(b []byte) float64 { return float64(order.Uint32(b)) }
	case "i4":
		return func(b []byte) float64 { return float64(int32(order.Uint32(b))) }
	case "u8":
		return func(b []byte) float64 { return float64(order.Uint64(b)) }
	case "i8":
		return func(b []byte) float64 { return float64(int64(order.Uint64(b))) }
	case "f2":
		return func(b []byte) float64 { return halfToFloat(order.Uint16(b)) }
	case "f4":
		return func(b []byte) float64 {
			return float64(math.Float32frombits(order.Uint32(b)))
		}
	case "f8":
		return func(b []byte) float64 { return math.Float64frombits(order.Uint64(b)) }
	}
	panic("npy: no decoder for dtype " + strconv.Quote(t.Descr))
}

// halfToFloat converts an IEEE 754 binary16 value to float64.
func halfToFloat(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exponent := int(h>>10) & 0x1f
	fraction := float64(h & 0x3ff)
	switch exponent {
	case 0: // zero or subnormal: fraction × 2^-24
		return sign * math.Ldexp(fraction, -24)
	case 0x1f:
		if fraction == 0 {
			return math.Inf(int(sign))
		}
		return math.NaN()
	}
	// (1 + fraction/1024) × 2^(exponent-15)
	return sign * math.Ldexp(1024+fraction, exponent-25)
}

// Header is the parsed header of an .npy file.
type Header struct {
	DType   DType
	Fortran bool  // data in Fortran (column-major) order
	Shape   []int // empty for a scalar

	// DataOffset is the number of bytes from the start of the file to the
	// data.
	DataOffset int64

	// DataSize is the size of the data in bytes, the product of Shape and
	// DType.Size, at most MaxArrayBytes.
	DataSize int64
}

// ReadHeader reads the header of an .npy file from r, leaving r at the
// start of the data. It never reads more than 65548 bytes, the largest
// header length accepted plus the 12 bytes before the header.
func ReadHeader(r io.Reader) (Header, error) {
	var prefix [12]byte
	if _, err := io.ReadFull(r, prefix[:8]); err != nil {
		return Header{}, shortFile(prefix[:], err)
	}
	if string(prefix[:6]) != Magic {
		return Header{}, notNPY(prefix[:8])
	}
	major, minor := prefix[6], prefix[7]
	lengthBytes := 4
	switch {
	case minor != 0 || major < 1 || major > 3:
		return Header{}, fmt.Errorf("unsupported .npy format version %d.%d: "+
			"expected 1.0, 2.0 or 3.0", major, minor)
	case major == 1:
		lengthBytes = 2
	}

	if _, err := io.ReadFull(r, prefix[8:8+lengthBytes]); err != nil {
		return Header{}, fmt.Errorf("truncated .npy header: %w", err)
	}
	length := int64(binary.LittleEndian.Uint32(prefix[8:12]))
	if major == 1 {
		length = int64(binary.LittleEndian.Uint16(prefix[8:10]))
	}
	if length > maxHeaderBytes {
		return Header{}, fmt.Errorf("header length %d is over %d bytes, "+
			"so the file is corrupt or not a plain array", length, maxHeaderBytes)
	}
	text := make([]byte, length)
	if _, err := io.ReadFull(r, text); err != nil {
		return Header{}, fmt.Errorf("truncated .npy header: declares %d bytes: %w",
			length, err)
	}

	h, err := parseHeader(text)
	h.DataOffset = int64(8+lengthBytes) + length
	return h, err
}

func shortFile(prefix []byte, err error) error {
	if errors.Is(err, io.EOF) {
		return errors.New("file is empty")
	}
	if prefix[0] == 0x80 {
		return notNPY(prefix)
	}
	return fmt.Errorf("too short for an .npy file: %w", err)
}

// notNPY explains data that lacks the .npy magic string.
func notNPY(prefix []byte) error {
	if prefix[0] == 0x80 {
		// Pickle protocols 2 and later start with the PROTO opcode 0x80.
		return errors.New("file is a Python pickle (it starts with byte 0x80), " +
			"not an .npy array, and pickles are never loaded: save the array " +
			"with numpy.save(path, X) instead")
	}
	return fmt.Errorf("not an .npy file: it starts with %q, but .npy files "+
		"start with %q", prefix, Magic)
}

// parseHeader parses the header text after the length field.
func parseHeader(text []byte) (Header, error) {
	p := pyParser{text: text}
	fields, err := p.dict()
	if err != nil {
		return Header{}, fmt.Errorf("invalid .npy header: %w", err)
	}
	if rest := strings.Trim(string(text[p.pos:]), " \t\r\n\x00"); rest != "" {
		return Header{}, fmt.Errorf("invalid .npy header: %q after the dict", rest)
	}
	return headerFromFields(fields)
}

// headerFromFields checks the dict of an .npy header and converts it.
func headerFromFields(fields map[string]pyValue) (Header, error) {
	for _, key := range []string{"descr", "fortran_order", "shape"} {
		if _, ok := fields[key]; !ok {
			return Header{}, fmt.Errorf("invalid .npy header: missing key %q", key)
		}
	}
	if len(fields) != 3 {
		return Header{}, fmt.Errorf("invalid .npy header: keys %q, expected "+
			"only descr, fortran_order and shape", sortedKeys(fields))
	}

	var h Header
	var err error
	if h.DType, err = dtypeOf(fields["descr"]); err != nil {
		return h, err
	}
	order := fields["fortran_order"]
	if order.kind != pyBool {
		return h, fmt.Errorf("invalid .npy header: fortran_order is %s, expected "+
			"True or False", order)
	}
	h.Fortran = order.truth
	if h.Shape, err = shapeOf(fields["shape"]); err != nil {
		return h, err
	}
	h.DataSize, err = DataSize(h.Shape, h.DType)
	return h, err
}

// dtypeOf converts the descr value. A list is a structured dtype.
func dtypeOf(v pyValue) (DType, error) {
	switch {
	case v.kind == pyString:
		return ParseDType(v.str)
	case v.kind == pySequence && v.containsObject():
		return DType{}, unsupportedDType("O", 'O')
	case v.kind == pySequence:
		return DType{}, fmt.Errorf("descr %s is a structured dtype, whose elements "+
			"are records, which is not supported: expected %s", v, supportedDTypes)
	}
	return DType{}, fmt.Errorf("invalid .npy header: descr is %s, expected a string "+
		"such as '<f8'", v)
}

// shapeOf converts the shape value, a tuple of non-negative integers.
func shapeOf(v pyValue) ([]int, error) {
	if v.kind != pySequence {
		return nil, fmt.Errorf("invalid .npy header: shape is %s, expected a tuple "+
			"of sizes", v)
	}
	if len(v.items) > maxDims {
		return nil, fmt.Errorf("invalid .npy header: shape has %d dimensions, "+
			"expected at most %d", len(v.items), maxDims)
	}
	shape := make([]int, len(v.items))
	for i, item := range v.items {
		if item.kind != pyInt || item.num < 0 || item.num > math.MaxInt32 {
			return nil, fmt.Errorf("invalid .npy header: shape is %s, expected "+
				"sizes from 0 to %d", v, math.MaxInt32)
		}
		shape[i] = int(item.num)
	}
	return shape, nil
}

// DataSize returns the size in bytes of the data of an array of the given
// shape and dtype, or an error if it exceeds MaxArrayBytes. It panics if a
// size in shape is negative.
func DataSize(shape []int, t DType) (int64, error) {
	if slices.ContainsFunc(shape, func(d int) bool { return d < 0 }) {
		panic(fmt.Sprintf("npy: negative size in shape %v", shape))
	}
	if slices.Contains(shape, 0) {
		return 0, nil
	}
	n := int64(t.Size)
	for _, d := range shape {
		if n > MaxArrayBytes/int64(d) {
			return 0, fmt.Errorf("array of shape %s and dtype %q is over "+
				"MaxArrayBytes (%d bytes)", FormatShape(shape), t.Descr,
				int64(MaxArrayBytes))
		}
		n *= int64(d)
	}
	return n, nil
}

// FormatShape formats a shape as Python formats a tuple: (3, 4), (3,) or ().
func FormatShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
