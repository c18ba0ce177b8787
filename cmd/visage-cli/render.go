package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"visage/faceio"
	"visage/model"
	"visage/ui/views"
)

func render(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("render", stderr)
	modelPath := fs.String("model", "", "model file written by visage-cli train (required)")
	out := fs.String("out", "", "folder to write the views into, as PNG, CSV and SVG (required)")
	photo := fs.String("image", "", "photo to explain: also writes its output, saliency and layer-2 views")
	dataName := fs.String("data", "", "faces to evaluate on: also writes the confusion matrix, ROC curves and eigenfaces; "+
		"a folder, a dataset file, "+defaultFaces+" or "+defaultDigits)
	unit := fs.String("unit", "2:0", "the unit the layer-2 view explains, as LAYER:UNIT counting layers from 1")
	scale := fs.Float64("scale", 1, "image pixels per point of the PNG images, from 1 to 4: 2 draws them twice as "+
		"large and as sharp, for HiDPI screens and print")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !(*scale >= 1 && *scale <= 4) {
		return usageError(fmt.Sprintf("invalid --scale %v: give a number from 1 to 4, such as 2", *scale))
	}
	switch {
	case *modelPath == "":
		return usageError("missing --model: name a model file written by visage-cli train")
	case *out == "":
		return usageError("missing --out: name the folder to write the images into")
	case fs.NArg() > 0:
		return usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	chosen, err := parseUnit(*unit)
	if err != nil {
		return err
	}
	net, p, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	s := views.State{Net: net, Layer2: chosen, Scale: *scale,
		Attribution: views.Attribution{Method: views.MethodGradient, Class: -1}}
	if *dataName != "" {
		if s.Data, err = loadData(*dataName, faceio.OpenOptions{LoadOptions: faceio.LoadOptions{Pipeline: p}}); err != nil {
			return err
		}
		s.Fits = true
	}
	if *photo != "" {
		if s.Face, err = photoFace(p, *photo); err != nil {
			return err
		}
	} else if s.Data != nil && len(s.Data.Faces) > 0 {
		f := s.Data.Faces[0]
		s.Face = &views.Face{Title: f.Path, Input: f.Input}
	}
	return writeViews(s, *out, stdout)
}

// parseUnit reads a unit given as LAYER:UNIT, layers counted from 1.
func parseUnit(s string) (views.Unit, error) {
	layer, unit, ok := strings.Cut(s, ":")
	l, err1 := strconv.Atoi(layer)
	u, err2 := strconv.Atoi(unit)
	if !ok || err1 != nil || err2 != nil || l < 2 || u < 0 {
		return views.Unit{}, usageError(fmt.Sprintf("invalid --unit %q: write LAYER:UNIT with LAYER ≥ 2, such as 2:0", s))
	}
	return views.Unit{Layer: l - 1, Unit: u, Compare: -1}, nil
}

// photoFace decodes a photo and cuts the network's input grid from its
// largest face, or from its centre when none is found.
func photoFace(p faceio.Pipeline, path string) (*views.Face, error) {
	img, err := faceio.DecodeFile(path)
	if err != nil {
		return nil, err
	}
	crops, _ := p.PhotoCrops(img, newDetector())
	return &views.Face{Title: filepath.Base(path), Input: p.ApplyRect(img, crops[0]), Photo: img, Crop: crops[0]}, nil
}

// writeViews writes every view that s has the data for into the folder out.
func writeViews(s views.State, out string, stdout io.Writer) error {
	type named struct {
		name string
		r    views.Rendering
	}
	all := []named{{"layer1", views.Layer1(s.Net, false, "", 0, s.Scale)}}
	if len(s.Net.Layers) > 1 {
		if s.Layer2.Layer >= len(s.Net.Layers) || s.Layer2.Unit >= len(s.Net.Layers[s.Layer2.Layer].B) {
			return usageError(fmt.Sprintf("--unit %d:%d is not a unit of this %s network",
				s.Layer2.Layer+1, s.Layer2.Unit, describe(s.Net)))
		}
		all = append(all, named{"layer2", views.Layer2(s, s.Layer2)})
	}
	if s.Face != nil {
		scores := s.Net.Rank(s.Face.Input)
		all = append(all, named{"output", views.Output(s.Net, scores, "class", s.Face.Title, s.Scale)},
			named{"saliency", views.Saliency(s)})
	}
	if s.Data != nil {
		all = append(all, named{"confusion", views.Confusion(s)},
			named{"eigenfaces", views.Eigenfaces(&views.EigenCache{}, s)})
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	for _, v := range all {
		for _, ext := range []string{".png", ".csv", ".svg"} {
			if ext == ".csv" && v.r.CSV == nil || ext == ".svg" && v.r.Plot == nil && v.r.SVG == nil {
				continue
			}
			path, err := views.Write(filepath.Join(out, v.name+ext), v.r, v.name)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s\n", path)
		}
	}
	return nil
}

// describe names the layer sizes of a network, such as 400-25-15-1.
func describe(net *model.Network) string {
	sizes := net.Sizes()
	text := make([]string, len(sizes))
	for i, n := range sizes {
		text[i] = strconv.Itoa(n)
	}
	return strings.Join(text, "-")
}
