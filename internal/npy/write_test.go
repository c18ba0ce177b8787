package npy

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	npyio "github.com/sbinet/npyio/npy"
	"gonum.org/v1/gonum/mat"
)

func TestWriteRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		shape []int
		data  []float64
	}{
		{"matrix", []int{2, 3}, []float64{1, -2, 3.5, math.Inf(1), math.NaN(), 1e-300}},
		{"vector", []int{4}, []float64{0, 1, 2, 3}},
		{"scalar", []int{}, []float64{7}},
		{"empty", []int{0, 5}, nil},
		{"3-D", []int{2, 1, 2}, []float64{1, 2, 3, 4}},
		{"long", []int{3000}, make([]float64, 3000)},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := Write(&b, tt.shape, tt.data); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		a, err := Read(bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			t.Fatalf("%s: reading back: %v", tt.name, err)
		}
		if a.DType().Descr != "<f8" || a.Fortran() || !slices.Equal(a.Shape(), tt.shape) {
			t.Errorf("%s: read back dtype %q, fortran %v, shape %v, want '<f8', "+
				"false, %v", tt.name, a.DType().Descr, a.Fortran(), a.Shape(), tt.shape)
		}
		got := a.Float64s()
		if !slices.EqualFunc(got, tt.data, sameFloat) || len(got) != len(tt.data) {
			t.Errorf("%s: read back %v, want %v", tt.name, got, tt.data)
		}
	}
}

// sameFloat reports whether x and y are equal or both NaN.
func sameFloat(x, y float64) bool {
	return x == y || math.IsNaN(x) && math.IsNaN(y)
}

func TestWriteFloat32RoundTrip(t *testing.T) {
	data := []float32{0.1, -2.5, float32(math.Inf(-1)), 3e38}
	var b bytes.Buffer
	if err := WriteFloat32(&b, []int{2, 2}, data); err != nil {
		t.Fatal(err)
	}
	a, err := Read(&b, -1)
	if err != nil {
		t.Fatal(err)
	}
	if a.DType().Descr != "<f4" {
		t.Errorf("dtype %q, want '<f4'", a.DType().Descr)
	}
	got := a.Float64s()
	for i, want := range data {
		if got[i] != float64(want) {
			t.Errorf("element %d = %v, want %v", i, got[i], want)
		}
	}
}

// TestWriteHeaderLayout checks the bytes that NumPy's reader relies on:
// the header is one line padded with spaces, and the data starts at a
// multiple of 64 bytes.
func TestWriteHeaderLayout(t *testing.T) {
	for _, shape := range [][]int{{}, {1}, {400, 25}, {12345, 1, 2}, {1, 2, 3, 1, 2, 3, 1, 2}} {
		var b bytes.Buffer
		if err := Write(&b, shape, make([]float64, product(shape))); err != nil {
			t.Fatal(err)
		}
		h, err := ReadHeader(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("shape %v: %v", shape, err)
		}
		if h.DataOffset%64 != 0 {
			t.Errorf("shape %v: data starts at byte %d, want a multiple of 64",
				shape, h.DataOffset)
		}
		text := b.String()[10:h.DataOffset]
		if strings.Count(text, "\n") != 1 || !strings.HasSuffix(text, " \n") {
			t.Errorf("shape %v: header %q, want one line ending in spaces and "+
				"a newline", shape, text)
		}
		want := "{'descr': '<f8', 'fortran_order': False, 'shape': " +
			FormatShape(shape) + ", }"
		if got := strings.TrimRight(text, " \n"); got != want {
			t.Errorf("shape %v: header dict %q, want %q", shape, got, want)
		}
	}
}

func TestWritePanics(t *testing.T) {
	tests := []struct {
		name  string
		shape []int
		n     int
	}{
		{"too few values", []int{2, 3}, 5},
		{"too many values", []int{2}, 3},
		{"negative size", []int{-1, -2}, 2},
		{"too many dimensions", make([]int, 65), 0},
		{"overflow", []int{1 << 40, 1 << 40, 0}, 0},
		{"wrapping product", []int{1 << 32, 1 << 32}, 0},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Write did not panic", tt.name)
				}
			}()
			Write(&bytes.Buffer{}, tt.shape, make([]float64, tt.n))
		}()
	}
}

// failingWriter accepts limit bytes, then fails.
type failingWriter struct{ limit int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errDiskFull
	}
	w.limit -= len(p)
	return len(p), nil
}

func TestWriteReturnsWriterError(t *testing.T) {
	for _, limit := range []int{0, 100, 20000} {
		err := Write(&failingWriter{limit}, []int{5000}, make([]float64, 5000))
		if !errors.Is(err, errDiskFull) {
			t.Errorf("limit %d: error %v, want %v", limit, err, errDiskFull)
		}
	}
}

// TestWriteReadByNpyio reads the files of Write and WriteFloat32 with
// github.com/sbinet/npyio, another implementation of the format.
func TestWriteReadByNpyio(t *testing.T) {
	data := []float64{1, -2, 3.25, 4e-5, 5, 6}
	var b bytes.Buffer
	if err := Write(&b, []int{2, 3}, data); err != nil {
		t.Fatal(err)
	}
	m := &mat.Dense{}
	if err := npyio.Read(&b, m); err != nil {
		t.Fatalf("npyio cannot read the float64 file: %v", err)
	}
	if want := mat.NewDense(2, 3, data); !mat.Equal(m, want) {
		t.Errorf("npyio read %v, want %v", mat.Formatted(m), mat.Formatted(want))
	}

	single := []float32{0.5, -1.5, 7}
	b.Reset()
	if err := WriteFloat32(&b, []int{3}, single); err != nil {
		t.Fatal(err)
	}
	var got []float32
	if err := npyio.Read(&b, &got); err != nil {
		t.Fatalf("npyio cannot read the float32 file: %v", err)
	}
	if !slices.Equal(got, single) {
		t.Errorf("npyio read %v, want %v", got, single)
	}
}
