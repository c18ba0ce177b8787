package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"visage/faceio"
	"visage/model"
	"visage/ui/views"
)

// strangerTest trains a copy of the network design without the last k
// people of the data on screen, on its own goroutine, and shows how sure
// the copy is about their faces. Its fields are used on the UI goroutine.
type strangerTest struct {
	lab       *thresholdLab
	leftOut   *widget.Entry // k, the number of people left out
	run, stop *widget.Button
	progress  *widget.ProgressBar
	status    *widget.Label

	cancel context.CancelFunc // stops the run, or nil when idle
	gen    int                // counts runs, so only the last one reports
	result *views.StrangerResult
}

func newStrangerTest(l *thresholdLab) *strangerTest {
	t := &strangerTest{lab: l}
	t.leftOut = widget.NewEntry()
	t.leftOut.SetText("1")
	t.leftOut.OnChanged = func(string) { t.labelRun() }
	t.run = widget.NewButton("Train without …", t.start)
	t.stop = widget.NewButton("Stop", t.stopRun)
	t.stop.Disable()
	t.progress = widget.NewProgressBar()
	t.status = wrappedLabel("Leave out the last people of the data, train on the others, " +
		"and see how sure the network is about the faces it never saw.")
	return t
}

func (t *strangerTest) tools() fyne.CanvasObject {
	entry := container.NewGridWrap(fyne.NewSize(60, t.leftOut.MinSize().Height), t.leftOut)
	left := container.NewHBox(widget.NewLabel("leave out the last"), entry, widget.NewLabel("people"),
		t.run, t.stop)
	return container.NewBorder(nil, nil, left, nil, t.progress)
}

// labelRun names the people the run button leaves out.
func (t *strangerTest) labelRun() {
	data := t.lab.app.data
	k, err := strconv.Atoi(strings.TrimSpace(t.leftOut.Text))
	switch {
	case data == nil || err != nil || k < 1 || k > len(data.Classes)-2:
		t.run.SetText("Train without …")
	case k == 1:
		t.run.SetText("Train without " + data.Classes[len(data.Classes)-1])
	default:
		t.run.SetText(fmt.Sprintf("Train without the last %d", k))
	}
}

// leftOutCount reads k, which must leave at least two people to train on.
func (t *strangerTest) leftOutCount(classes int) (int, error) {
	text := t.leftOut.Text
	if classes < 3 {
		return 0, fmt.Errorf("the stranger test needs at least 3 classes, so that one can be left "+
			"out and 2 stay to train on, and these data have %d", classes)
	}
	k, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || k < 1 || k > classes-2 {
		return 0, fmt.Errorf("invalid number of people to leave out %q: enter a whole number "+
			"from 1 to %d, so that at least 2 of the %d stay to train on", text, classes-2, classes)
	}
	return k, nil
}

// start trains a copy of the design without the last k people, unless the
// main training run or another stranger test is running.
func (t *strangerTest) start() {
	v := t.lab.app
	if v.cancel != nil {
		t.status.SetText("The main training run is still going: stop it or let it finish, " +
			"then start the stranger test.")
		return
	}
	if t.cancel != nil {
		return
	}
	plan, err := t.plan()
	if err != nil {
		t.status.SetText(err.Error())
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	t.gen++
	t.run.Disable()
	t.stop.Enable()
	t.progress.SetValue(0)
	t.status.SetText(fmt.Sprintf("Training without %s …", strings.Join(plan.names(), ", ")))
	go t.train(ctx, t.gen, plan)
}

// strangerPlan is the data and design of a stranger test, fixed at its start.
type strangerPlan struct {
	data   *faceio.Dataset
	design design
	k      int // the last k classes of data are left out
}

func (p strangerPlan) names() []string {
	return p.data.Classes[len(p.data.Classes)-p.k:]
}

// plan reads the design and k from the controls.
func (t *strangerTest) plan() (strangerPlan, error) {
	v := t.lab.app
	d, err := v.network.read(v.hidden.Text, v.epochs.Text)
	if err != nil {
		return strangerPlan{}, err
	}
	if d.output == model.Binary {
		return strangerPlan{}, errors.New("the stranger test needs one output per person: " +
			"choose Softmax or One-vs-rest under More… and try again")
	}
	k, err := t.leftOutCount(len(v.data.Classes))
	if err != nil {
		return strangerPlan{}, err
	}
	if d.validation == 0 {
		d.validation = validationFraction
	}
	return strangerPlan{data: v.data, design: d, k: k}, nil
}

func (t *strangerTest) stopRun() {
	if t.cancel != nil {
		t.cancel()
		t.stop.Disable()
	}
}

// train runs on its own goroutine: it trains on the known people's faces
// but a held-out share, then scores the strangers and the held-out faces.
func (t *strangerTest) train(ctx context.Context, gen int, plan strangerPlan) {
	known, strangers := splitPeople(plan.data, plan.k)
	d := plan.design
	net, all, err := buildNetwork(known, d, d.opt.Seed)
	if err != nil {
		t.lab.app.do(func() { t.ended(gen, plan, nil, err) })
		return
	}
	trainIdx, heldIdx := model.Split(all.Y, d.validation, d.opt.Seed)
	var last time.Time
	rec := model.RecorderFunc(func(p model.Progress) error {
		if time.Since(last) >= refreshInterval || p.Epoch == p.Epochs {
			last = time.Now()
			t.lab.app.do(func() { t.showProgress(gen, plan, p) })
		}
		return nil
	})
	final, err := model.Train(ctx, net, all.Subset(trainIdx), all.Subset(heldIdx), d.opt, rec)
	if err != nil {
		t.lab.app.do(func() { t.ended(gen, plan, nil, err) })
		return
	}
	heldRows := make([][]float64, len(heldIdx))
	for i, j := range heldIdx {
		heldRows[i] = all.X.RawRowView(j)
	}
	res := &views.StrangerResult{Left: plan.names(), Epochs: final.Epoch,
		Strangers: views.TopProbabilities(net, strangers), Known: views.TopProbabilities(net, heldRows)}
	t.lab.app.do(func() { t.ended(gen, plan, res, nil) })
}

// splitPeople returns the faces of all but the last k classes of data as a
// dataset of their own, and the inputs of the faces of the last k.
func splitPeople(data *faceio.Dataset, k int) (*faceio.Dataset, [][]float64) {
	keep := len(data.Classes) - k
	known := &faceio.Dataset{Classes: data.Classes[:keep], Pipeline: data.Pipeline}
	var strangers [][]float64
	for _, f := range data.Faces {
		if f.Label < keep {
			known.Faces = append(known.Faces, f)
		} else {
			strangers = append(strangers, f.Input)
		}
	}
	return known, strangers
}

// showProgress shows an epoch of run gen, and stops the run when the data
// on screen is no longer the data it trains on.
func (t *strangerTest) showProgress(gen int, plan strangerPlan, p model.Progress) {
	if gen != t.gen {
		return
	}
	if t.lab.app.data != plan.data {
		t.stopRun()
		return
	}
	t.progress.SetValue(float64(p.Epoch) / float64(p.Epochs))
	t.status.SetText(fmt.Sprintf("Training without %s: epoch %d of %d.",
		strings.Join(plan.names(), ", "), p.Epoch, p.Epochs))
}

// ended shows the result of run gen, or why it has none.
func (t *strangerTest) ended(gen int, plan strangerPlan, res *views.StrangerResult, err error) {
	if gen != t.gen {
		return
	}
	t.cancel = nil
	t.run.Enable()
	t.stop.Disable()
	switch {
	case t.lab.app.data != plan.data:
		t.status.SetText("The data changed, so the stranger test was stopped.")
		return
	case errors.Is(err, context.Canceled):
		t.status.SetText("The stranger test was stopped.")
		return
	case err != nil:
		t.status.SetText("The stranger test failed: " + err.Error())
		return
	}
	t.result = res
	t.lab.setResult(res, plan.data)
	t.showSummary(t.lab.settings)
	t.lab.redraw()
}

// showSummary states the counts of the last result at lab's rejection
// threshold.
func (t *strangerTest) showSummary(lab views.Lab) {
	if t.result == nil || t.cancel != nil || t.lab.resultData != t.lab.app.data {
		return
	}
	res := t.result
	t.status.SetText(fmt.Sprintf("Trained %d epochs without %s. %s", res.Epochs,
		strings.Join(res.Left, ", "), res.Summary(lab.Reject)))
}
