package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestStrangerTestInvalidCounts enters numbers of people to leave out
// that the built-in faces of 3 people cannot use. No run may start, the
// status must give the reason, and the button must not offer the run.
func TestStrangerTestInvalidCounts(t *testing.T) {
	h := newHarness(t)
	v := h.app
	l := labOf(h)
	for _, k := range []string{"0", "-1", "abc", "1.5", "2", "3", "40", ""} {
		h.ui(func() {
			l.strangers.leftOut.SetText(k)
			if got := l.strangers.run.Text; got != "Train without …" {
				t.Errorf("k = %q: button reads %q for a run that cannot start", k, got)
			}
			test.Tap(l.strangers.run)
			if l.strangers.cancel != nil {
				t.Errorf("k = %q: the stranger test started with %d people", k, len(v.data.Classes))
				l.strangers.stopRun()
			}
			if got := l.strangers.status.Text; !strings.Contains(got, "invalid number") {
				t.Errorf("k = %q: status = %q, want it to reject the number", k, got)
			}
		})
	}
}

// TestRuleToggleDuringStrangerTest flips the rule and moves both sliders
// to their ends while the stranger test trains, then stops it.
func TestRuleToggleDuringStrangerTest(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	l := showThreshold(h)
	h.ui(func() {
		v.epochs.SetText("1000000")
		l.strangers.leftOut.SetText("1")
		test.Tap(l.strangers.run)
	})
	h.waitFor("the stranger test to report", func() bool { return l.strangers.progress.Value > 0 })
	rules := []string{ruleGreater, ruleGreaterOrEqual}
	for i := range 40 {
		h.ui(func() {
			l.rule.SetSelected(rules[i%2])
			l.threshold.SetValue(float64(i % 2))
			l.reject.SetValue(float64((i + 1) % 2))
		})
	}
	h.ui(func() {
		if !strings.HasPrefix(l.strangers.status.Text, "Training without") {
			t.Errorf("status during the run = %q", l.strangers.status.Text)
		}
		test.Tap(l.strangers.stop)
	})
	h.waitFor("the stranger test to stop", func() bool { return l.strangers.cancel == nil })
	h.ui(func() {
		if got := l.strangers.status.Text; got != "The stranger test was stopped." {
			t.Errorf("status after Stop = %q", got)
		}
	})
}

// TestTrainRejectedWhileComparing presses Train while Train both runs.
// Train both is refused while the main network trains, so the reverse
// must be refused too, with a message.
func TestTrainRejectedWhileComparing(t *testing.T) {
	h := newHarness(t)
	v := h.app
	done := make(chan struct{}, 1)
	h.ui(func() {
		v.compare.done = func() { done <- struct{}{} }
		v.epochs.SetText("1000000")
		test.Tap(v.compare.train)
	})
	h.waitFor("the pair to start", func() bool { return v.compare.progress.Value > 0 })
	h.ui(func() {
		test.Tap(v.train)
		if v.cancel != nil {
			t.Error("Train started while Train both runs")
			test.Tap(v.stop)
		}
		if v.win.Canvas().Overlays().Top() == nil {
			t.Error("Train during Train both showed no message")
		}
		test.Tap(v.compare.stop)
	})
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("timed out waiting for Train both to stop")
	}
	h.ui(func() {
		if v.cancel != nil {
			test.Tap(v.stop)
		}
	})
}
