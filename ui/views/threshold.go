package views

import (
	"fmt"
	"image"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"visage/model"
	"visage/viz"
)

// Rule is the comparison that turns a probability p and a threshold t into
// a yes or a no. Its values are the Rule strings of viz.ChartOptions.
type Rule string

const (
	Greater        Rule = ">"  // yes when p > t
	GreaterOrEqual Rule = ">=" // yes when p ≥ t, the rule of Visage's accuracy
)

// Accepts reports whether p passes the threshold t under r. It panics for a
// Rule other than Greater and GreaterOrEqual.
func (r Rule) Accepts(p, t float64) bool {
	switch r {
	case Greater:
		return p > t
	case GreaterOrEqual:
		return p >= t
	}
	panic(fmt.Sprintf("views: unknown decision rule %q", string(r)))
}

// Symbol returns the rule's comparison as one character, ">" or "≥".
func (r Rule) Symbol() string {
	if r == GreaterOrEqual {
		return "≥"
	}
	return string(r)
}

// Lab is the choices of the Threshold view and the last stranger test.
type Lab struct {
	Threshold float64 // the decision threshold t of a sigmoid output
	Rule      Rule
	// Reject is the rejection threshold r: a face whose top probability is
	// below r is an unknown person.
	Reject float64
	// Strangers is the last stranger test on the data on screen, or nil.
	Strangers *StrangerResult
}

// Decision is one output of a network for one input, and its decision.
type Decision struct {
	Label       string
	Logit       float64
	Probability float64
	Yes         bool
}

// Decide returns the decision of each output of a network of kind whose
// outputs, named classes, computed prob and logits for one input. A
// sigmoid output (Binary or OneVsRest) decides yes when its probability
// passes t under rule. Softmax outputs ignore t and rule: only the largest
// probability decides yes, the first of equal ones, as the network's
// accuracy counts it.
func Decide(kind model.OutputKind, classes []string, prob, logits []float64,
	t float64, rule Rule) []Decision {

	if len(prob) != len(classes) || len(logits) != len(classes) {
		panic(fmt.Sprintf("views: %d classes, %d probabilities and %d logits",
			len(classes), len(prob), len(logits)))
	}
	best := argmax(prob)
	out := make([]Decision, len(classes))
	for i, name := range classes {
		out[i] = Decision{Label: name, Logit: logits[i], Probability: prob[i]}
		if kind == model.Softmax {
			out[i].Yes = i == best
		} else {
			out[i].Yes = rule.Accepts(prob[i], t)
		}
	}
	return out
}

// TopProbability returns the probability of the class a network of kind
// ranks first: the largest of prob, or for a Binary network the larger of
// p and 1 − p, as model.Network.Rank scores it.
func TopProbability(kind model.OutputKind, prob []float64) float64 {
	if kind == model.Binary {
		return max(prob[0], 1-prob[0])
	}
	return slices.Max(prob)
}

// Unknown reports whether a face whose top probability is top is rejected
// as an unknown person at the rejection threshold r.
func Unknown(top, r float64) bool { return top < r }

// DescribeDecisions explains the decisions of a network of kind for one
// face, with at most maxRows outputs listed, most probable first.
func DescribeDecisions(kind model.OutputKind, d []Decision, lab Lab, maxRows int) string {
	sorted := slices.Clone(d)
	slices.SortStableFunc(sorted, func(a, b Decision) int {
		return -cmpFloat(a.Probability, b.Probability)
	})
	var b strings.Builder
	function := "σ(z)"
	if kind == model.Softmax {
		function = "softmax(z)"
	}
	for i, x := range sorted {
		if i == maxRows {
			fmt.Fprintf(&b, "… and %d more outputs with lower p\n", len(sorted)-maxRows)
			break
		}
		fmt.Fprintf(&b, "%s: z = %s, p = %s = %s, so %s\n", x.Label, formatNumber(x.Logit),
			function, formatNumber(x.Probability), decisionWord(kind, x, lab))
	}
	b.WriteString(ruleNote(kind, lab))
	return b.String()
}

func decisionWord(kind model.OutputKind, x Decision, lab Lab) string {
	if kind == model.Softmax {
		if x.Yes {
			return "chosen, the largest p"
		}
		return "not chosen"
	}
	word := "no"
	if x.Yes {
		word = "yes"
	}
	return fmt.Sprintf("%s (p %s %s is %t)", word, lab.Rule.Symbol(),
		formatNumber(lab.Threshold), x.Yes)
}

func ruleNote(kind model.OutputKind, lab Lab) string {
	if kind == model.Softmax {
		return "Softmax: the decision is the output with the largest p, whatever t is. " +
			"A threshold only matters for rejecting a face as an unknown person."
	}
	return fmt.Sprintf("Each sigmoid output decides on its own: yes when p %s %s.",
		lab.Rule.Symbol(), formatNumber(lab.Threshold))
}

// DescribeRejection explains whether a face with top probability top,
// for the class named best, is rejected as unknown at lab.Reject.
func DescribeRejection(best string, top float64, lab Lab) string {
	if Unknown(top, lab.Reject) {
		return fmt.Sprintf("Top probability %s (%s) < r = %s: unknown person.",
			formatNumber(top), best, formatNumber(lab.Reject))
	}
	return fmt.Sprintf("Top probability %s (%s) ≥ r = %s: accepted as %s.",
		formatNumber(top), best, formatNumber(lab.Reject), best)
}

// formatNumber prints v in full when that takes at most seven characters,
// so 0.5 reads 0.5, and otherwise with four decimals, or four significant
// digits for small values.
func formatNumber(v float64) string {
	if s := strconv.FormatFloat(v, 'g', -1, 64); len(s) <= 7 {
		return s
	}
	if math.Abs(v) < 1e-3 {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Threshold draws the output chart of the selected face with the decision
// threshold, or the rejection threshold for a softmax network, beside the
// chart of the last stranger test.
func Threshold(s State, lab Lab) Rendering {
	left := faceChart(s, lab)
	if lab.Strangers == nil {
		hint := viz.EmptyImage(labChartWidth, labChartHeight, s.Scale,
			"Press \"Train without …\" to see how sure the network is about people it never saw.")
		return Rendering{Image: sideBySide(left, hint), Net: s.Net}
	}
	p, err := StrangerPlot(*lab.Strangers, lab.Reject)
	if err != nil {
		hint := viz.EmptyImage(labChartWidth, labChartHeight, s.Scale, err.Error())
		return Rendering{Image: sideBySide(left, hint), Net: s.Net}
	}
	height := max(left.Bounds().Dy(), pixelsAt(labChartHeight, s.Scale))
	res := *lab.Strangers
	return Rendering{
		Image: sideBySide(left, viz.RenderPlotPixels(p, pixelsAt(labChartWidth+40, s.Scale), height, s.Scale)),
		Plot:  p,
		Net:   s.Net,
		CSV:   func(w io.Writer) error { return res.WriteCSV(w) },
	}
}

// The Threshold view's charts share its tab with sliders and text, so
// they are smaller than the Output tab's: labChartWidth×labChartHeight
// logical pixels, taller when there are many bars.
const (
	labChartWidth  = 400
	labChartHeight = 260
)

// faceChart draws the probability chart of the selected face.
func faceChart(s State, lab Lab) image.Image {
	if s.Face == nil || len(s.Face.Input) != s.Net.Inputs() {
		return viz.EmptyImage(labChartWidth, labChartHeight, s.Scale,
			"Click a face to see its logits, probabilities and decisions.")
	}
	bars := make([]viz.Bar, 0, len(s.Net.Classes)+1)
	for _, sc := range s.Net.Rank(s.Face.Input) {
		bars = append(bars, viz.Bar{Label: sc.Label, Probability: sc.Probability, Logit: sc.Logit})
	}
	rows := min(len(bars), viz.DefaultMaxBars)
	opt := viz.ChartOptions{Title: "Decisions for " + s.Face.Title,
		Width: labChartWidth, Height: max(labChartHeight, 80+22*rows),
		Threshold: lab.Threshold, Rule: string(lab.Rule), PixelScale: s.Scale}
	if s.Net.Output == model.Softmax {
		opt.Threshold, opt.Rule = lab.Reject, string(GreaterOrEqual)
		opt.Note = "Softmax picks the largest p. The line is the rejection threshold r: " +
			"below it the face counts as an unknown person."
	}
	chart, err := viz.ProbabilityChart(bars, opt)
	if err != nil {
		return viz.EmptyImage(labChartWidth, labChartHeight, s.Scale, err.Error())
	}
	return chart
}

// BoundaryExample returns a one-input-pair Binary network and a row whose
// logit is exactly 0, so its probability σ(0) is exactly 0.5: the row
// (1, −1) against the equal weights (0.75, 0.75) and a zero bias.
func BoundaryExample() (*model.Network, []float64) {
	net, err := model.New(model.Config{
		Grid:    model.Grid{Width: 2, Height: 1},
		Classes: []string{"the example person"},
		Output:  model.Binary,
	})
	if err != nil {
		panic(err) // the configuration above is valid
	}
	net.Layers[0].W = mat.NewDense(2, 1, []float64{0.75, 0.75})
	net.Layers[0].B = []float64{0}
	return net, []float64{1, -1}
}

// DescribeBoundaryExample explains the decisions for the row of
// BoundaryExample under both rules at t = 0.5.
func DescribeBoundaryExample() string {
	net, x := BoundaryExample()
	prob, logits := net.Predict(x)
	return fmt.Sprintf("Example row (1, −1), weights (0.75, 0.75), bias 0: z = %s, "+
		"p = σ(0) = %s exactly. %s Visage counts accuracy with p ≥ 0.5 (z ≥ 0), "+
		"so a face exactly on the boundary counts as a yes.",
		formatNumber(logits[0]), formatNumber(prob[0]), bothRules(prob[0]))
}

// bothRules states the decision for p at t = 0.5 under both rules.
func bothRules(p float64) string {
	word := map[bool]string{false: "no", true: "yes"}
	return fmt.Sprintf("p > 0.5 says %s; p ≥ 0.5 says %s.",
		word[Greater.Accepts(p, 0.5)], word[GreaterOrEqual.Accepts(p, 0.5)])
}

// DescribeBoundary explains the bias change b and the decisions it gives.
func DescribeBoundary(b Boundary) string {
	text := fmt.Sprintf("Output %s: z = %s with bias %s. A copy with bias b − z = %s gives ",
		b.Label, formatNumber(b.Logit), formatNumber(b.Bias), formatNumber(b.NewBias))
	if b.Exact {
		text += "z = 0 exactly"
	} else {
		text += fmt.Sprintf("z = %g, not 0: the logit adds rounded products after the bias, "+
			"so no float64 bias gives exactly 0", b.NewLogit)
	}
	return text + fmt.Sprintf(", p = σ(z) = %v. %s The network on screen is unchanged.",
		b.NewProbability, bothRules(b.NewProbability))
}

// Boundary is a change of one output bias that puts a face on the
// decision boundary of a sigmoid output.
type Boundary struct {
	Output int    // the index of the output changed
	Label  string // its class
	// Logit and Bias are the output's logit for the face and its bias in
	// the network on screen. NewBias is the bias of the changed copy, and
	// NewLogit and NewProbability the copy's output for the face.
	Logit, Bias                       float64
	NewBias, NewLogit, NewProbability float64
	// Exact is true when NewLogit is exactly 0. Otherwise no float64 bias
	// gives exactly 0 and NewLogit is the smallest positive logit one gives.
	Exact bool
}

// FindBoundary returns the bias of the most probable output of net that
// gives x a logit of 0, computed on a copy of net, so net is unchanged.
// The bias b − z is exact only in exact arithmetic: the logit adds up
// rounded products after the bias, so the bias is refined until the logit
// is 0, or failing that the smallest positive value it can reach.
// FindBoundary returns an error for a softmax network, whose probabilities
// are not a sigmoid of one logit.
func FindBoundary(net *model.Network, x []float64) (Boundary, error) {
	if net.Output == model.Softmax {
		return Boundary{}, fmt.Errorf("a softmax output has no threshold of its own: " +
			"choose One-vs-rest or Binary in the network settings and train again")
	}
	prob, logits := net.Predict(x)
	j := argmax(prob)
	last := len(net.Layers) - 1
	copyNet := net.Clone()
	bias := copyNet.Layers[last].B
	found := Boundary{Output: j, Label: net.Classes[j], Logit: logits[j], Bias: bias[j]}
	logitAt := func(b float64) float64 {
		bias[j] = b
		_, z := copyNet.Predict(x)
		return z[j]
	}
	found.NewBias, found.Exact = solveZero(logitAt, found.Bias-found.Logit)
	bias[j] = found.NewBias
	p, z := copyNet.Predict(x)
	found.NewLogit, found.NewProbability = z[j], p[j]
	return found, nil
}

// solveZero returns a b with f(b) = 0 for a nondecreasing f, starting from
// the guess b: a few Newton steps of slope 1, then bisection between
// neighbouring float64 values. When f jumps over 0 it returns the b of the
// smallest positive f it found, and false.
func solveZero(f func(float64) float64, b float64) (float64, bool) {
	for range 4 {
		z := f(b)
		if z == 0 {
			return b, true
		}
		b -= z
	}
	lo, hi := bracket(f, b)
	for {
		mid := lo + (hi-lo)/2
		if mid == lo || mid == hi {
			break
		}
		switch z := f(mid); {
		case z == 0:
			return mid, true
		case z < 0:
			lo = mid
		default:
			hi = mid
		}
	}
	if f(lo) == 0 {
		return lo, true
	}
	return hi, f(hi) == 0
}

// bracket returns lo ≤ b ≤ hi with f(lo) ≤ 0 ≤ f(hi), widening the
// interval around b by doubling steps.
func bracket(f func(float64) float64, b float64) (lo, hi float64) {
	step := max(math.Abs(b)*1e-15, 1e-300)
	lo, hi = b, b
	for d := step; f(lo) > 0 && !math.IsInf(lo, 0); d *= 2 {
		lo = b - d
	}
	for d := step; f(hi) < 0 && !math.IsInf(hi, 0); d *= 2 {
		hi = b + d
	}
	return lo, hi
}
