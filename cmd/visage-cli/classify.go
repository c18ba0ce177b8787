package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"

	"visage/faceio"
	"visage/model"
)

type prediction struct {
	Label       string  `json:"label"`
	Probability float64 `json:"probability"`
	Logit       float64 `json:"logit"`
}

// classification is the result for one file: its predictions, most
// probable first, or the reason it could not be classified.
type classification struct {
	File        string       `json:"file"`
	Predictions []prediction `json:"predictions,omitempty"`
	Error       string       `json:"error,omitempty"`
}

func classify(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("classify", stderr)
	modelPath := fs.String("model", "", "model file written by visage-cli train (required)")
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
	failed := 0
	for _, path := range fs.Args() {
		r := classification{File: path}
		scores, err := classifyFile(net, p, path)
		if err != nil {
			r.Error = err.Error()
			failed++
			fmt.Fprintln(stderr, "visage-cli classify:", err)
		}
		r.Predictions = predictions(scores)
		results = append(results, r)
	}
	if err := printClassifications(stdout, results, *asJSON); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d images could not be classified", failed, len(results))
	}
	return nil
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
	scores := net.Rank(p.Apply(img))
	for _, s := range scores {
		if math.IsNaN(s.Probability) || math.IsNaN(s.Logit) {
			return nil, fmt.Errorf("classify %s: the model's output is not a number: its weights are too large for this input", path)
		}
	}
	return scores, nil
}

func predictions(scores []model.Score) []prediction {
	out := make([]prediction, len(scores))
	for i, s := range scores {
		out[i] = prediction{s.Label, s.Probability, s.Logit}
	}
	return out
}

func printClassifications(w io.Writer, results []classification, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(results)
	}
	for _, r := range results {
		if r.Error != "" {
			continue
		}
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
