package faceio_test

import (
	"fmt"
	"image"
	"image/color"

	"visage/faceio"
)

func ExamplePipeline_Apply() {
	// A 4×2 image whose columns are 0, 85, 170 and 255.
	img := image.NewGray(image.Rect(0, 0, 4, 2))
	for y := range 2 {
		for x := range 4 {
			img.SetGray(x, y, color.Gray{Y: uint8(85 * x)})
		}
	}

	// A 2×1 grid averages each 2×2 half of the image.
	p := faceio.Pipeline{Width: 2, Height: 1, Order: faceio.RowMajor}
	fmt.Printf("%.3f\n", p.Apply(img))

	// A 2×2 grid keeps the middle square, x in [1,3), in two columns.
	// Column-major order lists the left column first.
	p = faceio.Pipeline{Width: 2, Height: 2, Order: faceio.ColumnMajor}
	fmt.Printf("grid  %.3f\n", p.Grid(img))
	fmt.Printf("input %.3f\n", p.Apply(img))
	// Output:
	// [0.167 0.833]
	// grid  [0.333 0.667 0.333 0.667]
	// input [0.333 0.333 0.667 0.667]
}
