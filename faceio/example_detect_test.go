package faceio_test

import (
	"fmt"
	"log"
	"os"

	"visage/faceio"
)

func ExamplePipeline_Locate() {
	// Visage embeds this cascade as assets.FaceCascade.
	cascade, err := os.ReadFile("../assets/pigo/facefinder")
	if err != nil {
		log.Fatal(err)
	}
	d, err := faceio.NewDetector(cascade)
	if err != nil {
		log.Fatal(err)
	}
	img, err := faceio.DecodeFile("../assets/faces/s2/1.pgm")
	if err != nil {
		log.Fatal(err)
	}

	p := faceio.DefaultPipeline()
	p.Crop = faceio.CropFace
	crop, faces := p.Locate(img, d)
	row := p.ApplyRect(img, crop)
	fmt.Println("image", img.Bounds())
	fmt.Println("faces", len(faces), "largest", faces[0].Box)
	fmt.Println("crop ", crop)
	fmt.Println("input", len(row), "values")

	// The ORL images frame a face about as the default margin does, so the
	// face crop of this one is the whole image.

	// Output:
	// image (0,0)-(92,112)
	// faces 1 largest (2,17)-(79,94)
	// crop  (0,0)-(92,112)
	// input 644 values
}
