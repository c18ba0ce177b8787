package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/gonum/mat"

	"visage/faceio"
	"visage/model"
)

// Output choices of the network settings.
const (
	outputSoftmax   = "Softmax: one probability per class, summing to 1"
	outputOneVsRest = "One-vs-rest: one sigmoid per class"
	outputBinary    = "Binary: one sigmoid, \"is it …?\""
)

var outputKinds = map[string]model.OutputKind{
	outputSoftmax: model.Softmax, outputOneVsRest: model.OneVsRest, outputBinary: model.Binary,
}

// networkSettings are the controls of the network and training settings
// beyond the hidden layers and epochs, shown in a dialog.
type networkSettings struct {
	activation *widget.Entry
	output     *widget.Select
	positive   *widget.Select // the class a binary network recognises
	optimizer  *widget.Select
	rate       *widget.Entry
	batch      *widget.Entry
	l2         *widget.Entry
	seed       *widget.Entry
	validation *widget.Entry
}

func newNetworkSettings() *networkSettings {
	s := &networkSettings{
		activation: widget.NewEntry(),
		output:     widget.NewSelect([]string{outputSoftmax, outputOneVsRest, outputBinary}, nil),
		positive:   widget.NewSelect(nil, nil),
		optimizer:  widget.NewSelect([]string{"Adam", "SGD with momentum 0.9"}, nil),
		rate:       widget.NewEntry(),
		batch:      widget.NewEntry(),
		l2:         widget.NewEntry(),
		seed:       widget.NewEntry(),
		validation: widget.NewEntry(),
	}
	s.activation.SetText(string(model.Sigmoid))
	s.activation.SetPlaceHolder("sigmoid, tanh or relu; or one per layer: relu,tanh")
	s.output.SetSelected(outputSoftmax)
	s.optimizer.SetSelected("Adam")
	s.rate.SetPlaceHolder(fmt.Sprintf("%g for Adam, %g for SGD", model.DefaultLearningRate, model.DefaultSGDRate))
	s.batch.SetText(strconv.Itoa(model.DefaultBatchSize))
	s.l2.SetText(strconv.FormatFloat(model.DefaultL2, 'g', -1, 64))
	s.seed.SetText("1")
	s.validation.SetText(strconv.FormatFloat(validationFraction, 'g', -1, 64))
	return s
}

// setClasses offers the classes of a new dataset for a binary network.
func (s *networkSettings) setClasses(classes []string) {
	s.positive.Options = classes
	if !contains(classes, s.positive.Selected) && len(classes) > 0 {
		s.positive.SetSelected(classes[0])
	}
	s.positive.Refresh()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// show opens the settings in a dialog over win.
func (s *networkSettings) show(win fyne.Window) {
	activation := widget.NewFormItem("Hidden activation", s.activation)
	activation.HintText = "sigmoid, tanh or relu, or one per hidden layer such as relu,tanh"
	form := widget.NewForm(
		activation,
		widget.NewFormItem("Output", s.output),
		widget.NewFormItem("Class for binary", s.positive),
		widget.NewFormItem("Optimiser", s.optimizer),
		widget.NewFormItem("Learning rate", s.rate),
		widget.NewFormItem("Batch size", s.batch),
		widget.NewFormItem("L2 penalty", s.l2),
		widget.NewFormItem("Seed", s.seed),
		widget.NewFormItem("Validation share", s.validation),
	)
	d := dialog.NewCustom("Network and training", "Close", form, win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// design is a network and the way to train it, read from the controls.
type design struct {
	hidden     []int
	acts       []model.Activation
	output     model.OutputKind
	positive   string // the class a Binary network recognises
	opt        model.TrainOptions
	validation float64
}

// read returns the design the controls describe, with hidden and epochs
// from the main window, or an error naming the first invalid setting.
func (s *networkSettings) read(hiddenText, epochsText string) (design, error) {
	var d design
	var err error
	if d.hidden, err = model.ParseSizes(hiddenText); err != nil {
		return d, err
	}
	if d.acts, err = model.ParseActivations(s.activation.Text, len(d.hidden)); err != nil {
		return d, err
	}
	d.output, d.positive = outputKinds[s.output.Selected], s.positive.Selected
	if d.output == model.Binary && d.positive == "" {
		return d, fmt.Errorf("choose the class a binary network recognises")
	}
	if d.opt.Epochs, err = positiveInt("epoch count", epochsText); err != nil {
		return d, err
	}
	if d.opt.BatchSize, err = positiveInt("batch size", s.batch.Text); err != nil {
		return d, err
	}
	d.opt.Optimizer = model.Adam
	if strings.HasPrefix(s.optimizer.Selected, "SGD") {
		d.opt.Optimizer, d.opt.Momentum = model.SGD, 0.9
	}
	return d, s.readNumbers(&d)
}

// readNumbers reads the learning rate, L2 penalty, seed and validation
// share into d.
func (s *networkSettings) readNumbers(d *design) error {
	var err error
	if strings.TrimSpace(s.rate.Text) != "" {
		if d.opt.LearningRate, err = number("learning rate", s.rate.Text, 0, false); err != nil {
			return err
		}
	}
	if d.opt.L2, err = number("L2 penalty", s.l2.Text, 0, true); err != nil {
		return err
	}
	if d.validation, err = number("validation share", s.validation.Text, 0, true); err != nil {
		return err
	}
	if d.validation >= 1 {
		return fmt.Errorf("invalid validation share %q: enter a fraction below 1, such as 0.2", s.validation.Text)
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(s.seed.Text), 10, 64)
	if err != nil {
		return fmt.Errorf("invalid seed %q: enter a whole number, such as 1", s.seed.Text)
	}
	d.opt.Seed = seed
	return nil
}

func positiveInt(name, text string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid %s %q: enter a positive whole number", name, text)
	}
	return n, nil
}

// number parses a finite number above lo, or equal to lo when orEqual.
func number(name, text string, lo float64, orEqual bool) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	finite := err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
	ok := finite && (v > lo || orEqual && v == lo)
	if !ok {
		return 0, fmt.Errorf("invalid %s %q: enter a number of at least %g", name, text, lo)
	}
	return v, nil
}

// buildNetwork returns an untrained network of design d for data, with the
// labelled samples it trains on: class indices, or 1 and 0 for a binary
// network.
func buildNetwork(data *faceio.Dataset, d design, seed uint64) (*model.Network, model.Data, error) {
	p := data.Pipeline
	cfg := model.Config{
		Grid:          model.Grid{Width: p.Width, Height: p.Height, Order: model.Order(p.Order)},
		Hidden:        d.hidden,
		Activations:   d.acts,
		Classes:       data.Classes,
		Output:        d.output,
		Seed:          seed,
		Preprocessing: p.Settings(),
	}
	labels := data.Labels()
	if d.output == model.Binary {
		binary, err := model.BinaryLabels(data.Classes, labels, d.positive)
		if err != nil {
			return nil, model.Data{}, err
		}
		cfg.Classes, labels = []string{d.positive}, binary
	}
	net, err := model.New(cfg)
	if err != nil {
		return nil, model.Data{}, err
	}
	x := mat.NewDense(len(labels), p.Inputs(), data.Inputs())
	return net, model.Data{X: x, Y: labels}, nil
}

// defaultDesign is the network Visage starts from.
func defaultDesign() design {
	return design{
		hidden: model.DefaultHidden,
		acts:   []model.Activation{model.Sigmoid},
		output: model.Softmax,
	}
}
