package model

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// linearNetwork returns a network without hidden layers whose output
// layer has weights w (inputs × outputs) and zero biases.
func linearNetwork(t *testing.T, out OutputKind, classes []string,
	w *mat.Dense) *Network {

	t.Helper()
	inputs, _ := w.Dims()
	net, err := New(Config{Grid: Grid{Width: inputs, Height: 1},
		Classes: classes, Output: out})
	if err != nil {
		t.Fatal(err)
	}
	net.Layers[0].W.Copy(w)
	return net
}

func TestConfusionSoftmax(t *testing.T) {
	// Class 0 wins for large x0, class 1 for large x1, class 2 when both
	// are negative.
	w := mat.NewDense(2, 3, []float64{1, 0, -1, 0, 1, -1})
	net := linearNetwork(t, Softmax, []string{"a", "b", "c"}, w)
	x := mat.NewDense(6, 2, []float64{
		5, 0, // predicted 0
		0, 5, // predicted 1
		-5, -5, // predicted 2
		5, 0, // predicted 0
		0, 5, // predicted 1
		-5, -5, // predicted 2
	})
	y := []int{0, 1, 2, 1, 1, 0}

	got := net.Confusion(x, y)
	want := [][]int{{1, 0, 1}, {1, 2, 0}, {0, 0, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Confusion = %v, want %v", got, want)
	}
}

func TestConfusionBinary(t *testing.T) {
	net := linearNetwork(t, Binary, []string{"alice"},
		mat.NewDense(1, 1, []float64{1}))
	// Logit 0 is p = 0.5, which counts as the positive class.
	x := mat.NewDense(5, 1, []float64{2, -2, 0, -3, 4})
	y := []int{1, 1, 0, 0, 0}

	got := net.Confusion(x, y)
	want := [][]int{{1, 2}, {1, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Confusion = %v, want %v", got, want)
	}
}

func TestConfusionManyBatches(t *testing.T) {
	data := blobs(200, 4, 16, 3)
	net := newBlobNetwork(t, Softmax, 3)
	got := net.Confusion(data.X, data.Y)

	rows, _ := data.X.Dims()
	_, accuracy := net.Evaluate(data.X, data.Y)
	var diagonal, total int
	for i, row := range got {
		for j, c := range row {
			total += c
			if i == j {
				diagonal += c
			}
		}
	}
	if total != rows {
		t.Errorf("counts sum to %d, want %d", total, rows)
	}
	if want := int(math.Round(accuracy * float64(rows))); diagonal != want {
		t.Errorf("diagonal sums to %d, want %d from the accuracy", diagonal, want)
	}
}

func TestConfusionNilData(t *testing.T) {
	net := linearNetwork(t, Binary, []string{"alice"},
		mat.NewDense(1, 1, []float64{1}))
	got := net.Confusion(nil, nil)
	want := [][]int{{0, 0}, {0, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Confusion = %v, want %v", got, want)
	}
}

func TestUnitChange(t *testing.T) {
	a := []Layer{{W: mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})}}
	b := []Layer{{W: mat.NewDense(2, 3, []float64{4, 2, 3, 8, 5, 7})}}
	got := UnitChange(a, b, 0)
	want := []float64{5, 0, 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UnitChange = %v, want %v", got, want)
	}
}

func TestUnitChangePanics(t *testing.T) {
	a := []Layer{{W: mat.NewDense(2, 3, nil)}}
	b := []Layer{{W: mat.NewDense(3, 2, nil)}}
	tests := []struct {
		name  string
		layer int
		b     []Layer
	}{
		{"layer out of range", 1, a},
		{"negative layer", -1, a},
		{"shape mismatch", 0, b},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("UnitChange did not panic")
				}
			}()
			UnitChange(a, test.b, test.layer)
		})
	}
}
