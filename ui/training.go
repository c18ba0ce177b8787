package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"

	"visage/faceio"
	"visage/model"
	"visage/viz"
)

// refreshInterval is the shortest time between two screen updates from a
// training run, so the views refresh at most ten times a second however
// fast the epochs go.
const refreshInterval = 100 * time.Millisecond

// validationFraction is the share of each person's faces held out to
// measure how well the network recognises faces it has not trained on.
const validationFraction = 0.2

func (v *App) startTraining() {
	if v.cancel != nil {
		return
	}
	d, err := v.network.read(v.hidden.Text, v.epochs.Text)
	if err != nil {
		dialog.ShowError(err, v.win)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	v.pauser = newPauser()
	v.train.Disable()
	v.stop.Enable()
	v.pause.Enable()
	v.pause.SetText("Pause")
	v.progress.SetValue(0)
	v.status.SetText("Starting a new network …")
	go v.runTraining(ctx, v.pauser, v.data, d, v.slow.Checked)
}

func (v *App) stopTraining() {
	if v.cancel != nil {
		v.cancel()
		v.stop.Disable()
		v.pause.Disable()
	}
}

// togglePause pauses a training run after its current batch, or resumes it.
func (v *App) togglePause() {
	if v.cancel == nil {
		return
	}
	if v.pauser.toggle() {
		v.pause.SetText("Resume")
		v.status.SetText("Paused. " + v.status.Text)
		return
	}
	v.pause.SetText("Pause")
	v.status.SetText(strings.TrimPrefix(v.status.Text, "Paused. "))
}

// runTraining builds a network with the given hidden layers and trains it
// on its own goroutine, publishing a copy at the start, at most every
// refreshInterval, and at the end. A large network takes a while to build,
// so that happens here too and not on the UI goroutine. The data and the
// design are the App's at the start, so changes to the App do not reach
// the run.
func (v *App) runTraining(ctx context.Context, pause *pauser, data *faceio.Dataset, d design, slow bool) {
	net, all, err := buildNetwork(data, d, d.opt.Seed)
	if err != nil {
		v.do(func() { v.trainingEnded(model.Progress{}, err) })
		return
	}
	trainSet, validation := model.SplitData(all, d.validation, d.opt.Seed)
	v.publish(model.Progress{Epochs: d.opt.Epochs}, net.Clone())

	rec := &liveRecorder{ctx: ctx, pause: pause, publish: v.publish}
	if slow {
		rec.epochTime = slowMotion / time.Duration(d.opt.Epochs)
	}
	final, err := model.Train(ctx, net, trainSet, validation, d.opt, rec)
	if final.Epoch > 0 {
		v.publish(final, net.Clone())
	}
	v.do(func() { v.trainingEnded(final, err) })
}

// slowMotion is the shortest time a training run takes when the user
// asks for slow motion, so that even a run of a fraction of a second can
// be watched as the weights change.
const slowMotion = 10 * time.Second

// liveRecorder publishes a copy of the network at most every
// refreshInterval and at the last epoch, and holds training after a batch
// while it is paused. With a nonzero epochTime it also waits until each
// epoch has taken at least that long.
type liveRecorder struct {
	ctx       context.Context
	pause     *pauser
	publish   func(model.Progress, *model.Network)
	last      time.Time
	epochTime time.Duration
	epochEnd  time.Time // when the current epoch may end at the earliest
}

func (r *liveRecorder) Record(p model.Progress) error {
	if time.Since(r.last) >= refreshInterval || p.Epoch == p.Epochs {
		r.last = time.Now()
		r.publish(p, p.Network.Clone())
	}
	return r.pace()
}

// pace waits until the epoch has taken epochTime, or ctx is done.
func (r *liveRecorder) pace() error {
	if r.epochTime == 0 {
		return nil
	}
	if r.epochEnd.IsZero() {
		r.epochEnd = time.Now()
	}
	r.epochEnd = r.epochEnd.Add(r.epochTime)
	wait := time.Until(r.epochEnd)
	if wait <= 0 {
		r.epochEnd = time.Now()
		return nil
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-r.ctx.Done():
		return r.ctx.Err()
	}
}

func (r *liveRecorder) RecordBatch(model.Batch) error { return r.pause.wait(r.ctx) }

// publish renders a snapshot of the network on the calling goroutine and
// puts it on screen.
func (v *App) publish(p model.Progress, net *model.Network) {
	montage := renderLayer1(net)
	v.do(func() {
		v.net = net
		setImage(v.layer1, montage)
		v.progress.SetValue(float64(p.Epoch) / float64(p.Epochs))
		v.status.SetText(progressText(p))
		v.refreshOutput()
	})
}

func (v *App) trainingEnded(p model.Progress, err error) {
	v.cancel = nil
	v.train.Enable()
	v.stop.Disable()
	v.pause.Disable()
	v.pause.SetText("Pause")
	switch {
	case errors.Is(err, context.Canceled) && p.Epoch == 0:
		v.status.SetText("Stopped before the first epoch ended.")
	case errors.Is(err, context.Canceled):
		v.status.SetText(fmt.Sprintf("Stopped after epoch %d of %d. %s", p.Epoch, p.Epochs, metricsText(p)))
	case err != nil:
		v.status.SetText("Training failed.")
		dialog.ShowError(err, v.win)
	}
	if v.trainingDone != nil {
		v.trainingDone()
	}
}

func progressText(p model.Progress) string {
	if p.Epoch == 0 {
		return fmt.Sprintf("Training for %d epochs …", p.Epochs)
	}
	return fmt.Sprintf("Epoch %d of %d. %s", p.Epoch, p.Epochs, metricsText(p))
}

func metricsText(p model.Progress) string {
	s := fmt.Sprintf("Training loss %.3f, accuracy %.0f%%", p.TrainLoss, 100*p.TrainAccuracy)
	if !math.IsNaN(p.ValidationAccuracy) {
		s += fmt.Sprintf(". Validation (images not trained on) loss %.3f, accuracy %.0f%%",
			p.ValidationLoss, 100*p.ValidationAccuracy)
	}
	return s
}

// showNetwork puts net on screen, rendering its weights on the calling
// goroutine.
func (v *App) showNetwork(net *model.Network) {
	v.net = net
	setImage(v.layer1, renderLayer1(net))
	v.refreshOutput()
}

// montageWidth is the width in pixels the layer-1 montage is drawn at
// before the window scales it.
const montageWidth = 720

// maxShownUnits is the number of layer-1 units the montage shows at most,
// so a very wide layer cannot make an image too large to draw ten times a
// second.
const maxShownUnits = 256

func renderLayer1(net *model.Network) image.Image {
	w := net.Layers[0].W
	inputs, units := w.Dims()
	shown := min(units, maxShownUnits)
	title := fmt.Sprintf("Layer 1: the weights of each of the %d units on the input grid", units)
	if shown < units {
		title = fmt.Sprintf("Layer 1: the weights of the first %d of %d units on the input grid", shown, units)
	}
	columns := int(math.Ceil(math.Sqrt(float64(shown))))
	cell := min(max(montageWidth/(columns*(net.Grid.Width+2)), 1), 8)
	return viz.Montage(w.Slice(0, inputs, 0, shown), viz.MontageOptions{
		Layout:  layoutOf(net.Grid),
		Cell:    cell,
		Columns: columns,
		Title:   title,
	})
}

func layoutOf(g model.Grid) viz.Layout {
	return viz.Layout{Width: g.Width, Height: g.Height, ColumnMajor: g.Order == model.ColumnMajor}
}
