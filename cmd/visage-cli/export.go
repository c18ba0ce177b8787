package main

import (
	"fmt"
	"io"
	"strings"

	"visage/faceio"
	"visage/internal/atomicfile"
	"visage/model"
)

// exportWeights writes the weights and biases of a model file as an .npz.
func exportWeights(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	modelPath := fs.String("model", "", "model file written by visage-cli train or "+
		"import (required)")
	out := fs.String("out", "", ".npz file to write the arrays W1, b1, W2, b2, … into, "+
		"each W as inputs × units (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *modelPath == "":
		return usageError("missing --model: name a model file written by visage-cli train")
	case *out == "":
		return usageError("missing --out: name the .npz file to write, such as --out weights.npz")
	case fs.NArg() > 0:
		return usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	net, p, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(*out, net.ExportNPZ); err != nil {
		return fmt.Errorf("save weights: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %s\n", *out, arrayShapes(net))
	_, err = fmt.Fprintf(stdout, "not stored in it: %s\n", importSettings(net, p))
	return err
}

// arrayShapes lists the arrays that ExportNPZ writes for net with their
// shapes, such as "W1 (400, 25), b1 (25,)".
func arrayShapes(net *model.Network) string {
	var arrays []string
	for k, l := range net.Layers {
		rows, units := l.W.Dims()
		arrays = append(arrays, fmt.Sprintf("W%d (%d, %d), b%d (%d,)", k+1, rows, units,
			k+1, units))
	}
	return strings.Join(arrays, ", ")
}

// importSettings returns the flags of visage-cli import that rebuild net,
// whose preprocessing is p, from its .npz.
//
// NOTE: class names are not quoted, so a name that contains a space needs
// quotes in a shell, and one that contains a comma cannot be given.
func importSettings(net *model.Network, p faceio.Pipeline) string {
	activations := make([]string, len(net.Layers)-1)
	for i, act := range net.Activations() {
		activations[i] = string(act)
	}
	settings := fmt.Sprintf("--width %d --height %d --order %s", net.Grid.Width,
		net.Grid.Height, net.Grid.Order)
	if len(activations) > 0 {
		settings += " --activation " + strings.Join(activations, ",")
	}
	if p.Crop == faceio.CropFace {
		margin := p.Margin
		if margin == 0 {
			margin = faceio.DefaultMargin
		}
		settings += fmt.Sprintf(" --crop face --margin %g", margin)
	}
	if p.Equalize {
		settings += " --equalize"
	}
	if net.Output == model.Binary {
		return settings + " --binary " + net.Classes[0]
	}
	return settings + " --output " + string(net.Output) + " --classes " +
		strings.Join(net.Classes, ",")
}
