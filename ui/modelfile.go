package ui

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"visage/faceio"
	"visage/internal/atomicfile"
	"visage/model"
)

// modelMagic starts every model file; a dropped file that starts with it
// is opened as a model.
var modelMagic = []byte("VISAGEMF")

// isModelFile reports whether the regular file at path starts like a
// model file.
func isModelFile(path string) bool {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(modelMagic))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, modelMagic)
}

// readModel decodes the model file at path and the preprocessing its
// inputs need.
func readModel(path string) (*model.Network, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	net, err := model.Decode(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	g := net.Grid
	if _, err := faceio.NewPipeline(g.Width, g.Height, string(g.Order), net.Preprocessing); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return net, nil
}

// openModel loads a model file on another goroutine and shows it. A file
// that cannot be read leaves the network on screen as it was.
func (v *App) openModel(path string) {
	if v.cancel != nil {
		dialog.ShowInformation("Training is running", "Stop training before opening a model.", v.win)
		return
	}
	go func() {
		net, err := readModel(path)
		v.do(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("could not open the model: %w", err), v.win)
				return
			}
			v.modelLoaded(net, filepath.Base(path))
		})
	}()
}

// modelLoaded puts a loaded network on screen in place of the current one.
func (v *App) modelLoaded(net *model.Network, name string) {
	v.clearSelection()
	v.history, v.snapshots, v.validation = nil, nil, nil
	sizes := net.Sizes()
	v.hidden.SetText(model.FormatSizes(sizes[1 : len(sizes)-1])) // the design on screen is the model's
	v.showNetwork(net)
	text := fmt.Sprintf("Opened %s: %s network over %d classes on a %d×%d grid.",
		name, describe(net), len(net.Classes), net.Grid.Width, net.Grid.Height)
	if !v.fitsData(net) {
		text += " The data on the left was prepared differently, so drop photos to classify them."
	}
	v.status.SetText(text)
}

// describe names a network's layer sizes, activations and output.
func describe(net *model.Network) string {
	acts := net.Activations()
	s := fmt.Sprint(net.Inputs())
	for i, l := range net.Layers {
		s += fmt.Sprintf("-%d", len(l.B))
		if i < len(acts) {
			s += " " + string(acts[i])
		}
	}
	return s + ", " + string(net.Output)
}

// fitsData reports whether the faces on screen were prepared the way net
// expects its inputs, so clicking them gives meaningful outputs.
func (v *App) fitsData(net *model.Network) bool {
	g := net.Grid
	p, err := faceio.NewPipeline(g.Width, g.Height, string(g.Order), net.Preprocessing)
	if err != nil || v.data == nil {
		return false
	}
	q := v.data.Pipeline
	order := q.Order
	if order == "" {
		order = faceio.RowMajor
	}
	return p.Width == q.Width && p.Height == q.Height && p.Order == order && p.Settings() == q.Settings()
}

// saveModel prompts for a file and writes the network on screen to it. The
// file is replaced only once the new one is complete.
func (v *App) saveModel() {
	net := v.net
	v.chooseSavePath("Save Model", fileName(v.source.name)+".visage", func(path string) {
		if err := atomicfile.Write(path, net.Encode); err != nil {
			dialog.ShowError(fmt.Errorf("could not save the model: %w", err), v.win)
			return
		}
		v.status.SetText("Saved the model to " + path + ".")
	})
}

// fileName turns a dataset name into a file name, such as
// "built-in-faces" for "Built-in faces".
func fileName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	if s := strings.Trim(b.String(), "-"); s != "" {
		return s
	}
	return "model"
}

// openModelDialog shows a file dialog and opens the model chosen.
func (v *App) openModelDialog() {
	v.chooseOpenPath(v.openModel)
}

// exportWeights prompts for a file and writes the weights of the network
// on screen to it as an .npz, W1, b1, … in the Keras Dense layout.
func (v *App) exportWeights() {
	net := v.net
	v.chooseSavePath("Export Weights", "weights.npz", func(path string) {
		if err := atomicfile.Write(path, net.ExportNPZ); err != nil {
			dialog.ShowError(fmt.Errorf("could not export the weights: %w", err), v.win)
			return
		}
		v.status.SetText("Exported the weights to " + path + " as W1, b1, … (inputs × units).")
	})
}

// importWeights shows a file dialog for an .npz of weights W1, b1, … and makes a network
// of them for the data on screen: its grid, preprocessing and classes, and
// the activations and output of the network settings.
func (v *App) importWeights() {
	if v.cancel != nil {
		dialog.ShowInformation("Training is running", "Stop training before importing weights.", v.win)
		return
	}
	v.chooseOpenPath(func(path string) {
		if err := v.importWeightsFrom(path); err != nil {
			dialog.ShowError(fmt.Errorf("could not import the weights: %w", err), v.win)
		}
	})
}

func (v *App) importWeightsFrom(path string) error {
	if v.cancel != nil {
		return errors.New("training is running: stop it before importing weights")
	}
	opt, err := v.importOptions()
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	net, err := model.ImportNPZ(f, info.Size(), opt)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	v.modelLoaded(net, filepath.Base(path))
	return nil
}

// importOptions describes the network an imported .npz makes: the data on
// screen gives the grid and classes, the network settings the rest.
func (v *App) importOptions() (model.ImportOptions, error) {
	p := v.data.Pipeline
	opt := model.ImportOptions{
		Grid:          model.Grid{Width: p.Width, Height: p.Height, Order: model.Order(p.Order)},
		Classes:       v.data.Classes,
		Output:        outputKinds[v.network.output.Selected],
		Preprocessing: p.Settings(),
	}
	names := strings.Split(v.network.activation.Text, ",")
	acts, err := model.ParseActivations(v.network.activation.Text, len(names))
	if err != nil {
		return opt, err
	}
	if len(acts) == 1 {
		opt.Activation = acts[0]
	} else {
		opt.Activations = acts
	}
	if opt.Output == model.Binary {
		opt.Classes = []string{v.network.positive.Selected}
	}
	return opt, nil
}
