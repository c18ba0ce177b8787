package model_test

import (
	"bytes"
	"fmt"

	"visage/model"
)

// A network's weights go out as W1, b1, W2, b2 in an .npz and come back
// with the settings that the archive does not store.
func ExampleImportNPZ() {
	net, err := model.New(model.Config{
		Grid:    model.Grid{Width: 20, Height: 20, Order: model.ColumnMajor},
		Hidden:  []int{25, 15},
		Classes: []string{"1"},
		Output:  model.Binary,
		Seed:    1,
	})
	if err != nil {
		panic(err)
	}
	var file bytes.Buffer
	if err := net.ExportNPZ(&file); err != nil {
		panic(err)
	}

	data := file.Bytes()
	imported, err := model.ImportNPZ(bytes.NewReader(data), int64(len(data)),
		model.ImportOptions{Grid: net.Grid, Classes: []string{"1"}, Output: model.Binary})
	if err != nil {
		panic(err)
	}
	x := make([]float64, 400)
	x[210] = 1
	want, _ := net.Predict(x)
	got, _ := imported.Predict(x)
	fmt.Println(imported.Sizes(), imported.Activations(), got[0] == want[0])
	// Output:
	// [400 25 15 1] [sigmoid sigmoid] true
}
