package faceio

import (
	"strings"
	"testing"
)

func TestCheckInputValues(t *testing.T) {
	grid := func(w, h int) Pipeline { return Pipeline{Width: w, Height: h} }
	tests := []struct {
		name   string
		images int
		p      Pipeline
		ok     bool
	}{
		{"ORL faces on 23×28", 400, grid(23, 28), true},
		{"exactly the limit", MaxInputValues / 1024, grid(32, 32), true},
		{"one image more", MaxInputValues/1024 + 1, grid(32, 32), false},
		{"1000 images on 1024×1024", 1000, grid(1024, 1024), false},
		{"one image on 1024×1024", 1, grid(1024, 1024), true},
	}
	for _, tt := range tests {
		err := checkInputValues("x.npy", tt.images, tt.p)
		if (err == nil) != tt.ok {
			t.Errorf("%s: error %v, want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "x.npy: ") {
			t.Errorf("%s: error %q does not name the source", tt.name, err)
		}
	}
}
