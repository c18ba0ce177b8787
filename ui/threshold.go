package ui

import (
	"fmt"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"visage/faceio"
	"visage/model"
	"visage/ui/views"
)

const thresholdAbout = "A sigmoid output turns its logit z into p = σ(z) and says yes when p passes the " +
	"threshold t; softmax picks the largest p. A face whose top p is below r counts as an unknown person. " +
	"The stranger test trains a copy of the network without some people and shows how sure it still is " +
	"about their faces."

// Texts of the rule choice.
const (
	ruleGreater        = "p > t"
	ruleGreaterOrEqual = "p ≥ t"
)

// Defaults of the Threshold tab.
const (
	defaultThreshold = 0.5
	defaultReject    = 0.8
	decisionRows     = 8 // outputs listed at most for the selected face
)

// thresholdLab is the Threshold tab: the decision and rejection thresholds,
// the decisions for the selected face, the case exactly on the boundary,
// and the stranger test. Its fields are used on the UI goroutine, except
// settings and resultData, which mu guards for the rendering goroutine.
type thresholdLab struct {
	widget.BaseWidget
	app  *App
	view *view

	threshold, reject         *widget.Slider
	thresholdText, rejectText *widget.Label
	rule                      *widget.RadioGroup
	decisions                 *widget.Label // the selected face's outputs and decisions
	rejection                 *widget.Label // whether the selected face is unknown
	example                   *widget.Label // the built-in row exactly on the boundary
	boundary                  *widget.Label // the bias change for the selected face
	onBoundary                *widget.Button
	strangers                 *strangerTest

	outputs    labOutputs // the selected face's outputs from the last rendering
	boundaryOf labOutputs // the network and face the boundary text is for

	mu         sync.Mutex
	settings   views.Lab
	resultData *faceio.Dataset // the data settings.Strangers was computed on
}

// labOutputs are the probabilities and logits net computed for a face.
type labOutputs struct {
	net          *model.Network
	face         *views.Face
	prob, logits []float64
	best         string // the class ranked first
}

// sameInput reports whether o and p are for the same network and face.
func (o labOutputs) sameInput(p labOutputs) bool {
	a, b := o.face, p.face
	return o.net == p.net && a != nil && b != nil && a.Title == b.Title &&
		len(a.Input) > 0 && len(a.Input) == len(b.Input) && &a.Input[0] == &b.Input[0]
}

func (v *App) newThresholdView() *view {
	l := &thresholdLab{app: v}
	l.ExtendBaseWidget(l)
	l.buildTools()
	l.strangers = newStrangerTest(l)
	l.view = newView("Threshold", thresholdAbout, nil, nil)
	l.view.render = l.render
	l.view.content = l
	l.publish()
	return l.view
}

func (l *thresholdLab) buildTools() {
	l.threshold = widget.NewSlider(0, 1)
	l.threshold.Step = 0.01
	l.threshold.Value = defaultThreshold
	l.threshold.OnChanged = func(float64) { l.changed() }
	l.reject = widget.NewSlider(0, 1)
	l.reject.Step = 0.01
	l.reject.Value = defaultReject
	l.reject.OnChanged = func(float64) { l.changed() }
	l.thresholdText, l.rejectText = widget.NewLabel(""), widget.NewLabel("")
	l.rule = widget.NewRadioGroup([]string{ruleGreater, ruleGreaterOrEqual}, func(string) { l.changed() })
	l.rule.Horizontal = true
	l.rule.Required = true
	l.rule.Selected = ruleGreaterOrEqual

	l.decisions = wrappedLabel(selectPrompt)
	l.rejection = wrappedLabel("")
	l.example = wrappedLabel(views.DescribeBoundaryExample())
	l.boundary = wrappedLabel(boundaryPrompt)
	l.onBoundary = widget.NewButton("Put this face on the boundary", l.findBoundary)
}

const (
	selectPrompt   = "Click a face to see each output's logit, probability and decision."
	boundaryPrompt = "For a sigmoid network (One-vs-rest or Binary), compute the bias that puts the " +
		"selected face exactly on the boundary, on a copy of the network."
)

func wrappedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (l *thresholdLab) CreateRenderer() fyne.WidgetRenderer {
	t := widget.NewForm(
		widget.NewFormItem("Decision threshold", container.NewBorder(nil, nil, nil,
			container.NewHBox(l.thresholdText, l.rule), l.threshold)),
		widget.NewFormItem("Reject as unknown", container.NewBorder(nil, nil, nil, l.rejectText, l.reject)),
		widget.NewFormItem("Stranger test", l.strangers.tools()),
	)
	heading := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	texts := container.NewVBox(heading("Selected face"), l.decisions, l.rejection,
		heading("Exactly on the threshold"), l.example, l.onBoundary, l.boundary,
		heading("Stranger test"), l.strangers.status)
	about := wrappedLabel(thresholdAbout)
	body := container.NewHSplit(l.view.picture, container.NewVScroll(texts))
	body.SetOffset(0.68)
	return widget.NewSimpleRenderer(container.NewBorder(t, about, nil, nil, body))
}

// currentRule returns the rule chosen.
func (l *thresholdLab) currentRule() views.Rule {
	if l.rule.Selected == ruleGreater {
		return views.Greater
	}
	return views.GreaterOrEqual
}

// publish copies the choices for the rendering goroutine and updates the
// texts that depend on them.
func (l *thresholdLab) publish() {
	l.mu.Lock()
	l.settings.Threshold, l.settings.Rule = l.threshold.Value, l.currentRule()
	l.settings.Reject = l.reject.Value
	lab := l.settings
	l.mu.Unlock()
	l.thresholdText.SetText("t = " + strconv.FormatFloat(lab.Threshold, 'f', 2, 64))
	l.rejectText.SetText("r = " + strconv.FormatFloat(lab.Reject, 'f', 2, 64))
	l.showTexts(lab)
	l.strangers.showSummary(lab)
}

// changed follows a move of a slider or the rule choice.
func (l *thresholdLab) changed() {
	l.publish()
	l.redraw()
}

// redraw draws the tab now when it is on screen, or when it is next shown.
func (l *thresholdLab) redraw() {
	if l.app.currentView() == l.view {
		l.app.redraw(l.view)
		return
	}
	l.view.stale = true
}

// snapshot returns the choices for a rendering of state s, without a
// stranger result computed on other data.
func (l *thresholdLab) snapshot(s views.State) views.Lab {
	l.mu.Lock()
	defer l.mu.Unlock()
	lab := l.settings
	if l.resultData != s.Data {
		lab.Strangers = nil
	}
	return lab
}

// setResult keeps the result of a stranger test on data for the renderings.
func (l *thresholdLab) setResult(res *views.StrangerResult, data *faceio.Dataset) {
	l.mu.Lock()
	l.settings.Strangers, l.resultData = res, data
	l.mu.Unlock()
}

// render runs on the rendering goroutine: it draws the tab and computes
// the selected face's outputs, which the texts show.
func (l *thresholdLab) render(s views.State) views.Rendering {
	lab := l.snapshot(s)
	out := labOutputs{net: s.Net, face: s.Face}
	if s.Face != nil && len(s.Face.Input) == s.Net.Inputs() {
		out.prob, out.logits = s.Net.Predict(s.Face.Input)
		out.best = s.Net.Rank(s.Face.Input)[0].Label
	}
	r := views.Threshold(s, lab)
	l.app.do(func() {
		l.outputs = out
		l.showTexts(l.settings)
		l.strangers.labelRun()
	})
	return r
}

// showTexts writes the decisions and the rejection of the selected face.
func (l *thresholdLab) showTexts(lab views.Lab) {
	out := l.outputs
	if out.prob == nil {
		l.decisions.SetText(selectPrompt)
		l.rejection.SetText("")
		return
	}
	net := out.net
	d := views.Decide(net.Output, net.Classes, out.prob, out.logits, lab.Threshold, lab.Rule)
	l.decisions.SetText(out.face.Title + "\n" + views.DescribeDecisions(net.Output, d, lab, decisionRows))
	l.rejection.SetText(views.DescribeRejection(out.best, views.TopProbability(net.Output, out.prob), lab))
	if !l.boundaryOf.sameInput(out) {
		l.boundary.SetText(boundaryPrompt)
	}
}

// findBoundary computes on another goroutine the bias change that puts the
// selected face on the boundary.
func (l *thresholdLab) findBoundary() {
	out := l.outputs
	if out.prob == nil {
		l.boundary.SetText("Click a face first.")
		return
	}
	l.boundaryOf = out
	l.boundary.SetText("Searching for the bias …")
	go func() {
		b, err := views.FindBoundary(out.net, out.face.Input)
		l.app.do(func() {
			if !l.boundaryOf.sameInput(out) || !l.outputs.sameInput(out) {
				return // the network or the face changed meanwhile
			}
			if err != nil {
				l.boundary.SetText(fmt.Sprint(err))
				return
			}
			l.boundary.SetText(views.DescribeBoundary(b))
		})
	}()
}
