package main

import (
	"fmt"
	"image"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"visage/faceio"
	"visage/model"
	"visage/viz"
)

func render(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("render", stderr)
	modelPath := fs.String("model", "", "model file written by visage-cli train (required)")
	out := fs.String("out", "", "folder to write layer1.png (and output.png with --image) into (required)")
	photo := fs.String("image", "", "photo to classify: also writes output.png, its probability chart")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *modelPath == "":
		return usageError("missing --model: name a model file written by visage-cli train")
	case *out == "":
		return usageError("missing --out: name the folder to write the images into")
	case fs.NArg() > 0:
		return usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	net, p, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	images := map[string]image.Image{
		"layer1.png": viz.Montage(net.Layers[0].W, viz.MontageOptions{
			Layout: layoutOf(net.Grid),
			Title:  fmt.Sprintf("Layer 1 weights (%d units)", len(net.Layers[0].B)),
		}),
	}
	if *photo != "" {
		chart, err := renderOutput(net, p, *photo)
		if err != nil {
			return err
		}
		images["output.png"] = chart
	}

	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	for _, name := range slices.Sorted(maps.Keys(images)) {
		path := filepath.Join(*out, name)
		if err := viz.WritePNG(path, images[name]); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", path)
	}
	return nil
}

// renderOutput draws the probability chart of the model for a photo.
func renderOutput(net *model.Network, p faceio.Pipeline, path string) (image.Image, error) {
	r, err := classifyFile(net, p, newDetector(), path)
	if err != nil {
		return nil, err
	}
	return viz.ProbabilityChart(bars(r.Predictions), viz.ChartOptions{
		Title:     "Output for " + filepath.Base(path),
		Highlight: 0,
	})
}

func layoutOf(g model.Grid) viz.Layout {
	return viz.Layout{Width: g.Width, Height: g.Height, ColumnMajor: g.Order == model.ColumnMajor}
}

func bars(predictions []prediction) []viz.Bar {
	b := make([]viz.Bar, len(predictions))
	for i, p := range predictions {
		b[i] = viz.Bar{Label: p.Label, Probability: p.Probability, Logit: p.Logit}
	}
	return b
}
