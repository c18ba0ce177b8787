package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"visage/faceio"
	"visage/model"
	"visage/ui/views"
)

const compareAbout = "Train both trains the design of the main window twice on the faces on screen, " +
	"once with a softmax output and once with one sigmoid per class (one-vs-rest), and shows both " +
	"outputs for the selected face. Softmax probabilities always add up to 1, so a stranger is still " +
	"given to someone; one-vs-rest probabilities need not, and a stranger can score low for everyone."

// comparison is the state of the Compare tab. Only trained is read off the
// UI goroutine, by the tab's renderings.
type comparison struct {
	view        *view
	train, stop *widget.Button
	progress    *widget.ProgressBar
	status      *widget.Label
	cancel      context.CancelFunc // stops the run, or nil when idle
	trained     atomic.Pointer[trainedPair]
	// done, when set, is called on the UI goroutine after a run ends, so
	// tests can wait for it.
	done func()
}

// trainedPair is the last pair of networks trained, with their dataset.
type trainedPair struct {
	pair views.OutputPair
	data *faceio.Dataset // the dataset both were trained on
	noun string          // the word for a class of data, such as "person"
}

// newCompareView returns the Compare tab, and keeps its controls in
// v.compare.
func (v *App) newCompareView() *view {
	c := &comparison{progress: widget.NewProgressBar(), status: widget.NewLabel("")}
	c.train = widget.NewButton("Train both", v.startComparison)
	c.stop = widget.NewButton("Stop", v.stopComparison)
	c.stop.Disable()
	tools := container.NewBorder(nil, nil, container.NewHBox(c.train, c.stop), nil,
		container.NewVBox(c.progress, c.status))
	c.view = newView("Compare", compareAbout, tools, func(s views.State) views.Rendering {
		t := c.trained.Load()
		if t == nil || t.data != s.Data {
			return views.CompareFace(nil, s, "class")
		}
		return views.CompareFace(&t.pair, s, t.noun)
	})
	v.compare = c
	return c.view
}

// startComparison trains the pair on another goroutine, unless a pair or
// the main network is being trained.
func (v *App) startComparison() {
	c := v.compare
	if c.cancel != nil {
		return
	}
	if v.cancel != nil {
		dialog.ShowInformation("Training is running",
			"Stop the training run or wait for it to end, then press Train both.", v.win)
		return
	}
	d, err := v.network.read(v.hidden.Text, v.epochs.Text)
	if err != nil {
		dialog.ShowError(err, v.win)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.train.Disable()
	c.stop.Enable()
	c.progress.SetValue(0)
	c.status.SetText("Starting …")
	go v.runComparison(ctx, v.data, v.source.noun, d)
}

func (v *App) stopComparison() {
	if c := v.compare; c.cancel != nil {
		c.cancel()
		c.stop.Disable()
	}
}

// compareOutputs are the output kinds the Compare tab trains, in order.
var compareOutputs = []model.OutputKind{model.Softmax, model.OneVsRest}

// runComparison trains design d with each of compareOutputs, one after the
// other, and hands the pair to the UI goroutine.
func (v *App) runComparison(ctx context.Context, data *faceio.Dataset, noun string, d design) {
	var nets [2]*model.Network
	var finals [2]model.Progress
	for i, kind := range compareOutputs {
		d.output = kind
		report := v.comparisonProgress(i, kind)
		net, final, err := trainOutput(ctx, data, d, report)
		if err != nil {
			v.do(func() { v.comparisonEnded(nil, err) })
			return
		}
		nets[i], finals[i] = net, final
	}
	t := &trainedPair{pair: views.OutputPair{Softmax: nets[0], OneVsRest: nets[1]},
		data: data, noun: noun}
	v.do(func() {
		v.comparisonEnded(t, nil)
		if t.data == v.data {
			v.compare.status.SetText(comparisonText(finals))
		}
	})
}

// trainOutput builds a network of design d and trains it on data, held-out
// share and all, as the main Train button does, calling report after each
// epoch.
func trainOutput(ctx context.Context, data *faceio.Dataset, d design,
	report func(model.Progress)) (*model.Network, model.Progress, error) {

	net, all, err := buildNetwork(data, d, d.opt.Seed)
	if err != nil {
		return nil, model.Progress{}, err
	}
	trainIdx, valIdx := model.Split(all.Y, d.validation, d.opt.Seed)
	rec := model.RecorderFunc(func(p model.Progress) error {
		report(p)
		return nil
	})
	final, err := model.Train(ctx, net, all.Subset(trainIdx), all.Subset(valIdx), d.opt, rec)
	return net, final, err
}

// comparisonProgress returns the report of run i of the pair, which puts
// its progress on screen at most every refreshInterval and at the last
// epoch.
func (v *App) comparisonProgress(i int, kind model.OutputKind) func(model.Progress) {
	var last time.Time
	return func(p model.Progress) {
		if time.Since(last) < refreshInterval && p.Epoch != p.Epochs {
			return
		}
		last = time.Now()
		done := (float64(i) + float64(p.Epoch)/float64(p.Epochs)) / float64(len(compareOutputs))
		text := fmt.Sprintf("Network %d of %d (%s): epoch %d of %d.",
			i+1, len(compareOutputs), kind, p.Epoch, p.Epochs)
		v.do(func() {
			v.compare.progress.SetValue(done)
			v.compare.status.SetText(text)
		})
	}
}

// comparisonEnded keeps the pair t, or shows why there is none: a stopped
// or failed run (err), or a dataset that changed while it trained.
func (v *App) comparisonEnded(t *trainedPair, err error) {
	c := v.compare
	c.cancel = nil
	c.train.Enable()
	c.stop.Disable()
	switch {
	case errors.Is(err, context.Canceled):
		c.status.SetText("Stopped. Press Train both to start again.")
	case err != nil:
		c.status.SetText("Training failed.")
		dialog.ShowError(err, v.win)
	case t.data != v.data:
		c.status.SetText("The faces changed while the pair trained: press Train both again.")
	default:
		c.trained.Store(t)
		c.view.stale = true
		if v.currentView() == c.view {
			v.redraw(c.view)
		}
	}
	if c.done != nil {
		c.done()
	}
}

// comparisonText reports how well each network of the pair did.
func comparisonText(finals [2]model.Progress) string {
	which, soft, ovr := "training faces", finals[0].TrainAccuracy, finals[1].TrainAccuracy
	if !math.IsNaN(finals[0].ValidationAccuracy) {
		which, soft, ovr = "faces held out", finals[0].ValidationAccuracy, finals[1].ValidationAccuracy
	}
	return fmt.Sprintf("Trained. Accuracy on the %s: softmax %.0f%%, one-vs-rest %.0f%%.",
		which, 100*soft, 100*ovr)
}
