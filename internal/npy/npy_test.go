package npy

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"visage/internal/npy/npytest"
)

func TestHalfToFloat(t *testing.T) {
	tests := []struct {
		bits uint16
		want float64
	}{
		{0x0000, 0},
		{0x3c00, 1},
		{0xc000, -2},
		{0x3800, 0.5},
		{0x3555, 0.333251953125},
		{0x7bff, 65504},
		{0x0400, math.Ldexp(1, -14)},
		{0x0001, math.Ldexp(1, -24)},
		{0x03ff, math.Ldexp(1023, -24)},
		{0x7c00, math.Inf(1)},
		{0xfc00, math.Inf(-1)},
	}
	for _, tt := range tests {
		if got := halfToFloat(tt.bits); got != tt.want {
			t.Errorf("halfToFloat(%#04x) = %v, want %v", tt.bits, got, tt.want)
		}
	}
	for _, bits := range []uint16{0x7e00, 0x7c01, 0xffff} {
		if got := halfToFloat(bits); !math.IsNaN(got) {
			t.Errorf("halfToFloat(%#04x) = %v, want NaN", bits, got)
		}
	}
	if got := halfToFloat(0x8000); got != 0 || !math.Signbit(got) {
		t.Errorf("halfToFloat(0x8000) = %v, want -0", got)
	}
}

func TestFloatToHalfHelper(t *testing.T) {
	for _, v := range []float64{0, 1, -2, 0.5, 255, 2048, 65504, math.Ldexp(1, -14)} {
		if got := halfToFloat(npytest.FloatToHalf(v)); got != v {
			t.Errorf("halfToFloat(npytest.FloatToHalf(%v)) = %v", v, got)
		}
	}
}

// validHeaders are header dicts that parse, with the result.
var validHeaders = []struct {
	name    string
	dict    string
	descr   string
	fortran bool
	shape   []int
}{
	{"numpy 2-D", "{'descr': '<f8', 'fortran_order': False, 'shape': (5000, 400), }",
		"<f8", false, []int{5000, 400}},
	{"1-D shape", "{'descr': '<i8', 'fortran_order': False, 'shape': (7,), }",
		"<i8", false, []int{7}},
	{"scalar", "{'descr': '|u1', 'fortran_order': False, 'shape': (), }",
		"|u1", false, []int{}},
	{"fortran", "{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3, 4), }",
		">f4", true, []int{2, 3, 4}},
	{"key order", "{'shape': (2, 3), 'fortran_order': False, 'descr': '<u2'}",
		"<u2", false, []int{2, 3}},
	{"double quotes", `{"descr": "<i4", "fortran_order": False, "shape": (3, 1)}`,
		"<i4", false, []int{3, 1}},
	{"python 2 longs", "{'descr': '<f8', 'fortran_order': False, 'shape': (3L, 4L), }",
		"<f8", false, []int{3, 4}},
	{"spaces", "{ 'descr' :'|b1' ,\t'fortran_order' : False , 'shape' : ( 2 , 2 ) }",
		"|b1", false, []int{2, 2}},
	{"no byte order", "{'descr': 'f2', 'fortran_order': False, 'shape': (1,)}",
		"f2", false, []int{1}},
	{"native order", "{'descr': '=i2', 'fortran_order': False, 'shape': (1,)}",
		"=i2", false, []int{1}},
	{"zero size", "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 400)}",
		"<f8", false, []int{0, 400}},
}

func TestParseNPYHeader(t *testing.T) {
	for _, tt := range validHeaders {
		h, err := parseHeader([]byte(tt.dict + "   \n"))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if h.DType.Descr != tt.descr || h.Fortran != tt.fortran ||
			!slices.Equal(h.Shape, tt.shape) {
			t.Errorf("%s: got %q %v %v, want %q %v %v", tt.name, h.DType.Descr,
				h.Fortran, h.Shape, tt.descr, tt.fortran, tt.shape)
		}
		if want := int64(product(tt.shape) * h.DType.Size); h.DataSize != want {
			t.Errorf("%s: DataSize = %d, want %d", tt.name, h.DataSize, want)
		}
	}
}

// badHeaders are header dicts that must be rejected, with a part of the
// message.
var badHeaders = []struct {
	name, dict, want string
}{
	{"object", "{'descr': '|O', 'fortran_order': False, 'shape': (3,), }", "object array"},
	{"object without order", "{'descr': 'O', 'fortran_order': False, 'shape': (3,)}", "pickle"},
	{"structured object", "{'descr': [('name', '|O'), ('x', '<f8')], 'fortran_order': False, " +
		"'shape': (3,), }", "object array"},
	{"structured", "{'descr': [('x', '<f8'), ('y', '<f8')], 'fortran_order': False, " +
		"'shape': (3,), }", "is a structured dtype"},
	{"complex", "{'descr': '<c16', 'fortran_order': False, 'shape': (3,)}", "complex"},
	{"strings", "{'descr': '<U5', 'fortran_order': False, 'shape': (3,)}", "string type"},
	{"datetime", "{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (3,)}", "unsupported dtype"},
	{"long double", "{'descr': '<f16', 'fortran_order': False, 'shape': (3,)}", "unsupported dtype"},
	{"int3", "{'descr': '<i3', 'fortran_order': False, 'shape': (3,)}", "unsupported dtype"},
	{"empty descr", "{'descr': '', 'fortran_order': False, 'shape': (3,)}", "invalid dtype"},
	{"descr number", "{'descr': 8, 'fortran_order': False, 'shape': (3,)}", "descr is 8"},
	{"missing shape", "{'descr': '<f8', 'fortran_order': False}", `missing key "shape"`},
	{"extra key", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}",
		"expected only descr"},
	{"duplicate key", "{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (3,)}",
		"duplicate key"},
	{"order string", "{'descr': '<f8', 'fortran_order': 'False', 'shape': (3,)}",
		"fortran_order is 'False'"},
	{"negative size", "{'descr': '<f8', 'fortran_order': False, 'shape': (-3,)}", "shape is (-3,), expected sizes from 0"},
	{"shape list of strings", "{'descr': '<f8', 'fortran_order': False, 'shape': ('3',)}",
		"sizes from 0"},
	{"shape int", "{'descr': '<f8', 'fortran_order': False, 'shape': 3}", "shape is 3, expected a tuple"},
	{"huge size", "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}",
		"invalid integer"},
	{"over MaxArrayBytes", "{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536)}",
		"MaxArrayBytes"},
	{"overflow", "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647, " +
		"2147483647, 2147483647)}", "MaxArrayBytes"},
	{"unterminated string", "{'descr': '<f8", "unterminated string"},
	{"no closing brace", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)", `expected '}'`},
	{"not a dict", "('<f8', False, (3,))", `expected '{'`},
	{"key not string", "{1: '<f8'}", "not a string"},
	{"text after dict", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} x", "after the dict"},
	{"python code", "{'descr': __import__('os'), 'fortran_order': False, 'shape': (3,)}",
		"expected a string, number"},
	{"deep nesting", "{'descr': " + strings.Repeat("[", 20) + "'<f8'" + strings.Repeat("]", 20) +
		", 'fortran_order': False, 'shape': (3,)}", "nested over"},
	{"too many dims", "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
		strings.Repeat("1, ", 65) + ")}", "shape has 65 dimensions"},
	{"empty", "", `expected '{'`},
}

func TestParseNPYHeaderErrors(t *testing.T) {
	for _, tt := range badHeaders {
		_, err := parseHeader([]byte(tt.dict))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestReadNPYHeaderVersions(t *testing.T) {
	dict := npytest.Dict("<f8", false, []int{2, 3})
	for _, major := range []byte{1, 2, 3} {
		file := npytest.File(major, dict, nil)
		r := bytes.NewReader(file)
		h, err := ReadHeader(r)
		if err != nil {
			t.Errorf("version %d.0: %v", major, err)
			continue
		}
		if h.DataOffset != int64(len(file)) {
			t.Errorf("version %d.0: DataOffset = %d, want %d", major, h.DataOffset,
				len(file))
		}
		if r.Len() != 0 {
			t.Errorf("version %d.0: %d bytes left after the header, want 0", major, r.Len())
		}
	}
}

func TestReadNPYHeaderErrors(t *testing.T) {
	valid := npytest.File(1, npytest.Dict("<f8", false, []int{2}), nil)
	withVersion := func(major, minor byte) []byte {
		b := slices.Clone(valid)
		b[6], b[7] = major, minor
		return b
	}
	hugeLength := slices.Clone(valid)
	hugeLength[8], hugeLength[9] = 0xff, 0xff
	v2Huge := withVersion(2, 0)
	copy(v2Huge[8:12], []byte{0xff, 0xff, 0xff, 0xff})

	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "file is empty"},
		{"short", []byte("\x93NUM"), "too short"},
		{"wrong magic", []byte("PK\x03\x04abcdefgh"), "not an .npy file"},
		{"pickle", []byte("\x80\x04\x95\x10\x00\x00\x00\x00"), "Python pickle"},
		{"short pickle", []byte("\x80\x02"), "Python pickle"},
		{"version 4", withVersion(4, 0), "version 4.0"},
		{"version 1.1", withVersion(1, 1), "version 1.1"},
		{"version 0", withVersion(0, 0), "version 0.0"},
		{"no length", valid[:9], "truncated .npy header"},
		{"truncated header", valid[:40], "truncated .npy header"},
		{"v1 header length 65535", hugeLength, "declares 65535 bytes"},
		{"v2 header over 64 KiB", v2Huge, "header length 4294967295 is over"},
	}
	for _, tt := range tests {
		_, err := ReadHeader(bytes.NewReader(tt.data))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

// FuzzNPYHeader checks that ReadHeader never panics, and that a header
// it accepts parses again, unchanged, when written back in NumPy's form.
func FuzzNPYHeader(f *testing.F) {
	for _, tt := range validHeaders {
		f.Add(npytest.File(1, tt.dict, nil))
		f.Add(npytest.File(3, tt.dict, nil))
	}
	for _, tt := range badHeaders {
		f.Add(npytest.File(2, tt.dict, nil))
	}
	f.Add([]byte("\x80\x04\x95"))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ReadHeader(bytes.NewReader(data))
		if err != nil {
			return
		}
		if h.DataOffset > int64(len(data)) {
			t.Fatalf("DataOffset %d beyond the %d bytes read", h.DataOffset, len(data))
		}
		if h.DataSize < 0 || h.DataSize > MaxArrayBytes {
			t.Fatalf("DataSize = %d, outside 0..MaxArrayBytes", h.DataSize)
		}
		again, err := parseHeader([]byte(npytest.Dict(h.DType.Descr, h.Fortran, h.Shape)))
		if err != nil {
			t.Fatalf("written back, the header %v fails: %v", h, err)
		}
		if again.DType != h.DType || again.Fortran != h.Fortran ||
			!slices.Equal(again.Shape, h.Shape) || again.DataSize != h.DataSize {
			t.Fatalf("written back, the header %v parses as %v", h, again)
		}
	})
}
