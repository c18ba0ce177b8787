package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strings"
	"time"

	"gonum.org/v1/gonum/mat"

	"visage/assets"
	"visage/faceio"
	"visage/internal/atomicfile"
	"visage/model"
)

// Names of the built-in datasets in --data.
const (
	defaultFaces  = "default-faces"
	defaultDigits = "default-digits"
)

type trainFlags struct {
	data, out, hidden, binary    string
	crop, order                  string
	activation, output, optim    string
	momentum                     float64
	epochs, batch, width, height int
	seed                         uint64
	rate, l2, validation, margin float64
	json, equalize               bool
}

func parseTrainFlags(args []string, stderr io.Writer) (trainFlags, error) {
	var f trainFlags
	fs := newFlags("train", stderr)
	fs.StringVar(&f.data, "data", defaultFaces, "dataset: a folder with one subfolder of images per person, "+
		"an .npz, an X.npy with y.npy beside it, an MNIST IDX images file with its labels file beside it, "+
		defaultFaces+" or "+defaultDigits)
	fs.StringVar(&f.out, "out", "", "model file to write (required)")
	fs.StringVar(&f.hidden, "hidden", model.FormatSizes(model.DefaultHidden), "hidden layer sizes, comma-separated, such as 25,15")
	fs.StringVar(&f.binary, "binary", "", "train a single sigmoid output answering \"is it `PERSON`?\" instead of a softmax over all people")
	fs.StringVar(&f.activation, "activation", string(model.Sigmoid), "hidden activation: sigmoid, tanh or relu, for all layers or one per layer such as relu,tanh")
	fs.StringVar(&f.output, "output", "", "output layer: softmax (one probability per person, summing to 1), one-vs-rest (one sigmoid per person), "+
		"or binary (one sigmoid, with --binary); default softmax, or binary with --binary")
	fs.StringVar(&f.optim, "optimizer", string(model.Adam), "optimiser: adam, or sgd with --momentum")
	fs.Float64Var(&f.momentum, "momentum", 0.9, "SGD momentum, from 0 to below 1")
	fs.IntVar(&f.epochs, "epochs", 0, "passes over the training images (default: enough for about 2000 optimisation steps, from 100 to 2000)")
	fs.IntVar(&f.batch, "batch", model.DefaultBatchSize, "images per optimisation step")
	fs.IntVar(&f.width, "width", 0, "input grid width in cells (default: 23 for folders, the images' own width for arrays)")
	fs.IntVar(&f.height, "height", 0, "input grid height in cells (default: 28 for folders, the images' own height for arrays)")
	fs.StringVar(&f.crop, "crop", string(faceio.CropCenter), "part of each image the grid is taken from: center, or face (around the detected face)")
	fs.Float64Var(&f.margin, "margin", faceio.DefaultMargin, "with --crop face, the fraction of the face box added on each side, above 0 and at most 1")
	fs.BoolVar(&f.equalize, "equalize", false, "equalise the histogram of each grid")
	fs.StringVar(&f.order, "order", "", "pixel layout of the rows of array files: row-major or column-major "+
		"(default: column-major for rows of 400 values, as in the course's X.npy, else row-major)")
	fs.Uint64Var(&f.seed, "seed", 1, "seed of the weights, the validation split and the sample order")
	fs.Float64Var(&f.rate, "rate", 0, fmt.Sprintf("learning rate (default %g for adam, %g for sgd)", model.DefaultLearningRate, model.DefaultSGDRate))
	fs.Float64Var(&f.l2, "l2", model.DefaultL2, "L2 weight penalty l2/2·Σw²")
	fs.Float64Var(&f.validation, "validation", 0.2, "share of each person's images held out for validation, from 0 to below 1")
	fs.BoolVar(&f.json, "json", false, "print the result as JSON on standard output")

	if err := parse(fs, args); err != nil {
		return f, err
	}
	rateSet := false
	fs.Visit(func(fl *flag.Flag) { rateSet = rateSet || fl.Name == "rate" })
	switch {
	case f.out == "":
		return f, usageError("missing --out: name the model file to write, such as --out faces.visage")
	case fs.NArg() > 0:
		return f, usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case !(f.validation >= 0 && f.validation < 1):
		return f, usageError(fmt.Sprintf("invalid --validation %v: use a fraction from 0 to below 1, such as 0.2", f.validation))
	case f.epochs < 0 || f.batch <= 0:
		return f, usageError("--epochs and --batch must be positive")
	case rateSet && !(f.rate > 0) || math.IsNaN(f.rate) || math.IsInf(f.rate, 0):
		return f, usageError(fmt.Sprintf("invalid --rate %v: use a positive learning rate, such as %g", f.rate, model.DefaultLearningRate))
	case f.optim != string(model.Adam) && f.optim != string(model.SGD):
		return f, usageError(fmt.Sprintf("invalid --optimizer %q: use adam or sgd", f.optim))
	case !(f.momentum >= 0 && f.momentum < 1):
		return f, usageError(fmt.Sprintf("invalid --momentum %v: use a number from 0 to below 1, such as 0.9", f.momentum))
	case !(f.l2 >= 0) || math.IsInf(f.l2, 0):
		return f, usageError(fmt.Sprintf("invalid --l2 %v: use 0 or a positive penalty, such as %g", f.l2, model.DefaultL2))
	}
	return f, nil
}

// trainResult is the summary that train prints with --json.
type trainResult struct {
	Model              string        `json:"model"`
	Classes            []string      `json:"classes"`
	Hidden             []int         `json:"hidden"`
	Output             string        `json:"output"`
	Activations        []string      `json:"activations"`
	Optimizer          string        `json:"optimizer"`
	Epochs             int           `json:"epochs"`
	TrainSamples       int           `json:"train_samples"`
	ValidationSamples  int           `json:"validation_samples"`
	TrainLoss          float64       `json:"train_loss"`
	TrainAccuracy      float64       `json:"train_accuracy"`
	ValidationLoss     *float64      `json:"validation_loss"`
	ValidationAccuracy *float64      `json:"validation_accuracy"`
	Seconds            float64       `json:"seconds"`
	Skipped            []skippedFile `json:"skipped"`
	Warnings           []warning     `json:"warnings"`
}

type warning struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

type skippedFile struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

func train(args []string, stdout, stderr io.Writer) error {
	f, err := parseTrainFlags(args, stderr)
	if err != nil {
		return err
	}
	hidden, err := model.ParseSizes(f.hidden)
	if err != nil {
		return usageError(err.Error())
	}
	p, err := f.pipeline()
	if err != nil {
		return err
	}
	if err := atomicfile.CheckWritable(f.out); err != nil {
		return fmt.Errorf("cannot save the model: %w", err)
	}
	if p.Width > 0 && p.Height > 0 {
		// Fail before loading: the classes are not known yet, but there
		// are at least two outputs.
		if err := model.CheckSizes(append(append([]int{p.Inputs()}, hidden...), 2)); err != nil {
			return usageError(err.Error())
		}
	}
	var detector *faceio.Detector
	if p.Crop == faceio.CropFace {
		detector = newDetector()
	}
	data, err := loadData(f.data, faceio.OpenOptions{
		LoadOptions: faceio.LoadOptions{Pipeline: p, Detector: detector},
		Order:       faceio.ArrayOrder(f.order),
	})
	if err != nil {
		return err
	}
	result := trainResult{Model: f.out, Hidden: hidden, Classes: data.Classes, Skipped: []skippedFile{}}
	result.Warnings = []warning{}
	for _, s := range data.Skipped {
		result.Skipped = append(result.Skipped, skippedFile{s.Path, s.Err.Error()})
		fmt.Fprintf(stderr, "skipped %s: %v\n", s.Path, s.Err)
	}
	for _, w := range data.Warnings {
		result.Warnings = append(result.Warnings, warning{w.Path, w.Message})
		fmt.Fprintf(stderr, "warning: %s: %s\n", w.Path, w.Message)
	}

	net, all, err := newNetwork(data, hidden, f)
	if err != nil {
		return err
	}
	trainSet, validation := model.SplitData(all, f.validation, f.seed)
	result.Output, result.Classes = string(net.Output), net.Classes
	result.TrainSamples, result.ValidationSamples = trainSet.Len(), validation.Len()

	if f.epochs == 0 {
		f.epochs = model.AutoEpochs(trainSet.Len(), f.batch)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	opt := model.TrainOptions{Epochs: f.epochs, BatchSize: f.batch, LearningRate: f.rate, L2: f.l2, Seed: f.seed,
		Optimizer: model.Optimizer(f.optim)}
	if opt.Optimizer == model.SGD {
		opt.Momentum = f.momentum
	}
	result.Optimizer = f.optim
	for _, a := range net.Activations() {
		result.Activations = append(result.Activations, string(a))
	}
	progress, err := model.Train(ctx, net, trainSet, validation, opt, progressPrinter(stderr, f.epochs))
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted after epoch %d of %d: %s was not written", progress.Epoch, f.epochs, f.out)
	}
	if err != nil {
		return fmt.Errorf("%w (%s was not written)", err, f.out)
	}
	result.Seconds = time.Since(start).Seconds()
	if err := atomicfile.Write(f.out, net.Encode); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	fillMetrics(&result, progress)
	return printTrainResult(stdout, result, f.json)
}

// pipeline returns the preprocessing the flags ask for. A zero width or
// height is left for the dataset to choose.
func (f trainFlags) pipeline() (faceio.Pipeline, error) {
	p := faceio.Pipeline{
		Width: f.width, Height: f.height, Order: faceio.RowMajor,
		Crop: faceio.Crop(f.crop), Margin: f.margin, Equalize: f.equalize,
	}
	if !(f.margin > 0) {
		return p, usageError(fmt.Sprintf("invalid --margin %v: use a fraction above 0 and at most 1, such as %g",
			f.margin, faceio.DefaultMargin))
	}
	if f.width < 0 || f.height < 0 {
		return p, usageError(fmt.Sprintf("invalid grid %d×%d: use positive numbers of cells, "+
			"or 0 for the dataset's own size", f.width, f.height))
	}
	// Validate the other settings with a stand-in for a grid size the
	// dataset will choose.
	check := p
	check.Width, check.Height = max(p.Width, 1), max(p.Height, 1)
	if err := check.Validate(); err != nil {
		return p, usageError(err.Error())
	}
	switch faceio.ArrayOrder(f.order) {
	case faceio.ArrayAuto, faceio.ArrayRowMajor, faceio.ArrayColumnMajor:
	default:
		return p, usageError(fmt.Sprintf("invalid --order %q: use row-major or column-major", f.order))
	}
	return p, nil
}

// loadData opens a built-in dataset or the one at a path.
func loadData(name string, opt faceio.OpenOptions) (*faceio.Dataset, error) {
	ctx := context.Background()
	var data *faceio.Dataset
	var err error
	switch name {
	case defaultFaces:
		def := faceio.DefaultPipeline()
		if opt.Pipeline.Width == 0 {
			opt.Pipeline.Width = def.Width
		}
		if opt.Pipeline.Height == 0 {
			opt.Pipeline.Height = def.Height
		}
		data, err = faceio.Load(ctx, assets.Faces(), opt.LoadOptions)
	case defaultDigits:
		images, labels := assets.Digits()
		arrays := faceio.ArrayOptions{Pipeline: opt.Pipeline, Order: opt.Order}
		data, err = faceio.ReadIDX(ctx, images, labels, "Digits 0 vs 1", arrays)
	default:
		data, err = faceio.OpenDataset(ctx, name, opt)
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	return data, nil
}

// newNetwork builds the network the flags describe for data, and the
// labelled samples it trains on.
func newNetwork(data *faceio.Dataset, hidden []int, f trainFlags) (*model.Network, model.Data, error) {
	p := data.Pipeline
	cfg := model.Config{
		Grid:          model.Grid{Width: p.Width, Height: p.Height, Order: model.Order(p.Order)},
		Hidden:        hidden,
		Classes:       data.Classes,
		Seed:          f.seed,
		Preprocessing: p.Settings(),
	}
	acts, err := model.ParseActivations(f.activation, len(hidden))
	if err != nil {
		return nil, model.Data{}, usageError(err.Error())
	}
	cfg.Activations = acts
	labels := data.Labels()
	switch output := model.OutputKind(f.output); {
	case f.binary != "" && (output == "" || output == model.Binary):
		positive, err := model.BinaryLabels(data.Classes, labels, f.binary)
		if err != nil {
			return nil, model.Data{}, usageError(err.Error())
		}
		cfg.Output, cfg.Classes, labels = model.Binary, []string{f.binary}, positive
	case f.binary != "" || output == model.Binary:
		return nil, model.Data{}, usageError("a binary output needs --binary PERSON and no other --output")
	default:
		cfg.Output = output
	}
	net, err := model.New(cfg)
	if err != nil {
		return nil, model.Data{}, err
	}
	x := mat.NewDense(len(labels), p.Inputs(), data.Inputs())
	return net, model.Data{X: x, Y: labels}, nil
}

// progressPrinter prints a line about every tenth of the run.
func progressPrinter(w io.Writer, epochs int) model.Recorder {
	every := max(1, epochs/10)
	return model.RecorderFunc(func(p model.Progress) error {
		if p.Epoch%every == 0 || p.Epoch == p.Epochs {
			fmt.Fprintf(w, "epoch %d/%d: loss %.4f, training accuracy %.3f, validation accuracy %.3f\n",
				p.Epoch, p.Epochs, p.TrainLoss, p.TrainAccuracy, p.ValidationAccuracy)
		}
		return nil
	})
}

func fillMetrics(r *trainResult, p model.Progress) {
	r.Epochs, r.TrainLoss, r.TrainAccuracy = p.Epoch, p.TrainLoss, p.TrainAccuracy
	if !math.IsNaN(p.ValidationAccuracy) {
		r.ValidationLoss, r.ValidationAccuracy = &p.ValidationLoss, &p.ValidationAccuracy
	}
}

func printTrainResult(w io.Writer, r trainResult, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(w, "trained %d epochs on %d images in %.1f s (%s output: %s)\n",
		r.Epochs, r.TrainSamples, r.Seconds, r.Output, strings.Join(r.Classes, ", "))
	fmt.Fprintf(w, "training accuracy %.3f\n", r.TrainAccuracy)
	if r.ValidationAccuracy != nil {
		fmt.Fprintf(w, "validation accuracy %.3f on %d images\n", *r.ValidationAccuracy, r.ValidationSamples)
	}
	_, err := fmt.Fprintf(w, "wrote %s\n", r.Model)
	return err
}
