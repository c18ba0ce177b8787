package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"visage/ui/views"
)

// labOf shows the Threshold tab and returns its lab. At the end of the
// test it waits until the tab's rendering and stranger test are done, so
// their updates of labels do not reach the next test's window.
func labOf(h *harness) *thresholdLab {
	h.t.Helper()
	w := h.showView("Threshold")
	l := w.content.(*thresholdLab)
	h.t.Cleanup(func() {
		h.ui(func() { l.strangers.stopRun() })
		h.waitFor("the Threshold tab to be idle", func() bool {
			return !w.running && l.strangers.cancel == nil
		})
	})
	return l
}

// showThreshold shows the Threshold tab and waits until its texts show
// the selected face.
func showThreshold(h *harness) *thresholdLab {
	h.t.Helper()
	l := labOf(h)
	h.waitFor("the decisions of the selected face", func() bool {
		return l.outputs.prob != nil && l.outputs.net == h.app.net
	})
	return l
}

func TestThresholdSliderAndRuleChangeDecisions(t *testing.T) {
	h := newHarness(t)
	h.ui(func() { h.app.network.output.SetSelected(outputOneVsRest) })
	trainBriefly(h)
	l := showThreshold(h)
	outputs := 0
	h.ui(func() { outputs = min(len(h.app.net.Classes), decisionRows) })

	tests := []struct {
		name      string
		threshold float64
		rule      string
		wantYes   int
	}{
		{"t = 0 with p ≥ t", 0, ruleGreaterOrEqual, outputs},
		{"t = 1 with p > t", 1, ruleGreater, 0},
		{"t = 1 with p ≥ t", 1, ruleGreaterOrEqual, 0},
	}
	for _, tt := range tests {
		h.ui(func() {
			l.threshold.SetValue(tt.threshold)
			l.rule.SetSelected(tt.rule)
			text := l.decisions.Text
			if got := strings.Count(text, ", so yes"); got != tt.wantYes {
				t.Errorf("%s: %d outputs say yes, want %d; text %q", tt.name, got, tt.wantYes, text)
			}
			symbol := strings.TrimSuffix(strings.TrimPrefix(tt.rule, "p "), " t")
			if !strings.Contains(text, "yes when p "+symbol) {
				t.Errorf("%s: text %q does not state the rule %s", tt.name, text, tt.rule)
			}
		})
	}
}

func TestThresholdSoftmaxExplainsArgmax(t *testing.T) {
	h := newHarness(t)
	trainBriefly(h)
	l := showThreshold(h)
	h.ui(func() {
		l.threshold.SetValue(1)
		text := l.decisions.Text
		if got := strings.Count(text, "chosen, the largest p"); got != 1 {
			t.Errorf("%d outputs chosen at t = 1, want 1 whatever t is; text %q", got, text)
		}
		if !strings.Contains(text, "only matters for rejecting") {
			t.Errorf("text %q does not explain what the threshold does for softmax", text)
		}
	})
}

func TestThresholdRejectsUnknownFace(t *testing.T) {
	h := newHarness(t)
	trainBriefly(h)
	l := showThreshold(h)
	h.ui(func() {
		l.reject.SetValue(1)
		if !strings.Contains(l.rejection.Text, "unknown person") {
			t.Errorf("at r = 1 the text is %q, want the face rejected as unknown", l.rejection.Text)
		}
		l.reject.SetValue(0)
		if !strings.Contains(l.rejection.Text, "accepted as") {
			t.Errorf("at r = 0 the text is %q, want the face accepted", l.rejection.Text)
		}
	})
}

func TestThresholdExactlyHalfSplitsRules(t *testing.T) {
	h := newHarness(t)
	h.ui(func() { h.app.network.output.SetSelected(outputOneVsRest) })
	trainBriefly(h)
	l := showThreshold(h)
	var bias []float64
	h.ui(func() {
		if want := "p > 0.5 says no; p ≥ 0.5 says yes"; !strings.Contains(l.example.Text, want) {
			t.Errorf("example text %q does not contain %q", l.example.Text, want)
		}
		bias = slices.Clone(h.app.net.Layers[len(h.app.net.Layers)-1].B)
		test.Tap(l.onBoundary)
	})
	h.waitFor("the bias on the boundary", func() bool {
		return strings.Contains(l.boundary.Text, "is unchanged")
	})
	h.ui(func() {
		want, err := views.FindBoundary(h.app.net, l.outputs.face.Input)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.boundary.Text; got != views.DescribeBoundary(want) {
			t.Errorf("boundary text = %q, want %q", got, views.DescribeBoundary(want))
		}
		if got := h.app.net.Layers[len(h.app.net.Layers)-1].B; !slices.Equal(got, bias) {
			t.Errorf("output biases on screen changed from %v to %v", bias, got)
		}
	})
}

func TestStrangerTestCountsAddUp(t *testing.T) {
	h := newHarness(t)
	v := h.app
	l := labOf(h)
	var strangers, known int
	h.ui(func() {
		v.epochs.SetText("5")
		keep := len(v.data.Classes) - 1
		for _, f := range v.data.Faces {
			if f.Label >= keep {
				strangers++
			}
		}
		known = len(v.data.Faces) - strangers
		test.Tap(l.strangers.run)
	})
	h.waitFor("the stranger test", func() bool { return l.strangers.cancel == nil })
	w := h.showView("Threshold")
	h.ui(func() {
		res := l.strangers.result
		if res == nil {
			t.Fatalf("no result; status %q", l.strangers.status.Text)
		}
		s, k := views.CountAccepted(res.Strangers, l.reject.Value), views.CountAccepted(res.Known, l.reject.Value)
		if s.Total() != strangers {
			t.Errorf("%d strangers counted, want the %d faces left out", s.Total(), strangers)
		}
		if k.Total() == 0 || k.Total() >= known {
			t.Errorf("%d known faces counted, want a held-out share of %d", k.Total(), known)
		}
		if !strings.Contains(l.strangers.status.Text, res.Summary(l.reject.Value)) {
			t.Errorf("status %q does not give the counts %q", l.strangers.status.Text, res.Summary(l.reject.Value))
		}
		if w.shown.Plot == nil {
			t.Error("the tab shows no stranger chart")
		}
	})
}

func TestStrangerTestWaitsForMainTraining(t *testing.T) {
	h := newHarness(t)
	v := h.app
	l := labOf(h)
	h.ui(func() {
		v.epochs.SetText("1000000")
		test.Tap(v.train)
		test.Tap(l.strangers.run)
		if l.strangers.cancel != nil {
			t.Error("the stranger test started while the main training runs")
		}
		if !strings.Contains(l.strangers.status.Text, "main training run") {
			t.Errorf("status %q does not say why the test did not start", l.strangers.status.Text)
		}
		test.Tap(v.stop)
	})
	h.waitTrainingDone()
}

func TestStrangerTestStops(t *testing.T) {
	h := newHarness(t)
	v := h.app
	l := labOf(h)
	h.ui(func() {
		v.epochs.SetText("1000000")
		test.Tap(l.strangers.run)
	})
	h.waitFor("the first epoch", func() bool { return l.strangers.progress.Value > 0 })
	h.ui(func() { test.Tap(l.strangers.stop) })
	h.waitFor("the test to stop", func() bool { return l.strangers.cancel == nil })
	h.ui(func() {
		if got := l.strangers.status.Text; got != "The stranger test was stopped." {
			t.Errorf("status = %q, want it to say the test stopped", got)
		}
	})
}

func TestStrangerTestStopsWhenDataChanges(t *testing.T) {
	h := newHarness(t)
	v := h.app
	l := labOf(h)
	h.ui(func() {
		v.epochs.SetText("1000000")
		test.Tap(l.strangers.run)
	})
	h.waitFor("the first epoch", func() bool { return l.strangers.progress.Value > 0 })
	h.ui(func() { v.open(builtinFaces()) })
	h.waitFor("the test to stop", func() bool { return l.strangers.cancel == nil })
	h.ui(func() {
		if got := l.strangers.status.Text; !strings.Contains(got, "data changed") {
			t.Errorf("status = %q, want it to say the data changed", got)
		}
	})
}
