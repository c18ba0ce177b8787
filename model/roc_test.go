package model

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestROCHandWorked(t *testing.T) {
	tests := []struct {
		name       string
		scores     []float64
		positive   []bool
		fpr, tpr   []float64
		thresholds []float64
		auc        float64
	}{
		{
			name:       "no ties",
			scores:     []float64{0.5, 0.9, 0.7, 0.8, 0.55, 0.6},
			positive:   []bool{false, true, false, true, false, true},
			fpr:        []float64{0, 0, 0, 1. / 3, 1. / 3, 2. / 3, 1},
			tpr:        []float64{0, 1. / 3, 2. / 3, 2. / 3, 1, 1, 1},
			thresholds: []float64{math.Inf(1), 0.9, 0.8, 0.7, 0.6, 0.55, 0.5},
			auc:        8. / 9,
		},
		{
			name:       "tie across classes",
			scores:     []float64{1, 1, 0},
			positive:   []bool{true, false, false},
			fpr:        []float64{0, 0.5, 1},
			tpr:        []float64{0, 1, 1},
			thresholds: []float64{math.Inf(1), 1, 0},
			auc:        0.75,
		},
		{
			name:       "reversed",
			scores:     []float64{0, 1},
			positive:   []bool{true, false},
			fpr:        []float64{0, 1, 1},
			tpr:        []float64{0, 0, 1},
			thresholds: []float64{math.Inf(1), 1, 0},
			auc:        0,
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			c, err := ROC(test.scores, test.positive)
			if err != nil {
				t.Fatal(err)
			}
			checkFloats(t, "FPR", c.FPR, test.fpr)
			checkFloats(t, "TPR", c.TPR, test.tpr)
			checkFloats(t, "Thresholds", c.Thresholds, test.thresholds)
			if math.Abs(c.AUC-test.auc) > 1e-12 {
				t.Errorf("AUC = %v, want %v", c.AUC, test.auc)
			}
		})
	}
}

func checkFloats(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %v, want %v", name, got, want)
	}
	for i := range got {
		if got[i] != want[i] && math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("%s[%d] = %v, want %v", name, i, got[i], want[i])
		}
	}
}

// mannWhitneyAUC returns the share of positive–negative pairs in which
// the positive scores higher, counting ties as half.
func mannWhitneyAUC(scores []float64, positive []bool) float64 {
	var wins float64
	var pairs int
	for i, si := range scores {
		if !positive[i] {
			continue
		}
		for j, sj := range scores {
			if positive[j] {
				continue
			}
			pairs++
			switch {
			case si > sj:
				wins++
			case si == sj:
				wins += 0.5
			}
		}
	}
	return wins / float64(pairs)
}

func TestROCMatchesMannWhitney(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 20 {
		n := 5 + rng.IntN(200)
		scores := make([]float64, n)
		positive := make([]bool, n)
		for i := range n {
			positive[i] = i%3 == 0
			// Rounding to tenths makes many ties.
			s := rng.NormFloat64()
			if positive[i] {
				s += 0.8
			}
			scores[i] = math.Round(s*10) / 10
		}
		c, err := ROC(scores, positive)
		if err != nil {
			t.Fatal(err)
		}
		want := mannWhitneyAUC(scores, positive)
		if math.Abs(c.AUC-want) > 1e-12 {
			t.Errorf("trial %d: AUC = %v, want %v", trial, c.AUC, want)
		}
		last := len(c.FPR) - 1
		if c.FPR[last] != 1 || c.TPR[last] != 1 {
			t.Errorf("trial %d: last point (%v, %v), want (1, 1)",
				trial, c.FPR[last], c.TPR[last])
		}
	}
}

func TestROCErrors(t *testing.T) {
	tests := []struct {
		name     string
		scores   []float64
		positive []bool
		want     string
	}{
		{"empty", nil, nil, "no positives"},
		{"only negatives", []float64{1, 2}, []bool{false, false}, "no positives"},
		{"only positives", []float64{1, 2}, []bool{true, true}, "no negatives"},
		{"NaN score", []float64{1, math.NaN()}, []bool{true, false}, "score 1 is NaN"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			_, err := ROC(test.scores, test.positive)
			if err == nil || !strings.Contains(err.Error(), test.want) {
				t.Errorf("error = %v, want one containing %q", err, test.want)
			}
		})
	}
}

func TestROCLengthMismatchPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("ROC with 2 scores and 1 label did not panic")
		}
	}()
	ROC([]float64{1, 2}, []bool{true})
}
