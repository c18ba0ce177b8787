package faceio

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

// npyMagic starts an .npy file. The NumPy documentation of the module
// numpy.lib.format describes the rest. A major and a minor version byte
// follow the magic, then the header length: 2 bytes little-endian in
// version 1.0, 4 bytes in 2.0 and 3.0. The header is a Python dict
// literal with the keys descr, fortran_order and shape, padded with spaces
// and ending in a newline. The array data follows the header.
const npyMagic = "\x93NUMPY"

// maxNPYHeader is the largest header length accepted. The header of a
// numeric array takes a few hundred bytes at most, so a larger length
// means a corrupt file, and the limit keeps it from allocating up to 4 GiB.
const maxNPYHeader = 1 << 16

// maxNPYDims is the largest number of dimensions accepted, far more than an
// image array has. It bounds the work on a corrupt header.
const maxNPYDims = 64

// MaxArrayBytes is the largest array data, in bytes, that LoadNPY,
// LoadNPZ, LoadIDX and ReadIDX accept. They check the size a header
// declares against it, and against the length of the file, before
// allocating memory for the data.
const MaxArrayBytes = 1 << 31

// dtype is a numeric NumPy element type.
type dtype struct {
	descr string // as written in the header, such as "<f8"
	kind  byte   // 'b' bool, 'i' signed integer, 'u' unsigned integer, 'f' float
	size  int    // bytes per element
	big   bool   // big-endian
}

// parseDtype parses a descr string such as "<f8", "|u1" or ">i2". The
// byte order '>' is big-endian. '<', '|', '=' and no prefix are read as
// little-endian.
//
// NOTE: '=' means the byte order of the machine that wrote the file, which
// the file does not record. NumPy writes '<' or '>' instead, so '=' only
// comes from other writers, and little-endian is a guess.
func parseDtype(descr string) (dtype, error) {
	t := dtype{descr: descr}
	code := descr
	if code != "" && strings.IndexByte("<>|=", code[0]) >= 0 {
		t.big = code[0] == '>'
		code = code[1:]
	}
	if code == "" {
		return t, fmt.Errorf("invalid dtype %q: expected a type code such as '<f8'",
			descr)
	}
	t.kind = code[0]
	digits := code[1:]
	if digits != "" && strings.Trim(digits, "0123456789") == "" && len(digits) <= 2 {
		t.size, _ = strconv.Atoi(digits)
	}
	if !t.supported() {
		return t, unsupportedDtype(descr, t.kind)
	}
	return t, nil
}

func (t dtype) supported() bool {
	switch t.kind {
	case 'b':
		return t.size == 1
	case 'i', 'u':
		return t.size == 1 || t.size == 2 || t.size == 4 || t.size == 8
	case 'f':
		return t.size == 2 || t.size == 4 || t.size == 8
	}
	return false
}

const supportedDtypes = "bool, int8 to int64, uint8 to uint64, float16, float32 " +
	"or float64"

func unsupportedDtype(descr string, kind byte) error {
	switch kind {
	case 'O':
		return fmt.Errorf("dtype %q is an object array, whose data is a Python pickle, "+
			"which is never unpickled: convert it to numbers, such as "+
			"numpy.save(path, X.astype('float32'))", descr)
	case 'c':
		return fmt.Errorf("dtype %q is complex: expected %s", descr, supportedDtypes)
	case 'U', 'S', 'a':
		return fmt.Errorf("dtype %q is a string type: expected %s", descr, supportedDtypes)
	}
	return fmt.Errorf("unsupported dtype %q: expected %s", descr, supportedDtypes)
}

// decoder returns a function that converts the bytes of one element to
// float64. Integers beyond ±2^53 are rounded.
func (t dtype) decoder() func([]byte) float64 {
	var order binary.ByteOrder = binary.LittleEndian
	if t.big {
		order = binary.BigEndian
	}
	switch string(t.kind) + strconv.Itoa(t.size) {
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
	panic("faceio: no decoder for dtype " + t.descr)
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

// npyHeader is the parsed header of an .npy file.
type npyHeader struct {
	dtype     dtype
	fortran   bool  // data in Fortran (column-major) order
	shape     []int // empty for a scalar
	dataStart int64 // bytes from the start of the file to the data
	dataBytes int64 // product of shape × dtype.size, at most MaxArrayBytes
}

// readNPYHeader reads the header of an .npy file from r, leaving r at the
// start of the data. It never reads more than maxNPYHeader+12 bytes.
func readNPYHeader(r io.Reader) (npyHeader, error) {
	var prefix [12]byte
	if _, err := io.ReadFull(r, prefix[:8]); err != nil {
		return npyHeader{}, shortNPY(prefix[:], err)
	}
	if string(prefix[:6]) != npyMagic {
		return npyHeader{}, notNPY(prefix[:8])
	}
	major, minor := prefix[6], prefix[7]
	lengthBytes := 4
	switch {
	case minor != 0 || major < 1 || major > 3:
		return npyHeader{}, fmt.Errorf("unsupported .npy format version %d.%d: "+
			"expected 1.0, 2.0 or 3.0", major, minor)
	case major == 1:
		lengthBytes = 2
	}

	if _, err := io.ReadFull(r, prefix[8:8+lengthBytes]); err != nil {
		return npyHeader{}, fmt.Errorf("truncated .npy header: %w", err)
	}
	length := int64(binary.LittleEndian.Uint32(prefix[8:12]))
	if major == 1 {
		length = int64(binary.LittleEndian.Uint16(prefix[8:10]))
	}
	if length > maxNPYHeader {
		return npyHeader{}, fmt.Errorf("header length %d is over %d bytes, "+
			"so the file is corrupt or not a plain array", length, maxNPYHeader)
	}
	text := make([]byte, length)
	if _, err := io.ReadFull(r, text); err != nil {
		return npyHeader{}, fmt.Errorf("truncated .npy header: declares %d bytes: %w",
			length, err)
	}

	h, err := parseNPYHeader(text)
	h.dataStart = int64(8+lengthBytes) + length
	return h, err
}

func shortNPY(prefix []byte, err error) error {
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
		"start with %q", prefix, npyMagic)
}

// parseNPYHeader parses the header text after the length field.
func parseNPYHeader(text []byte) (npyHeader, error) {
	p := pyParser{text: text}
	fields, err := p.dict()
	if err != nil {
		return npyHeader{}, fmt.Errorf("invalid .npy header: %w", err)
	}
	if rest := strings.Trim(string(text[p.pos:]), " \t\r\n\x00"); rest != "" {
		return npyHeader{}, fmt.Errorf("invalid .npy header: %q after the dict", rest)
	}
	return headerFromFields(fields)
}

// headerFromFields checks the dict of an .npy header and converts it.
func headerFromFields(fields map[string]pyValue) (npyHeader, error) {
	for _, key := range []string{"descr", "fortran_order", "shape"} {
		if _, ok := fields[key]; !ok {
			return npyHeader{}, fmt.Errorf("invalid .npy header: missing key %q", key)
		}
	}
	if len(fields) != 3 {
		return npyHeader{}, fmt.Errorf("invalid .npy header: keys %q, expected "+
			"only descr, fortran_order and shape", sortedKeys(fields))
	}

	var h npyHeader
	var err error
	if h.dtype, err = dtypeOf(fields["descr"]); err != nil {
		return h, err
	}
	order := fields["fortran_order"]
	if order.kind != pyBool {
		return h, fmt.Errorf("invalid .npy header: fortran_order is %s, expected "+
			"True or False", order)
	}
	h.fortran = order.truth
	if h.shape, err = shapeOf(fields["shape"]); err != nil {
		return h, err
	}
	h.dataBytes, err = arrayBytes(h.shape, h.dtype)
	return h, err
}

// dtypeOf converts the descr value. A list is a structured dtype.
func dtypeOf(v pyValue) (dtype, error) {
	switch {
	case v.kind == pyString:
		return parseDtype(v.str)
	case v.kind == pySequence && v.containsObject():
		return dtype{}, unsupportedDtype("O", 'O')
	case v.kind == pySequence:
		return dtype{}, fmt.Errorf("descr %s is a structured dtype, whose elements "+
			"are records, which is not supported: expected %s", v, supportedDtypes)
	}
	return dtype{}, fmt.Errorf("invalid .npy header: descr is %s, expected a string "+
		"such as '<f8'", v)
}

// shapeOf converts the shape value, a tuple of non-negative integers.
func shapeOf(v pyValue) ([]int, error) {
	if v.kind != pySequence {
		return nil, fmt.Errorf("invalid .npy header: shape is %s, expected a tuple "+
			"of sizes", v)
	}
	if len(v.items) > maxNPYDims {
		return nil, fmt.Errorf("invalid .npy header: shape has %d dimensions, "+
			"expected at most %d", len(v.items), maxNPYDims)
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

// arrayBytes returns the size of the data of an array, or an error if it
// exceeds MaxArrayBytes.
func arrayBytes(shape []int, t dtype) (int64, error) {
	if slices.Contains(shape, 0) {
		return 0, nil
	}
	n := int64(t.size)
	for _, d := range shape {
		if n > MaxArrayBytes/int64(d) {
			return 0, fmt.Errorf("array of shape %s and dtype %q is over "+
				"MaxArrayBytes (%d bytes)", shapeString(shape), t.descr,
				int64(MaxArrayBytes))
		}
		n *= int64(d)
	}
	return n, nil
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

// shapeString formats a shape as Python does: (3, 4), (3,) or ().
func shapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// array is a numeric array read from an .npy or IDX file.
type array struct {
	source  string // the file, and the array's name in an .npz, for messages
	base    string // the base name of the file, for Face.Path
	dtype   dtype
	shape   []int
	fortran bool   // data in Fortran (column-major) order
	data    []byte // product(shape) elements of dtype.size bytes
	decode  func([]byte) float64
}

func newArray(t dtype, shape []int, fortran bool, data []byte) *array {
	return &array{
		dtype: t, shape: shape, fortran: fortran, data: data, decode: t.decoder(),
	}
}

// value returns the element at position i of the data, in storage order.
func (a *array) value(i int) float64 {
	return a.decode(a.data[i*a.dtype.size:])
}

// readNPY reads an .npy file from r. size is the length of the file in
// bytes, or -1 if unknown, in which case memory is allocated as data
// arrives, so a header that declares more data than r contains costs no
// more than the data.
func readNPY(r io.Reader, size int64) (*array, error) {
	h, err := readNPYHeader(r)
	if err != nil {
		return nil, err
	}
	available := int64(-1)
	if size >= 0 {
		available = size - h.dataStart
	}
	declared := fmt.Sprintf("shape %s of dtype '%s'", shapeString(h.shape), h.dtype.descr)
	data, err := readData(r, h.dataBytes, available, declared)
	if err != nil {
		return nil, err
	}
	return newArray(h.dtype, h.shape, h.fortran, data), nil
}

// readData reads the need bytes of array data that declared describes.
// available is the number of bytes left in r, or -1 if unknown. If it is
// known, it must equal need. Otherwise r must end after need bytes.
func readData(r io.Reader, need, available int64, declared string) ([]byte, error) {
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
