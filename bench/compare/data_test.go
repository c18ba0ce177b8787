package main

import (
	"slices"
	"testing"
)

func TestMakeDatasetSeeded(t *testing.T) {
	for _, n := range networks {
		a, err := makeDataset(n, 256, 7)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := makeDataset(n, 256, 7)
		c, _ := makeDataset(n, 256, 8)
		if !slices.Equal(a.X, b.X) || !slices.Equal(a.Y, b.Y) {
			t.Errorf("%s: the same seed gave different data", n.Key)
		}
		if slices.Equal(a.X, c.X) {
			t.Errorf("%s: seeds 7 and 8 gave the same inputs", n.Key)
		}
		if got, want := len(a.X), 256*n.Grid.Cells(); got != want {
			t.Errorf("%s: %d input values, want %d", n.Key, got, want)
		}
	}
}

func TestMakeDatasetRanges(t *testing.T) {
	for _, n := range networks {
		d, err := makeDataset(n, 512, 1)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range d.X {
			if v < 0 || v >= 1 {
				t.Fatalf("%s: input %d is %v, want a value in [0, 1)", n.Key, i, v)
			}
		}
		classes := max(n.Outputs, 2)
		counts := make([]int, classes)
		for i, y := range d.Y {
			if y < 0 || int(y) >= classes {
				t.Fatalf("%s: label %d is %d, want 0 to %d", n.Key, i, y, classes-1)
			}
			counts[y]++
		}
		if slices.Contains(counts[:2], 0) {
			t.Errorf("%s: label counts %v, want labels 0 and 1 present", n.Key, counts)
		}
		if got := d.Init.Sizes(); got[len(got)-1] != n.Outputs {
			t.Errorf("%s: network sizes %v, want %d outputs", n.Key, got, n.Outputs)
		}
	}
}
