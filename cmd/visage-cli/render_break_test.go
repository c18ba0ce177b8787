package main

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// trainSmall trains a small model of the given grid size on the built-in
// faces for a few epochs and returns its path.
func trainSmall(t *testing.T, side string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "small.visage")
	code, _, stderr := runCLI("train", "--data", "default-faces", "--out", path,
		"--epochs", "3", "--hidden", "4", "--width", side, "--height", side)
	if code != 0 {
		t.Fatalf("train exited with %d: %s", code, stderr)
	}
	return path
}

// TestRenderModelOnly checks that render with only --model and --out, its
// simplest use, writes the layer views instead of panicking.
func TestRenderModelOnly(t *testing.T) {
	modelPath := trainSmall(t, "8")
	out := filepath.Join(t.TempDir(), "views")
	defer func() {
		if e := recover(); e != nil {
			t.Fatalf("render --model --out panics: %v", e)
		}
	}()
	code, _, stderr := runCLI("render", "--model", modelPath, "--out", out)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	for _, name := range []string{"layer1.png", "layer2.png"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
}

// TestRenderEigenfacesSmallGrid checks that a model of a 3×3 grid gets
// its eigenfaces, with their numbers, and not an image of an error.
func TestRenderEigenfacesSmallGrid(t *testing.T) {
	modelPath := trainSmall(t, "3")
	out := filepath.Join(t.TempDir(), "views")
	code, _, stderr := runCLI("render", "--model", modelPath, "--out", out,
		"--data", "default-faces")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "eigenfaces.csv")); err != nil {
		t.Errorf("eigenfaces.csv not written, so eigenfaces.png shows an "+
			"error: %v", err)
	}
}

// TestRenderScale checks that --scale 2 draws each image about twice as
// wide and as tall, with the same views.
func TestRenderScale(t *testing.T) {
	modelPath := trainSmall(t, "8")
	sizes := map[string][2]image.Point{}
	for i, scale := range []string{"1", "2"} {
		out := filepath.Join(t.TempDir(), "views")
		code, _, stderr := runCLI("render", "--model", modelPath, "--out", out,
			"--data", "default-faces", "--scale", scale)
		if code != 0 {
			t.Fatalf("--scale %s: exit code %d: %s", scale, code, stderr)
		}
		for _, name := range []string{"layer1.png", "layer2.png", "output.png",
			"saliency.png", "confusion.png", "eigenfaces.png"} {
			s := sizes[name]
			s[i] = pngSize(t, filepath.Join(out, name))
			sizes[name] = s
		}
	}
	for name, s := range sizes {
		base, doubled := s[0], s[1]
		if math.Abs(float64(doubled.X)-2*float64(base.X)) > 0.05*float64(doubled.X) ||
			math.Abs(float64(doubled.Y)-2*float64(base.Y)) > 0.05*float64(doubled.Y) {
			t.Errorf("%s is %v at scale 1 and %v at scale 2, want twice as large", name, base, doubled)
		}
	}
}

// pngSize returns the size of the PNG image in the file path.
func pngSize(t *testing.T, path string) image.Point {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return image.Pt(cfg.Width, cfg.Height)
}
