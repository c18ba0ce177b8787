package ui

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"visage/ui/views"
)

// trainBoth trains the Compare pair for epochs and waits for the run to
// end.
func trainBoth(h *harness, epochs string) {
	h.t.Helper()
	v := h.app
	done := make(chan struct{}, 1)
	h.ui(func() {
		v.compare.done = func() { done <- struct{}{} }
		v.epochs.SetText(epochs)
		test.Tap(v.compare.train)
	})
	select {
	case <-done:
	case <-time.After(time.Minute):
		h.t.Fatal("timed out waiting for Train both to end")
	}
}

// compareCSV returns the rows of the CSV behind the Compare view on screen.
func compareCSV(t *testing.T, w *view) [][]string {
	t.Helper()
	if w.shown.CSV == nil {
		t.Fatal("the Compare view has no CSV")
	}
	var buf bytes.Buffer
	if err := w.shown.CSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestTrainBothShowsCharts(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() { test.Tap(v.faceButtons[0]) })
	w := h.showView("Compare")
	h.ui(func() {
		if w.shown.CSV != nil {
			t.Error("the Compare view has a CSV before Train both")
		}
	})
	start := time.Now()
	trainBoth(h, "5")
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Train both took %v for 5 epochs, want at most 10 s", took)
	}
	h.waitFor("the pair's charts", func() bool { return !w.running && w.shown.CSV != nil })

	h.ui(func() {
		if b := w.shown.Image.Bounds(); b.Dx() < 800 {
			t.Errorf("image is %v wide, want two charts side by side", b.Dx())
		}
		rows := compareCSV(t, w)
		header := strings.Join(rows[0], ",")
		for _, col := range []string{"softmax probability", "one-vs-rest probability"} {
			if !strings.Contains(header, col) {
				t.Errorf("CSV header %q has no column %q", header, col)
			}
		}
		pair := v.compare.trained.Load().pair
		input := v.selected.input
		if sum := views.ProbabilitySum(pair.Softmax.Rank(input)); math.Abs(sum-1) > 1e-9 {
			t.Errorf("softmax sum = %.12f, want 1 ± 1e-9", sum)
		}
		if v.compare.train.Disabled() || !v.compare.stop.Disabled() {
			t.Error("after Train both, it should be enabled and Stop disabled")
		}
		if !strings.HasPrefix(v.compare.status.Text, "Trained.") {
			t.Errorf("status = %q, want it to report the accuracies", v.compare.status.Text)
		}
	})
}

func TestCompareFollowsSelection(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() { test.Tap(v.faceButtons[0]) })
	w := h.showView("Compare")
	trainBoth(h, "3")
	h.waitFor("the pair's charts", func() bool { return !w.running && w.shown.CSV != nil })
	var before string
	h.ui(func() {
		before = strings.Join(compareCSV(t, w)[1], ",")
		test.Tap(v.faceButtons[len(v.faceButtons)-1])
	})
	h.waitFor("the new face's charts", func() bool { return !w.running && !w.stale })
	h.ui(func() {
		if got := v.currentView(); got != w {
			t.Errorf("tab after selecting a face on Compare = %q, want Compare kept", got.name)
		}
		if after := strings.Join(compareCSV(t, w)[1], ","); after == before {
			t.Errorf("CSV row %q did not change with the selection", after)
		}
	})
}

func TestTrainBothRejectedWhileTraining(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.epochs.SetText("1000000")
		test.Tap(v.train)
		test.Tap(v.compare.train)
		if v.compare.cancel != nil {
			t.Error("Train both started while the main network trains")
		}
		if v.win.Canvas().Overlays().Top() == nil {
			t.Error("Train both during training showed no message")
		}
		test.Tap(v.stop)
	})
	h.waitTrainingDone()
}

func TestStopEndsComparison(t *testing.T) {
	h := newHarness(t)
	v := h.app
	done := make(chan struct{}, 1)
	h.ui(func() {
		v.compare.done = func() { done <- struct{}{} }
		v.epochs.SetText("1000000")
		test.Tap(v.compare.train)
	})
	h.waitFor("the first progress report", func() bool { return v.compare.progress.Value > 0 })
	h.ui(func() { test.Tap(v.compare.stop) })
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("timed out waiting for Train both to stop")
	}
	h.ui(func() {
		if !strings.HasPrefix(v.compare.status.Text, "Stopped") {
			t.Errorf("status = %q, want it to say the run stopped", v.compare.status.Text)
		}
		if v.compare.trained.Load() != nil {
			t.Error("a stopped run left a trained pair")
		}
		if v.compare.train.Disabled() {
			t.Error("Train both is disabled after stopping")
		}
	})
}

func TestDatasetChangeDropsPair(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() { test.Tap(v.faceButtons[0]) })
	w := h.showView("Compare")
	trainBoth(h, "2")
	h.waitFor("the pair's charts", func() bool { return !w.running && w.shown.CSV != nil })
	var faces any // the dataset the pair was trained on
	h.ui(func() {
		faces = v.data
		v.open(builtinFaces()) // the same faces, loaded again as a new dataset
	})
	h.waitFor("the faces loaded again", func() bool { return any(v.data) != faces })
	w = h.showView("Compare")
	h.ui(func() { test.Tap(v.faceButtons[0]) })
	h.waitFor("the Compare view", func() bool { return !w.running && !w.stale })
	h.ui(func() {
		if w.shown.CSV != nil {
			t.Error("the Compare view shows a pair trained on the previous dataset")
		}
	})
}
