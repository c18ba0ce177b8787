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

// classification is the result for one file: the faces found, the crop
// the grid was taken from as [x0, y0, x1, y1] in pixels, and the
// predictions, most probable first; or the reason it could not be
// classified.
type classification struct {
	File        string       `json:"file"`
	Faces       int          `json:"faces"`
	Crop        []int        `json:"crop,omitempty"`
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
	detector := newDetector()
	for _, path := range fs.Args() {
		r, err := classifyFile(net, p, detector, path)
		if err != nil {
			r.Error = err.Error()
			failed++
			fmt.Fprintln(stderr, "visage-cli classify:", err)
		}
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

// classifyFile decodes the photo at path, takes the grid from its largest
// face, or its centre when none is found, and runs the network on it.
func classifyFile(net *model.Network, p faceio.Pipeline, d *faceio.Detector, path string) (classification, error) {
	r := classification{File: path}
	img, err := faceio.DecodeFile(path)
	if err != nil {
		return r, err
	}
	crops, faces := p.PhotoCrops(img, d)
	c := crops[0]
	r.Faces, r.Crop = faces, []int{c.Min.X, c.Min.Y, c.Max.X, c.Max.Y}
	scores := net.Rank(p.ApplyRect(img, c))
	for _, s := range scores {
		if math.IsNaN(s.Probability) || math.IsNaN(s.Logit) {
			return r, fmt.Errorf("classify %s: the model's output is not a number: its weights are too large for this input", path)
		}
	}
	r.Predictions = predictions(scores)
	return r, nil
}

func predictions(scores []model.Score) []prediction {
	out := make([]prediction, len(scores))
	for i, s := range scores {
		out[i] = prediction{s.Label, s.Probability, s.Logit}
	}
	return out
}

func facesText(faces int) string {
	switch faces {
	case 0:
		return "no face found: the centre was used"
	case 1:
		return "1 face"
	}
	return fmt.Sprintf("%d faces: the largest was used", faces)
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
		fmt.Fprintf(w, "%s (%s)\n", r.File, facesText(r.Faces))
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
