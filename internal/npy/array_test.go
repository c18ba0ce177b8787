package npy

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"visage/internal/npy/npytest"
)

func TestFloat64sCOrder(t *testing.T) {
	tests := []struct {
		name  string
		descr string
		shape []int
	}{
		{"vector", "<f8", []int{5}},
		{"matrix", ">i4", []int{3, 4}},
		{"column", "<f4", []int{4, 1}},
		{"3-D", "<i2", []int{2, 3, 4}},
		{"4-D", "|u1", []int{2, 1, 3, 2}},
		{"empty", "<f8", []int{3, 0}},
		{"scalar", "<f8", []int{}},
	}
	for _, tt := range tests {
		want := make([]float64, product(tt.shape))
		for i := range want {
			want[i] = float64(i + 1)
		}
		for _, fortran := range []bool{false, true} {
			file := npytest.Values(tt.descr, tt.shape, fortran, want)
			a, err := Read(bytes.NewReader(file), int64(len(file)))
			if err != nil {
				t.Fatalf("%s, fortran %v: %v", tt.name, fortran, err)
			}
			if got := a.Float64s(); !slices.Equal(got, want) {
				t.Errorf("%s, fortran %v: Float64s() = %v, want %v", tt.name, fortran,
					got, want)
			}
		}
	}
}

func TestArrayAccessors(t *testing.T) {
	file := npytest.Values(">i2", []int{2, 3}, true, []float64{1, 2, 3, -4, 5, 6})
	a, err := Read(bytes.NewReader(file), -1)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.DType(); got != (DType{Descr: ">i2", Kind: 'i', Size: 2, BigEndian: true}) {
		t.Errorf("DType() = %+v, want big-endian int16", got)
	}
	if got := a.Shape(); !slices.Equal(got, []int{2, 3}) {
		t.Errorf("Shape() = %v, want [2 3]", got)
	}
	if !a.Fortran() {
		t.Error("Fortran() = false, want true")
	}
	if got := a.Len(); got != 6 {
		t.Errorf("Len() = %d, want 6", got)
	}
	// In Fortran order, storage position 1 is element [1, 0].
	if got := a.At(1); got != -4 {
		t.Errorf("At(1) = %v, want -4", got)
	}
}

func TestReadHeaderThenArray(t *testing.T) {
	values := []float64{0.5, -1, 2, 8}
	file := npytest.Values("<f4", []int{2, 2}, false, values)
	r := bytes.NewReader(file)
	h, err := ReadHeader(r)
	if err != nil {
		t.Fatal(err)
	}
	if h.DataSize != 16 || h.DataOffset != int64(len(file))-16 {
		t.Errorf("DataSize %d, DataOffset %d, want 16 and %d", h.DataSize,
			h.DataOffset, len(file)-16)
	}
	a, err := ReadArray(r, h, int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Float64s(); !slices.Equal(got, values) {
		t.Errorf("Float64s() = %v, want %v", got, values)
	}
}

func TestReadDataSizes(t *testing.T) {
	valid := npytest.Values("<f8", []int{3}, false, []float64{1, 2, 3})
	tests := []struct {
		name string
		file []byte
		size int64 // -1 for a stream of unknown length
		want string
	}{
		{"short file", valid[:len(valid)-1], int64(len(valid) - 1),
			"only 23 bytes follow it"},
		{"short stream", valid[:len(valid)-1], -1, "only 23 bytes follow it"},
		{"long file", append(slices.Clone(valid), 0), int64(len(valid) + 1),
			"more bytes follow it"},
		{"long stream", append(slices.Clone(valid), 0), -1, "more bytes follow it"},
		{"size beyond the data", valid, int64(len(valid) + 8), "more bytes follow it"},
	}
	for _, tt := range tests {
		_, err := Read(bytes.NewReader(tt.file), tt.size)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestNewArrayPanics(t *testing.T) {
	f8 := DType{Descr: "<f8", Kind: 'f', Size: 8}
	tests := []struct {
		name  string
		dtype DType
		shape []int
		data  []byte
	}{
		{"short data", f8, []int{2}, make([]byte, 15)},
		{"long data", f8, []int{2}, make([]byte, 17)},
		{"unsupported dtype", DType{Descr: "<c8", Kind: 'c', Size: 8}, []int{1},
			make([]byte, 8)},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: NewArray did not panic", tt.name)
				}
			}()
			NewArray(tt.dtype, tt.shape, false, tt.data)
		}()
	}
}

func TestDataSize(t *testing.T) {
	u1 := DType{Descr: "|u1", Kind: 'u', Size: 1}
	f8 := DType{Descr: "<f8", Kind: 'f', Size: 8}
	tests := []struct {
		shape []int
		dtype DType
		want  int64
	}{
		{[]int{}, f8, 8},
		{[]int{3, 4}, f8, 96},
		{[]int{0, 1 << 30, 1 << 30}, f8, 0},
		{[]int{1 << 31}, u1, MaxArrayBytes},
	}
	for _, tt := range tests {
		got, err := DataSize(tt.shape, tt.dtype)
		if err != nil || got != tt.want {
			t.Errorf("DataSize(%v, %s) = %d, %v, want %d", tt.shape, tt.dtype.Descr,
				got, err, tt.want)
		}
	}
	if _, err := DataSize([]int{1<<28 + 1}, f8); err == nil {
		t.Error("DataSize of 2^31+8 bytes: no error")
	}
}
