package views

import (
	"slices"
	"strings"
	"testing"

	"visage/model"
)

func TestQuestionsListSix(t *testing.T) {
	f := newFixture(t, model.Softmax)
	qs := Questions(Explained{Net: f.net})
	wantTabs := []string{TabOutput, TabLayer1, TabCompare, TabLayer1, TabLayer2, TabThreshold}
	if len(qs) != len(wantTabs) {
		t.Fatalf("%d questions, want %d", len(qs), len(wantTabs))
	}
	for i, q := range qs {
		if q.Text == "" || q.Answer == "" || q.Numbers == "" {
			t.Errorf("question %d has an empty text, answer or figures: %+v", i, q)
		}
		if len(q.Tabs) == 0 || q.Tabs[0] != wantTabs[i] {
			t.Errorf("question %d: tabs %q, want %q first", i, q.Tabs, wantTabs[i])
		}
	}
	if !slices.Contains(qs[1].Tabs, TabEigenfaces) {
		t.Errorf("reference picture: tabs %q, want Eigenfaces too", qs[1].Tabs)
	}
	if qs[5].Fallback != TabOutput {
		t.Errorf("threshold fallback = %q, want %q", qs[5].Fallback, TabOutput)
	}
	if !strings.Contains(qs[5].Answer, "p ≥ 0.5") {
		t.Errorf("threshold answer %q does not state p ≥ 0.5", qs[5].Answer)
	}
}

func TestQuestionsQuotePredict(t *testing.T) {
	for _, kind := range []model.OutputKind{model.Softmax, model.OneVsRest, model.Binary} {
		f := newFixture(t, kind)
		face := f.data.Faces[0]
		person := f.data.Classes[face.Label]
		qs := Questions(Explained{Net: f.net, Input: face.Input, Title: face.Path, Person: person})
		prob, logits := f.net.Predict(face.Input)
		k := slices.Index(f.net.Classes, person)
		if k < 0 {
			k = 0
		}
		own := qs[0].Numbers
		for _, want := range []string{FormatLogit(logits[k]), FormatProbability(prob[k]), face.Path} {
			if !strings.Contains(own, want) {
				t.Errorf("%s: figures %q do not contain %q", kind, own, want)
			}
		}
		if qs[0].Person != f.net.Classes[k] {
			t.Errorf("%s: person = %q, want %q", kind, qs[0].Person, f.net.Classes[k])
		}
		var sum float64
		for _, p := range prob {
			sum += p
		}
		if kind != model.Binary && !strings.Contains(qs[2].Numbers, FormatProbability(sum)) {
			t.Errorf("%s: figures %q do not contain the sum %s", kind, qs[2].Numbers, FormatProbability(sum))
		}
	}
}

func TestQuestionsThresholdVerdict(t *testing.T) {
	f := newFixture(t, model.Binary)
	for _, face := range f.data.Faces[:12] {
		prob, logits := f.net.Predict(face.Input)
		got := Questions(Explained{Net: f.net, Input: face.Input, Title: face.Path})[5].Numbers
		want := "so the answer is yes"
		if prob[0] < 0.5 {
			want = "so the answer is no"
		}
		if !strings.Contains(got, want) || !strings.Contains(got, FormatLogit(logits[0])) {
			t.Errorf("%s (p = %v): figures %q, want %q and z", face.Path, prob[0], got, want)
		}
	}
}

func TestQuestionsWithoutSelection(t *testing.T) {
	f := newFixture(t, model.OneVsRest)
	qs := Questions(Explained{Net: f.net})
	for _, i := range []int{0, 3, 5} {
		if qs[i].Numbers != noSelection {
			t.Errorf("question %d figures = %q, want the prompt to select a face", i, qs[i].Numbers)
		}
	}
	if qs[0].Person != f.net.Classes[0] {
		t.Errorf("person without a selection = %q, want the first class %q", qs[0].Person, f.net.Classes[0])
	}
}
