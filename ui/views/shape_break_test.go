package views

import (
	"math"
	"testing"

	"visage/model"
)

// TestMontageShapeNarrowerAreaFewerColumns checks that a montage laid out
// for a narrower area never has more tiles per row than one laid out for
// a wider area of the same height.
func TestMontageShapeNarrowerAreaFewerColumns(t *testing.T) {
	for _, g := range []struct {
		name                 string
		units, width, height int
	}{
		{"64 units of 23×28", 64, 23, 28},
		{"256 units of 23×28", 256, 23, 28},
		{"25 units of 20×20", 25, 20, 20},
		{"64 units of 64×64", 64, 64, 64},
		{"64 units of 784×1", 64, 784, 1},
		{"64 units of 1×784", 64, 1, 784},
	} {
		aspects := []float64{100, 10, 3, 1.5, 1, 0.6, 0.3, 0.1, 0.05, 0.02, 0.01}
		previous, _ := montageShape(g.units, g.width, g.height, aspects[0])
		for _, aspect := range aspects[1:] {
			columns, _ := montageShape(g.units, g.width, g.height, aspect)
			if columns > previous {
				t.Errorf("%s: %d columns for aspect %v, more than the %d for "+
					"the wider aspect before it", g.name, columns, aspect, previous)
			}
			previous = columns
		}
	}
}

// TestLayer1InfiniteAspect checks that an aspect of +Inf, the width over
// height of an area of no height, is taken as an unknown aspect, as NaN
// and 0 are. Laid out for +Inf, a montage puts every tile in one row.
func TestLayer1InfiniteAspect(t *testing.T) {
	for _, g := range []struct {
		name                 string
		units, width, height int
	}{
		{"64 units of 23×28", 64, 23, 28},
		{"64 units of 784×1", 64, 784, 1},
	} {
		net, err := model.New(model.Config{
			Grid:    model.Grid{Width: g.width, Height: g.height},
			Hidden:  []int{g.units},
			Classes: []string{"a", "b"},
			Seed:    1,
		})
		if err != nil {
			t.Fatal(err)
		}
		want := Layer1(net, false, "", math.NaN(), 1).Image.Bounds().Size()
		got := Layer1(net, false, "", math.Inf(1), 1).Image.Bounds().Size()
		if got != want {
			t.Errorf("%s: montage for aspect +Inf is %v, want %v as for an "+
				"unknown aspect", g.name, got, want)
		}
	}
}
