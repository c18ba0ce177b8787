// Package assets embeds the data Visage ships with: the default face images,
// a small digits dataset, the application icon and the face detection
// cascade.
package assets

import (
	"bytes"
	"embed"
	"io"
	"io/fs"
)

//go:generate go run gen_faces.go
//go:generate go run gen_icon.go
//go:generate go run gen_digits.go
//go:generate go run gen_cascade.go

//go:embed faces
var faces embed.FS

//go:embed digits/images-idx3-ubyte.gz
var digitImages []byte

//go:embed digits/labels-idx1-ubyte.gz
var digitLabels []byte

// Digits returns the "Digits 0 vs 1" dataset as gzipped MNIST IDX files:
// 500 images of the digit 0 and 500 of the digit 1 from the MNIST training
// set, reduced to 20×20, the size of the images in the deep-learning
// course's digit lab.
func Digits() (images, labels io.Reader) {
	return bytes.NewReader(digitImages), bytes.NewReader(digitLabels)
}

// Icon is the application icon, a 256×256 PNG.
//
//go:embed icon.png
var Icon []byte

// FaceCascade is the face detection cascade "facefinder", 468 decision
// trees of depth 6, copied from the Go module github.com/esimov/pigo v1.4.6
// (MIT licence in pigo/LICENSE). Pass it to faceio.NewDetector.
//
//go:embed pigo/facefinder
var FaceCascade []byte

// Faces returns the default dataset: 19 ORL images (92×112, 8-bit PGM) of
// 3 people, one folder per person, taken at the Olivetti Research
// Laboratory in Cambridge between 1992 and 1994.
func Faces() fs.FS {
	sub, err := fs.Sub(faces, "faces")
	if err != nil {
		panic(err)
	}
	return sub
}
