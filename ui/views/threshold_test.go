package views

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"visage/model"
)

func TestRuleAccepts(t *testing.T) {
	below, above := math.Nextafter(0.5, 0), math.Nextafter(0.5, 1)
	tests := []struct {
		name string
		p, t float64
		rule Rule
		want bool
	}{
		{"exactly 0.5, p > t", 0.5, 0.5, Greater, false},
		{"exactly 0.5, p ≥ t", 0.5, 0.5, GreaterOrEqual, true},
		{"just above, p > t", above, 0.5, Greater, true},
		{"just above, p ≥ t", above, 0.5, GreaterOrEqual, true},
		{"just below, p > t", below, 0.5, Greater, false},
		{"just below, p ≥ t", below, 0.5, GreaterOrEqual, false},
		{"t = 0, p = 0, p > t", 0, 0, Greater, false},
		{"t = 1, p = 1, p ≥ t", 1, 1, GreaterOrEqual, true},
	}
	for _, tt := range tests {
		if got := tt.rule.Accepts(tt.p, tt.t); got != tt.want {
			t.Errorf("%s: Accepts(%v, %v) = %t, want %t", tt.name, tt.p, tt.t, got, tt.want)
		}
	}
}

func TestRuleAcceptsPanicsOnUnknownRule(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Accepts with rule \"<\" did not panic")
		}
	}()
	Rule("<").Accepts(0.5, 0.5)
}

func TestDecide(t *testing.T) {
	classes := []string{"a", "b", "c"}
	tests := []struct {
		name   string
		kind   model.OutputKind
		prob   []float64
		t      float64
		rule   Rule
		wantOK []bool
	}{
		{"softmax picks the argmax", model.Softmax, []float64{0.2, 0.5, 0.3}, 0.9, Greater,
			[]bool{false, true, false}},
		{"softmax ignores t", model.Softmax, []float64{0.2, 0.5, 0.3}, 0, GreaterOrEqual,
			[]bool{false, true, false}},
		{"softmax tie picks the first", model.Softmax, []float64{0.4, 0.4, 0.2}, 0.5, Greater,
			[]bool{true, false, false}},
		{"one-vs-rest at 0.5 with >", model.OneVsRest, []float64{0.5, 0.7, 0.1}, 0.5, Greater,
			[]bool{false, true, false}},
		{"one-vs-rest at 0.5 with ≥", model.OneVsRest, []float64{0.5, 0.7, 0.1}, 0.5, GreaterOrEqual,
			[]bool{true, true, false}},
		{"one-vs-rest, none passes", model.OneVsRest, []float64{0.3, 0.2, 0.1}, 0.5, GreaterOrEqual,
			[]bool{false, false, false}},
	}
	for _, tt := range tests {
		logits := make([]float64, len(tt.prob))
		got := Decide(tt.kind, classes, tt.prob, logits, tt.t, tt.rule)
		for i, d := range got {
			if d.Yes != tt.wantOK[i] {
				t.Errorf("%s: output %s yes = %t, want %t", tt.name, d.Label, d.Yes, tt.wantOK[i])
			}
		}
	}
}

func TestTopProbability(t *testing.T) {
	tests := []struct {
		name string
		kind model.OutputKind
		prob []float64
		want float64
	}{
		{"softmax", model.Softmax, []float64{0.1, 0.6, 0.3}, 0.6},
		{"one-vs-rest", model.OneVsRest, []float64{0.1, 0.2, 0.05}, 0.2},
		{"binary yes", model.Binary, []float64{0.8}, 0.8},
		{"binary no", model.Binary, []float64{0.25}, 0.75},
	}
	for _, tt := range tests {
		if got := TopProbability(tt.kind, tt.prob); got != tt.want {
			t.Errorf("%s: TopProbability = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCountAccepted(t *testing.T) {
	tops := []float64{0.2, 0.5, math.Nextafter(0.5, 0), 0.9, 1}
	tests := []struct {
		r    float64
		want Count
	}{
		{0, Count{Accepted: 5}},
		{0.5, Count{Accepted: 3, Rejected: 2}},
		{0.95, Count{Accepted: 1, Rejected: 4}},
		{1, Count{Accepted: 1, Rejected: 4}},
	}
	for _, tt := range tests {
		got := CountAccepted(tops, tt.r)
		if got != tt.want {
			t.Errorf("r = %v: CountAccepted = %+v, want %+v", tt.r, got, tt.want)
		}
		if got.Total() != len(tops) {
			t.Errorf("r = %v: Total = %d, want %d", tt.r, got.Total(), len(tops))
		}
	}
}

func TestBoundaryExampleIsExactlyHalf(t *testing.T) {
	net, x := BoundaryExample()
	prob, logits := net.Predict(x)
	if logits[0] != 0 {
		t.Fatalf("logit = %v, want exactly 0", logits[0])
	}
	if prob[0] != 0.5 {
		t.Fatalf("p = %v, want exactly 0.5", prob[0])
	}
	if Greater.Accepts(prob[0], 0.5) {
		t.Error("p > 0.5 accepts p = σ(0)")
	}
	if !GreaterOrEqual.Accepts(prob[0], 0.5) {
		t.Error("p ≥ 0.5 rejects p = σ(0)")
	}
	if got := net.Rank(x)[0].Label; got != net.Classes[0] {
		t.Errorf("Rank puts %q first at p = 0.5, want the positive class", got)
	}
}

// randomNetwork returns a seeded sigmoid network of the given output kind.
func randomNetwork(t *testing.T, kind model.OutputKind, classes []string, seed uint64) *model.Network {
	t.Helper()
	net, err := model.New(model.Config{Grid: model.Grid{Width: 6, Height: 5}, Hidden: []int{7},
		Classes: classes, Output: kind, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	last := len(net.Layers) - 1
	for j := range net.Layers[last].B {
		net.Layers[last].B[j] = rng.NormFloat64()
	}
	return net
}

func TestFindBoundaryReachesZero(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for seed := range uint64(20) {
		kind, classes := model.OneVsRest, []string{"a", "b", "c"}
		if seed%2 == 0 {
			kind, classes = model.Binary, []string{"a"}
		}
		net := randomNetwork(t, kind, classes, seed)
		x := make([]float64, net.Inputs())
		for i := range x {
			x[i] = rng.Float64()
		}
		before := net.Clone()
		b, err := FindBoundary(net, x)
		if err != nil {
			t.Errorf("seed %d: %v", seed, err)
			continue
		}
		if b.Exact != (b.NewLogit == 0) {
			t.Errorf("seed %d: Exact = %t for new logit %v", seed, b.Exact, b.NewLogit)
		}
		if b.NewLogit < 0 || b.NewLogit > 1e-14 {
			t.Errorf("seed %d: new logit %v, want 0 or a rounding residue above it", seed, b.NewLogit)
		}
		if math.Abs(b.NewProbability-0.5) > 1e-15 {
			t.Errorf("seed %d: new p %v, want 0.5", seed, b.NewProbability)
		}
		_, z := net.Predict(x)
		_, zBefore := before.Predict(x)
		if z[b.Output] != zBefore[b.Output] {
			t.Errorf("seed %d: FindBoundary changed the network it was given", seed)
		}
	}
}

func TestFindBoundaryRejectsSoftmax(t *testing.T) {
	net := randomNetwork(t, model.Softmax, []string{"a", "b"}, 1)
	if _, err := FindBoundary(net, make([]float64, net.Inputs())); err == nil {
		t.Error("FindBoundary on a softmax network returned no error")
	}
}

func TestDescribeDecisions(t *testing.T) {
	d := []Decision{{Label: "a", Probability: 0.5, Yes: true}, {Label: "b", Probability: 0.25}}
	lab := Lab{Threshold: 0.5, Rule: GreaterOrEqual, Reject: 0.8}
	got := DescribeDecisions(model.OneVsRest, d, lab, 1)
	for _, want := range []string{"a: z = 0, p = σ(z) = 0.5, so yes (p ≥ 0.5 is true)",
		"… and 1 more outputs", "yes when p ≥ 0.5"} {
		if !strings.Contains(got, want) {
			t.Errorf("text %q does not contain %q", got, want)
		}
	}
	soft := DescribeDecisions(model.Softmax, d, lab, 5)
	if !strings.Contains(soft, "a: z = 0, p = softmax(z) = 0.5, so chosen") ||
		!strings.Contains(soft, "unknown person") {
		t.Errorf("softmax text %q does not name the choice and the rejection", soft)
	}
}

func TestStrangerPlotAndSummary(t *testing.T) {
	res := StrangerResult{Strangers: []float64{0.9, 0.4, 0.7}, Known: []float64{0.95, 0.99}}
	if got, want := res.Summary(0.8), "1 of 3 strangers would be accepted as someone at r = 0.8"; !strings.HasPrefix(got, want) {
		t.Errorf("Summary = %q, want it to start with %q", got, want)
	}
	if _, err := StrangerPlot(res, 0.8); err != nil {
		t.Errorf("StrangerPlot: %v", err)
	}
	if _, err := StrangerPlot(StrangerResult{}, 0.8); err == nil {
		t.Error("StrangerPlot without strangers returned no error")
	}
	var csv strings.Builder
	if err := res.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(csv.String(), "\n"); rows != 6 {
		t.Errorf("CSV has %d lines, want a header and 5 rows", rows)
	}
}

func TestDescribeBoundaryExample(t *testing.T) {
	got := DescribeBoundaryExample()
	for _, want := range []string{"z = 0,", "p = σ(0) = 0.5 exactly", "p > 0.5 says no; p ≥ 0.5 says yes"} {
		if !strings.Contains(got, want) {
			t.Errorf("text %q does not contain %q", got, want)
		}
	}
}
