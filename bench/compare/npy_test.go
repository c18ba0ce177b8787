package main

import (
	"bytes"
	"slices"
	"testing"

	"github.com/sbinet/npyio/npy"
)

func TestWriteNPYReadBack(t *testing.T) {
	tests := []struct {
		name  string
		shape []int
		data  any
		descr string
	}{
		{"float32 matrix", []int{2, 3}, []float32{0, 0.25, 0.5, 0.75, 1, -1.5}, "<f4"},
		{"int32 vector", []int{4}, []int32{0, 1, 39, -7}, "<i4"},
		{"empty vector", []int{0}, []int32{}, "<i4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := writeNPY(&buf, tt.shape, tt.data); err != nil {
				t.Fatal(err)
			}
			raw := buf.Bytes()
			headerLen := int(raw[8]) | int(raw[9])<<8
			if got := (10 + headerLen) % npyAlign; got != 0 {
				t.Errorf("data offset %d is not a multiple of %d", 10+headerLen, npyAlign)
			}

			r, err := npy.NewReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Header.Descr.Type; got != tt.descr {
				t.Errorf("descr = %q, want %q", got, tt.descr)
			}
			if got := r.Header.Descr.Shape; !slices.Equal(got, tt.shape) {
				t.Errorf("shape = %v, want %v", got, tt.shape)
			}
			if r.Header.Descr.Fortran {
				t.Error("fortran_order = True, want False")
			}
			checkValues(t, r, tt.data)
		})
	}
}

func checkValues(t *testing.T, r *npy.Reader, want any) {
	t.Helper()
	switch w := want.(type) {
	case []float32:
		var got []float32
		if err := r.Read(&got); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, w) {
			t.Errorf("values = %v, want %v", got, w)
		}
	case []int32:
		var got []int32
		if err := r.Read(&got); err != nil {
			t.Fatal(err)
		}
		if len(w) > 0 && !slices.Equal(got, w) {
			t.Errorf("values = %v, want %v", got, w)
		}
	}
}

func TestWriteNPYPanicsOnShapeMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("writeNPY of 3 values for shape [2 2] did not panic")
		}
	}()
	writeNPY(&bytes.Buffer{}, []int{2, 2}, []float32{1, 2, 3})
}
