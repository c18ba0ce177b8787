package faceio_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sbinet/npyio/npy"
	"gonum.org/v1/gonum/mat"

	"visage/faceio"
)

// writeNPY saves v in the .npy format with github.com/sbinet/npyio.
func writeNPY(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := npy.Write(f, v); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func ExampleOpenDataset() {
	dir, err := os.MkdirTemp("", "course")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	// Three 3×3 images as the rows of X, each flattened row-major, and
	// the digit each one shows in y.
	x := mat.NewDense(3, 9, []float64{
		0, 1, 0, 0, 1, 0, 0, 1, 0, // a vertical bar
		1, 1, 1, 0, 0, 0, 0, 0, 0, // a bar along the top
		0, 1, 0, 0, 1, 0, 0, 1, 0,
	})
	if err := writeNPY(filepath.Join(dir, "X.npy"), x); err != nil {
		fmt.Println(err)
		return
	}
	if err := writeNPY(filepath.Join(dir, "y.npy"), []int64{1, 7, 1}); err != nil {
		fmt.Println(err)
		return
	}

	// OpenDataset finds y.npy beside X.npy.
	d, err := faceio.OpenDataset(context.Background(), filepath.Join(dir, "X.npy"),
		faceio.OpenOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("classes:", d.Classes)
	fmt.Printf("grid: %d×%d\n", d.Pipeline.Width, d.Pipeline.Height)
	for _, f := range d.Faces {
		fmt.Println(f.Path, d.Classes[f.Label], f.Input)
	}
	// Output:
	// classes: [1 7]
	// grid: 3×3
	// X.npy[0] 1 [0 1 0 0 1 0 0 1 0]
	// X.npy[2] 1 [0 1 0 0 1 0 0 1 0]
	// X.npy[1] 7 [1 1 1 0 0 0 0 0 0]
}
