package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"visage/faceio"
	"visage/internal/atomicfile"
	"visage/model"
)

type importFlags struct {
	npz, out, classes, binary string
	activation, output, order string
	crop                      string
	width, height             int
	margin                    float64
	equalize                  bool
}

func parseImportFlags(args []string, stderr io.Writer) (importFlags, error) {
	var f importFlags
	fs := newFlags("import", stderr)
	fs.StringVar(&f.npz, "npz", "", ".npz file of the arrays W1, b1, W2, b2, …, each W "+
		"as inputs × units, as visage-cli export writes them (required)")
	fs.StringVar(&f.out, "out", "", "model file to write (required)")
	fs.IntVar(&f.width, "width", 0, "input grid width in cells (required)")
	fs.IntVar(&f.height, "height", 0, "input grid height in cells (required)")
	fs.StringVar(&f.order, "order", "", "order in which the network's inputs flatten "+
		"the grid: row-major or column-major (default: column-major for a 20×20 grid, "+
		"as in the course's X.npy, else row-major)")
	fs.StringVar(&f.classes, "classes", "", "class names of the outputs, comma-separated, "+
		"in the order of the last W's columns, such as 0,1 (names cannot contain commas)")
	fs.StringVar(&f.binary, "binary", "", "the network has a single sigmoid output: "+
		"the probability that the input is `CLASS`")
	fs.StringVar(&f.activation, "activation", string(model.Sigmoid), "activation of the "+
		"hidden layers: sigmoid, tanh or relu, or one per hidden layer, comma-separated, "+
		"such as relu,tanh")
	fs.StringVar(&f.output, "output", "", "output kind: softmax, one-vs-rest or binary "+
		"(default: binary with --binary, else softmax)")
	fs.StringVar(&f.crop, "crop", string(faceio.CropCenter), "part of each photo the grid is "+
		"taken from: center, or face (around the detected face)")
	fs.Float64Var(&f.margin, "margin", faceio.DefaultMargin, "with --crop face, the fraction "+
		"of the face box added on each side, above 0 and at most 1")
	fs.BoolVar(&f.equalize, "equalize", false, "equalise the histogram of each grid")

	if err := parse(fs, args); err != nil {
		return f, err
	}
	switch {
	case f.npz == "":
		return f, usageError("missing --npz: name the .npz file of weights to import")
	case f.out == "":
		return f, usageError("missing --out: name the model file to write, such as --out m.visage")
	case f.width <= 0 || f.height <= 0:
		return f, usageError(fmt.Sprintf("invalid grid %d×%d: give --width and --height, "+
			"the input grid the network was trained on, such as --width 20 --height 20",
			f.width, f.height))
	case fs.NArg() > 0:
		return f, usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	return f, nil
}

func importWeights(args []string, stdout, stderr io.Writer) error {
	f, err := parseImportFlags(args, stderr)
	if err != nil {
		return err
	}
	opt, err := f.options()
	if err != nil {
		return err
	}
	net, err := readNPZ(f.npz, opt)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(f.out, net.Encode); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	sizes := strings.ReplaceAll(model.FormatSizes(net.Sizes()), ",", "-")
	_, err = fmt.Fprintf(stdout, "wrote %s: %s network, %s hidden units, %s output "+
		"(classes %s)\n", f.out, sizes, activationsText(net.Activations()), net.Output,
		strings.Join(net.Classes, ", "))
	return err
}

// options returns the import options that the flags give.
func (f importFlags) options() (model.ImportOptions, error) {
	p, err := f.pipeline()
	if err != nil {
		return model.ImportOptions{}, err
	}
	output, classes, err := f.outputClasses()
	if err != nil {
		return model.ImportOptions{}, err
	}
	opt := model.ImportOptions{
		Grid:          model.Grid{Width: p.Width, Height: p.Height, Order: model.Order(p.Order)},
		Classes:       classes,
		Output:        output,
		Preprocessing: p.Settings(),
	}
	// The number of hidden layers is known only once the file is read,
	// so the names are checked here and their count against the file by
	// ImportNPZ.
	acts, err := model.ParseActivations(f.activation, len(strings.Split(f.activation, ",")))
	if err != nil {
		return opt, usageError(err.Error())
	}
	if len(acts) == 1 {
		opt.Activation = acts[0]
	} else {
		opt.Activations = acts
	}
	return opt, nil
}

// pipeline returns the preprocessing of the imported model.
func (f importFlags) pipeline() (faceio.Pipeline, error) {
	p := faceio.Pipeline{
		Width: f.width, Height: f.height, Order: faceio.Order(f.order),
		Crop: faceio.Crop(f.crop), Margin: f.margin, Equalize: f.equalize,
	}
	if f.order == "" {
		p.Order = faceio.RowMajor
		if f.width == 20 && f.height == 20 {
			p.Order = faceio.ColumnMajor
		}
	}
	if !(f.margin > 0) {
		return p, usageError(fmt.Sprintf("invalid --margin %v: use a fraction above 0 "+
			"and at most 1, such as %g", f.margin, faceio.DefaultMargin))
	}
	if err := p.Validate(); err != nil {
		return p, usageError(err.Error())
	}
	return p, nil
}

// outputClasses returns the output kind and the class names that the
// flags give.
func (f importFlags) outputClasses() (model.OutputKind, []string, error) {
	var classes []string
	if strings.TrimSpace(f.classes) != "" {
		for _, c := range strings.Split(f.classes, ",") {
			classes = append(classes, strings.TrimSpace(c))
		}
	}
	output := model.OutputKind(f.output)
	switch {
	case f.binary != "" && output != "" && output != model.Binary:
		return "", nil, usageError(fmt.Sprintf("--binary gives a binary output, "+
			"but --output is %q: leave --output out", f.output))
	case f.binary != "" && classes != nil && !slices.Contains(classes, f.binary):
		return "", nil, usageError(fmt.Sprintf("--binary class %q is not one of --classes %s",
			f.binary, f.classes))
	case f.binary != "":
		return model.Binary, []string{f.binary}, nil
	case output == model.Binary && len(classes) != 1:
		return "", nil, usageError("--output binary needs the one class whose " +
			"probability the output is: give --binary CLASS")
	case output == "":
		output = model.Softmax
	case output != model.Softmax && output != model.OneVsRest && output != model.Binary:
		return "", nil, usageError(fmt.Sprintf("unknown --output %q: use softmax, "+
			"one-vs-rest or binary", f.output))
	}
	if classes == nil {
		return "", nil, usageError("missing --classes: name the classes of the outputs, " +
			"comma-separated, such as --classes 0,1")
	}
	return output, classes, nil
}

// readNPZ imports the network of the .npz file at path.
func readNPZ(path string, opt model.ImportOptions) (*model.Network, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open weights: %w", err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("open weights: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("load %s: not a regular file: name an .npz file", path)
	}
	net, err := model.ImportNPZ(file, info.Size(), opt)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return net, nil
}

// activationsText describes the hidden activations, such as "sigmoid" or
// "relu, tanh".
func activationsText(acts []model.Activation) string {
	if len(acts) == 0 {
		return "no"
	}
	names := make([]string, len(acts))
	for i, act := range acts {
		names[i] = string(act)
	}
	if len(slices.Compact(slices.Clone(names))) == 1 {
		return names[0]
	}
	return strings.Join(names, ", ")
}
