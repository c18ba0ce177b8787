package views

import (
	"bytes"
	"encoding/csv"
	"math"
	"slices"
	"strconv"
	"testing"

	"visage/model"
)

func newPair(t *testing.T) (OutputPair, fixture) {
	t.Helper()
	soft := newFixture(t, model.Softmax)
	ovr := newFixture(t, model.OneVsRest)
	return OutputPair{Softmax: soft.net, OneVsRest: ovr.net}, soft
}

func TestCompareSums(t *testing.T) {
	pair, f := newPair(t)
	input := f.state.Face.Input
	if got := ProbabilitySum(pair.Softmax.Rank(input)); math.Abs(got-1) > 1e-9 {
		t.Errorf("softmax sum = %.12f, want 1 ± 1e-9", got)
	}
	var far int
	for _, face := range f.data.Faces {
		if math.Abs(ProbabilitySum(pair.OneVsRest.Rank(face.Input))-1) > 0.01 {
			far++
		}
	}
	if far == 0 {
		t.Error("one-vs-rest sums are within 0.01 of 1 for every face, want some that are not")
	}
}

func TestCompareCSV(t *testing.T) {
	pair, f := newPair(t)
	input := f.state.Face.Input
	r := Compare(pair, input, "person", f.state.Face.Title, 1)
	if b := r.Image.Bounds(); b.Dx() < 800 || b.Dy() < 300 {
		t.Errorf("image is %v, want two charts side by side", b.Size())
	}
	var buf bytes.Buffer
	if err := r.CSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"", "softmax probability", "softmax logit",
		"one-vs-rest probability", "one-vs-rest logit"}
	if !slices.Equal(rows[0], wantHeader) {
		t.Errorf("header = %q, want %q", rows[0], wantHeader)
	}
	if got, want := len(rows)-1, len(pair.Softmax.Classes); got != want {
		t.Fatalf("%d rows, want one per class, %d", got, want)
	}
	softP, _ := pair.Softmax.Predict(input)
	ovrP, ovrZ := pair.OneVsRest.Predict(input)
	for i, row := range rows[1:] {
		want := []float64{softP[i], ovrP[i], ovrZ[i]}
		got := []string{row[1], row[3], row[4]}
		for j := range want {
			v, err := strconv.ParseFloat(got[j], 64)
			if err != nil || v != want[j] {
				t.Errorf("row %s, value %d = %q, want %v", row[0], j, got[j], want[j])
			}
		}
	}
}

func TestCompareFaceMessages(t *testing.T) {
	pair, f := newPair(t)
	noFace := f.state
	noFace.Face = nil
	misfit := f.state
	misfit.Face = &Face{Title: "short", Input: make([]float64, 10)}
	notFitting := f.state
	notFitting.Fits = false
	tests := []struct {
		name string
		pair *OutputPair
		s    State
		csv  bool
	}{
		{"no pair", nil, f.state, false},
		{"no face", &pair, noFace, false},
		{"input of another length", &pair, misfit, false},
		{"data for another network", &pair, notFitting, false},
		{"face and pair", &pair, f.state, true},
	}
	for _, tt := range tests {
		r := CompareFace(tt.pair, tt.s, "person")
		if r.Image == nil {
			t.Errorf("%s: no image", tt.name)
		}
		if got := r.CSV != nil; got != tt.csv {
			t.Errorf("%s: has CSV = %v, want %v", tt.name, got, tt.csv)
		}
	}
}

func TestComparePanics(t *testing.T) {
	pair, f := newPair(t)
	input := f.state.Face.Input
	tests := []struct {
		name string
		pair OutputPair
	}{
		{"missing network", OutputPair{Softmax: pair.Softmax}},
		{"swapped outputs", OutputPair{Softmax: pair.OneVsRest, OneVsRest: pair.Softmax}},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Compare did not panic", tt.name)
				}
			}()
			Compare(tt.pair, input, "person", "face", 1)
		}()
	}
}
