package model_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"visage/model"
)

// A 2×2 network scores "face" as top-row brightness minus bottom-row
// brightness, through one ReLU unit per row. The gradient of the logit
// shows which pixels push the score up or down for this image. Where the
// bottom row is black, its ReLU unit is off (z = 0, derivative 0), so the
// bottom pixels get no gradient at all.
func ExampleNetwork_InputGradient() {
	net, err := model.New(model.Config{
		Grid:       model.Grid{Width: 2, Height: 2},
		Hidden:     []int{2},
		Classes:    []string{"face"},
		Output:     model.Binary,
		Activation: model.ReLU,
	})
	if err != nil {
		panic(err)
	}
	// Inputs 0 and 1 are the top row, 2 and 3 the bottom row.
	net.Layers[0].W = mat.NewDense(4, 2, []float64{1, 0, 1, 0, 0, 1, 0, 1})
	net.Layers[1].W = mat.NewDense(2, 1, []float64{1, -1})

	for _, x := range [][]float64{{0.9, 0.8, 0.1, 0.3}, {0.9, 0.8, 0, 0}} {
		logit := net.InputGradient(x, 1, 0, true)
		prob := net.InputGradient(x, 1, 0, false)
		fmt.Printf("x %v: ∂z/∂x %.2f, ∂p/∂x %.3f\n", x, logit, prob)
	}
	// Output:
	// x [0.9 0.8 0.1 0.3]: ∂z/∂x [1.00 1.00 -1.00 -1.00], ∂p/∂x [0.168 0.168 -0.168 -0.168]
	// x [0.9 0.8 0 0]: ∂z/∂x [1.00 1.00 0.00 0.00], ∂p/∂x [0.131 0.131 0.000 0.000]
}
