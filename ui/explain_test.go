package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"visage/faceio"
	"visage/ui/views"
)

func TestExplainListsSixQuestions(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.showExplain()
		if v.win.Canvas().Overlays().Top() == nil {
			t.Fatal("Explain opened no dialog")
		}
		p := v.newExplainPanel(func() {}, func(int) {})
		if got := len(p.accordion.Items); got != 6 {
			t.Fatalf("%d questions, want 6", got)
		}
		for i, item := range p.accordion.Items {
			if item.Title != p.questions[i].Text {
				t.Errorf("item %d title = %q, want %q", i, item.Title, p.questions[i].Text)
			}
		}
	})
}

func TestExplainButtonsOpenTabs(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	h.ui(func() {
		p := v.newExplainPanel(func() {}, func(int) {})
		for i, q := range p.questions {
			for j, b := range p.buttons[i] {
				want := q.Tabs[j]
				if want == views.TabThreshold && v.viewNamed(want) == nil {
					want = q.Fallback
				}
				v.showTab(v.viewNamed("Training"))
				test.Tap(b)
				if got := v.currentView().name; got != want {
					t.Errorf("%q, button %q: tab %q, want %q", q.Text, b.Text, got, want)
				}
			}
		}
	})
}

func TestExplainSelectsTrainingFace(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	h.ui(func() {
		test.Tap(v.faceButtons[3])
		refilled := -1
		p := v.newExplainPanel(func() {}, func(open int) { refilled = open })
		person := p.questions[0].Person
		test.Tap(p.buttons[0][0])
		if refilled != 0 {
			t.Errorf("the dialog was refilled with item %d open, want 0", refilled)
		}
		i := slices.IndexFunc(v.data.Faces, func(f faceio.Face) bool { return f.Path == v.selected.title })
		if i < 0 {
			t.Fatalf("selection %q is not a face of the dataset", v.selected.title)
		}
		if got := v.data.Classes[v.data.Faces[i].Label]; got != person {
			t.Errorf("selected a face of %q, want %q", got, person)
		}
		if slices.Contains(v.validation, i) {
			t.Errorf("selected %q, which training held out", v.selected.title)
		}
	})
}

func TestExplainQuotesPredict(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	h.ui(func() {
		face := v.data.Faces[len(v.data.Faces)-1]
		v.selectFace(&face)
		e := v.explained()
		if want := v.data.Classes[face.Label]; e.Person != want {
			t.Errorf("person = %q, want %q", e.Person, want)
		}
		prob, logits := v.net.Predict(face.Input)
		k := slices.Index(v.net.Classes, e.Person)
		qs := v.newExplainPanel(func() {}, func(int) {}).questions
		for _, want := range []string{views.FormatLogit(logits[k]), views.FormatProbability(prob[k])} {
			if !strings.Contains(qs[0].Numbers, want) {
				t.Errorf("figures %q do not contain %s from Predict", qs[0].Numbers, want)
			}
		}
		if !strings.Contains(qs[2].Numbers, "add up to 1.0000") {
			t.Errorf("figures %q do not give the softmax sum 1.0000", qs[2].Numbers)
		}
	})
}
