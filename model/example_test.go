package model_test

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"visage/model"
)

// A network learns which half of a 2×1 grid is lit. After a short training
// run it is fairly sure, not certain: the probabilities are the softmax of
// the logits z, and only an infinite logit gap would give 1.
func Example() {
	net, err := model.New(model.Config{
		Grid:    model.Grid{Width: 2, Height: 1},
		Hidden:  []int{4},
		Classes: []string{"left", "right"},
		Seed:    1,
	})
	if err != nil {
		panic(err)
	}
	data := model.Data{
		X: mat.NewDense(4, 2, []float64{1, 0, 0.9, 0.1, 0, 1, 0.2, 0.8}),
		Y: []int{0, 0, 1, 1},
	}
	_, err = model.Train(context.Background(), net, data, model.Data{},
		model.TrainOptions{Epochs: 30, LearningRate: 0.05}, nil)
	if err != nil {
		panic(err)
	}
	for _, s := range net.Rank([]float64{0.1, 0.95}) {
		fmt.Printf("%s p=%.2f z=%+.1f\n", s.Label, s.Probability, s.Logit)
	}
	// Output:
	// right p=0.81 z=+1.1
	// left p=0.19 z=-0.3
}
