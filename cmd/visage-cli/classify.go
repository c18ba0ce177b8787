package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"visage/faceio"
	"visage/model"
)

type prediction struct {
	Label       string  `json:"label"`
	Probability float64 `json:"probability"`
	Logit       float64 `json:"logit"`
}

type classification struct {
	File        string       `json:"file"`
	Predictions []prediction `json:"predictions"`
}

func classify(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("classify", stderr)
	modelPath := fs.String("model", "", "model file written by visage-cli train or the app (required)")
	asJSON := fs.Bool("json", false, "print the result as JSON on standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *modelPath == "" {
		return usageError("missing --model: name a model file written by visage-cli train")
	}
	if fs.NArg() == 0 {
		return usageError("no images: name one or more image files after the flags")
	}
	net, p, err := loadModel(*modelPath)
	if err != nil {
		return err
	}

	results := []classification{}
	for _, path := range fs.Args() {
		scores, err := classifyFile(net, p, path)
		if err != nil {
			return err
		}
		results = append(results, classification{File: path, Predictions: predictions(scores)})
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(results)
	}
	return printClassifications(stdout, results)
}

// loadModel reads a model file and the preprocessing that its inputs need.
func loadModel(path string) (*model.Network, faceio.Pipeline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, faceio.Pipeline{}, fmt.Errorf("open model: %w", err)
	}
	defer f.Close()
	net, err := model.Decode(bufio.NewReader(f))
	if err != nil {
		return nil, faceio.Pipeline{}, fmt.Errorf("load %s: %w", path, err)
	}
	g := net.Grid
	p, err := faceio.NewPipeline(g.Width, g.Height, string(g.Order), net.Preprocessing)
	if err != nil {
		return nil, faceio.Pipeline{}, fmt.Errorf("load %s: %w", path, err)
	}
	return net, p, nil
}

func classifyFile(net *model.Network, p faceio.Pipeline, path string) ([]model.Score, error) {
	img, err := faceio.DecodeFile(path)
	if err != nil {
		return nil, err
	}
	return net.Rank(p.Apply(img)), nil
}

func predictions(scores []model.Score) []prediction {
	out := make([]prediction, len(scores))
	for i, s := range scores {
		out[i] = prediction{s.Label, s.Probability, s.Logit}
	}
	return out
}

func printClassifications(w io.Writer, results []classification) error {
	for _, r := range results {
		fmt.Fprintf(w, "%s\n", r.File)
		for i, p := range r.Predictions {
			if i == 5 {
				fmt.Fprintf(w, "  … %d more\n", len(r.Predictions)-i)
				break
			}
			fmt.Fprintf(w, "  %-24s p=%.4f  z=%+.3f\n", p.Label, p.Probability, p.Logit)
		}
	}
	return nil
}
