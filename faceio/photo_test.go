package faceio

import (
	"context"
	"image"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPhotoCrops(t *testing.T) {
	p := DefaultPipeline()
	face := decodeTestFile(t, builtinFaceFiles(t)[0])
	crops, faces := p.PhotoCrops(face, testDetector(t))
	if faces != 1 || len(crops) != 1 {
		t.Fatalf("PhotoCrops of a built-in face: %d faces, %d crops, want 1 and 1", faces, len(crops))
	}
	if !crops[0].In(face.Bounds()) {
		t.Errorf("crop %v leaves the image %v", crops[0], face.Bounds())
	}

	gradient := randomGray(rand.New(rand.NewPCG(1, 0)), 32, 40)
	crops, faces = p.PhotoCrops(gradient, testDetector(t))
	if faces != 0 || len(crops) != 1 || crops[0] != p.CenterCrop(gradient.Bounds()) {
		t.Errorf("PhotoCrops of noise = %v, %d faces, want the centre crop and 0", crops, faces)
	}
	crops, faces = p.PhotoCrops(face, nil)
	if faces != 0 || crops[0] != p.CenterCrop(face.Bounds()) {
		t.Errorf("PhotoCrops without a detector = %v, %d faces, want the centre crop", crops, faces)
	}
}

// TestLoadFaceCrop loads the built-in faces with face crops: every face is
// found, and a noise image in a person folder loads with a warning.
func TestLoadFaceCrop(t *testing.T) {
	dir := t.TempDir()
	for _, f := range builtinFaceFiles(t) {
		person := filepath.Base(filepath.Dir(f))
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFiles(t, dir, map[string][]byte{person + "/" + filepath.Base(f): data})
	}
	writeFiles(t, dir, map[string][]byte{"s1/noise.png": encodePNG(t, randomGray(rand.New(rand.NewPCG(3, 0)), 92, 112))})

	p := DefaultPipeline()
	p.Crop = CropFace
	if _, err := Load(context.Background(), os.DirFS(dir), LoadOptions{Pipeline: p}); err == nil ||
		!strings.Contains(err.Error(), "needs a Detector") {
		t.Errorf("Load with a face crop and no detector: error %v, want one asking for a Detector", err)
	}
	d, err := Load(context.Background(), os.DirFS(dir), LoadOptions{Pipeline: p, Detector: testDetector(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Faces) != 20 {
		t.Errorf("%d faces loaded, want 20", len(d.Faces))
	}
	var warned []string
	for _, w := range d.Warnings {
		if w.Message == msgNoFaceFound {
			warned = append(warned, w.Path)
		}
	}
	if len(warned) != 1 || warned[0] != "s1/noise.png" {
		t.Errorf("no-face warnings for %q, want only s1/noise.png", warned)
	}
	for _, f := range d.Faces {
		if len(f.Input) != p.Inputs() {
			t.Fatalf("%s: %d inputs, want %d", f.Path, len(f.Input), p.Inputs())
		}
	}
}

func TestArraysRejectFaceCrop(t *testing.T) {
	p := DefaultPipeline()
	p.Crop = CropFace
	_, err := ReadIDX(context.Background(), strings.NewReader(""), strings.NewReader(""), "digits",
		ArrayOptions{Pipeline: p})
	if err == nil || !strings.Contains(err.Error(), "already cropped") {
		t.Errorf("ReadIDX with a face crop: error %v, want one saying arrays are already cropped", err)
	}
}

func TestOpenFolderReportsProgress(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"a/1.png": encodePNG(t, randomGray(rand.New(rand.NewPCG(1, 0)), 20, 20)),
		"a/2.png": encodePNG(t, randomGray(rand.New(rand.NewPCG(2, 0)), 20, 20)),
		"b/1.png": encodePNG(t, randomGray(rand.New(rand.NewPCG(3, 0)), 20, 20)),
	})
	var calls [][2]int
	opt := OpenOptions{LoadOptions: LoadOptions{Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}}}
	d, err := OpenDataset(context.Background(), dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	if d.Pipeline.Width != 23 || d.Pipeline.Height != 28 {
		t.Errorf("folder pipeline grid %d×%d, want the default 23×28", d.Pipeline.Width, d.Pipeline.Height)
	}
	if len(calls) == 0 || calls[len(calls)-1] != [2]int{3, 3} {
		t.Errorf("progress calls %v, want them to end at 3 of 3", calls)
	}
	var _ image.Image = d.Faces[0].Thumbnail
}
