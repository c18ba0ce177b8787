package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"

	"visage/faceio"
	"visage/model"
	"visage/ui/views"
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
	if v.compare != nil && v.compare.cancel != nil {
		dialog.ShowInformation("Train both is running",
			"Stop Train both on the Compare tab or wait for it to end, then press Train.", v.win)
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
	trainIdx, valIdx := model.Split(all.Y, d.validation, d.opt.Seed)
	trainSet, validation := all.Subset(trainIdx), all.Subset(valIdx)
	v.do(func() { v.validation = valIdx })
	v.publish(model.Progress{Epochs: d.opt.Epochs}, net.Clone(), nil, nil)

	rec := &liveRecorder{ctx: ctx, pause: pause, publish: v.publish,
		timeline: &model.Timeline{MaxBytes: timelineBytes}}
	if slow {
		rec.epochTime = slowMotion / time.Duration(d.opt.Epochs)
	}
	final, err := model.Train(ctx, net, trainSet, validation, d.opt, rec)
	if final.Epoch > 0 {
		v.publish(final, net.Clone(), rec.history, rec.snapshots())
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
	publish   func(model.Progress, *model.Network, []model.Progress, []model.Snapshot)
	history   []model.Progress // the metrics of every epoch, thinned
	timeline  *model.Timeline
	last      time.Time
	epochTime time.Duration
	epochEnd  time.Time // when the current epoch may end at the earliest
}

func (r *liveRecorder) Record(p model.Progress) error {
	r.history = views.AppendHistory(r.history, p)
	if err := r.timeline.Record(p); err != nil {
		return err
	}
	if time.Since(r.last) >= refreshInterval || p.Epoch == p.Epochs {
		r.last = time.Now()
		r.publish(p, p.Network.Clone(), slices.Clone(r.history), r.snapshots())
	}
	return r.pace()
}

// snapshots returns a copy of the timeline's list of snapshots, whose
// weights are never changed, so the UI may keep it while training goes on.
func (r *liveRecorder) snapshots() []model.Snapshot {
	return slices.Clone(r.timeline.Snapshots)
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

// publish puts a copy of the network being trained on screen, with the
// metrics and weights kept so far.
func (v *App) publish(p model.Progress, net *model.Network, history []model.Progress, snaps []model.Snapshot) {
	v.do(func() {
		v.history, v.snapshots = history, snaps
		v.progress.SetValue(float64(p.Epoch) / float64(p.Epochs))
		v.status.SetText(progressText(p))
		v.showNetwork(net)
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

// showNetwork puts net on screen: the views redraw on their goroutines.
func (v *App) showNetwork(net *model.Network) {
	v.net = net
	if v.selected != nil && len(v.selected.input) != net.Inputs() {
		// A photo prepared for another network, such as an opened model.
		v.clearSelection()
	}
	v.layer2Unit.sync(net)
	v.layer2Unit.syncSnapshots(v.snapshots)
	v.syncTargets(net)
	v.syncFrames()
	v.refreshViews()
	v.refreshOutput()
}
