package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"visage/model"
	"visage/viz"
)

func render(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("render", stderr)
	modelPath := fs.String("model", "", "model file written by visage-cli train or the app (required)")
	out := fs.String("out", "", "folder to write layer1.png (and output.png with --image) into (required)")
	image := fs.String("image", "", "photo to classify: also writes output.png, its probability chart")
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
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}

	montage := viz.Montage(net.Layers[0].W, viz.MontageOptions{
		Layout: layoutOf(net.Grid),
		Title:  fmt.Sprintf("Layer 1 weights (%d units)", len(net.Layers[0].B)),
	})
	written := []string{filepath.Join(*out, "layer1.png")}
	if err := viz.WritePNG(written[0], montage); err != nil {
		return err
	}
	if *image != "" {
		scores, err := classifyFile(net, p, *image)
		if err != nil {
			return err
		}
		chart, err := viz.ProbabilityChart(bars(scores), viz.ChartOptions{
			Title:     "Output for " + filepath.Base(*image),
			Highlight: 0,
		})
		if err != nil {
			return err
		}
		written = append(written, filepath.Join(*out, "output.png"))
		if err := viz.WritePNG(written[1], chart); err != nil {
			return err
		}
	}
	for _, path := range written {
		fmt.Fprintf(stdout, "wrote %s\n", path)
	}
	return nil
}

func layoutOf(g model.Grid) viz.Layout {
	return viz.Layout{Width: g.Width, Height: g.Height, ColumnMajor: g.Order == model.ColumnMajor}
}

func bars(scores []model.Score) []viz.Bar {
	b := make([]viz.Bar, len(scores))
	for i, s := range scores {
		b[i] = viz.Bar{Label: s.Label, Probability: s.Probability, Logit: s.Logit}
	}
	return b
}
