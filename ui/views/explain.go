package views

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"visage/model"
)

// Question is one question learners ask about "the probability of being
// person XYZ", with its answer for the network and input on screen.
type Question struct {
	Text    string // the question
	Answer  string // the answer for any network
	Numbers string // the figures for the input on screen, or how to get them
	// Tabs are the names of the tabs that show the answer, most useful
	// first.
	Tabs []string
	// Fallback is the tab to open instead of Tabs[0] when the window has
	// no tab of that name, or "".
	Fallback string
	// Person is the class one of whose training faces should be selected
	// before Tabs[0] opens, or "" to keep the selection.
	Person string
}

// Explained is the subject of the questions: a network and, when one is
// selected, an input and its title. Person is the class the input belongs
// to, or "" when it is not known, as for a dropped photo.
type Explained struct {
	Net    *model.Network
	Input  []float64
	Title  string
	Person string
}

// Tab names the questions refer to.
const (
	TabOutput     = "Output"
	TabLayer1     = "Layer 1"
	TabLayer2     = "Layer 2"
	TabEigenfaces = "Eigenfaces"
	TabCompare    = "Compare"
	TabThreshold  = "Threshold"
)

// noSelection replaces the figures when no input is selected.
const noSelection = "Click a face or drop a photo to see the figures for it."

// Questions returns the six questions with their answers and the figures
// for e. It panics if e.Input is not nil and does not fit e.Net.
func Questions(e Explained) []Question {
	var prob, logits []float64
	if e.Input != nil {
		prob, logits = e.Net.Predict(e.Input)
	}
	f := figures{Explained: e, prob: prob, logits: logits}
	return []Question{
		f.notCertain(), f.reference(), f.sigmoidOrSoftmax(),
		f.templates(), f.layer2(), f.threshold(),
	}
}

// figures computes the numbers quoted under each question.
type figures struct {
	Explained
	prob, logits []float64 // nil without an input
}

// FormatProbability formats a probability p with four decimals.
func FormatProbability(p float64) string { return fmt.Sprintf("%.4f", p) }

// FormatLogit formats a logit z with three decimals.
func FormatLogit(z float64) string { return fmt.Sprintf("%.3f", z) }

// output returns the index of the output unit that scores class, or of
// the most probable class when class is "" or not an output. For a
// Binary network it is always 0.
func (f figures) output(class string) int {
	if i := slices.Index(f.Net.Classes, class); i >= 0 {
		return i
	}
	return argmax(f.prob)
}

func (f figures) notCertain() Question {
	q := Question{
		Text: "Why is it not 100% for the person's own photo?",
		Answer: "The output is σ(z) = 1/(1+e^−z) for a sigmoid, or the softmax " +
			"p = e^z_k / Σ e^z_j, and both reach 1 only as the logit z, or its lead over " +
			"the other logits, goes to infinity. Training stops pushing long before: the " +
			"cross-entropy gradient p − 1 is almost 0 once p is close to 1, and the L2 " +
			"penalty pulls the weights that make z large back towards 0. So even a " +
			"training face of the person gets a probability below 1.",
		Tabs:   []string{TabOutput},
		Person: f.Person,
	}
	if f.Person == "" && len(f.Net.Classes) > 0 {
		q.Person = f.Net.Classes[0]
	}
	if f.prob == nil {
		q.Numbers = noSelection
		return q
	}
	k := f.output(f.Person)
	q.Person = f.Net.Classes[k]
	q.Numbers = f.probabilityOf(k)
	return q
}

// probabilityOf describes how output k's probability comes from its logit.
func (f figures) probabilityOf(k int) string {
	z, p := f.logits[k], f.prob[k]
	name := f.Net.Classes[k]
	if f.Net.Output == model.Softmax {
		return fmt.Sprintf("%s, %s: logit z = %s, softmax p = %s. "+
			"The other %d classes share the remaining %s, because every e^z_j is above 0.",
			f.Title, name, FormatLogit(z), FormatProbability(p),
			len(f.prob)-1, FormatProbability(1-p))
	}
	return fmt.Sprintf("%s, %s: logit z = %s, σ(z) = %s. "+
		"σ(z) = 0.99 would need z ≥ %s, and σ(z) = 1 would need z = ∞.",
		f.Title, name, FormatLogit(z), FormatProbability(p), FormatLogit(math.Log(99)))
}

func (f figures) reference() Question {
	var parts []string
	total := 0
	for i, l := range f.Net.Layers {
		r, c := l.W.Dims()
		parts = append(parts, fmt.Sprintf("layer %d has %d×%d weights and %d biases", i+1, r, c, c))
		total += r*c + c
	}
	return Question{
		Text: "Where is the reference picture of each person?",
		Answer: "There is none. The network stores no photo, only weights. Each layer-1 " +
			"unit has one weight per pixel, which the Layer 1 tab draws on the input grid " +
			"as a template; the Eigenfaces tab shows what the faces themselves have in " +
			"common, for comparison.",
		Numbers: fmt.Sprintf("The network on screen is %d numbers: %s.",
			total, strings.Join(parts, ", ")),
		Tabs: []string{TabLayer1, TabEigenfaces},
	}
}

func (f figures) sigmoidOrSoftmax() Question {
	q := Question{
		Text: "Should the output be a sigmoid or a softmax?",
		Answer: "A softmax shares a total of 1 among the classes, so it always picks " +
			"someone, even for a stranger. One sigmoid per class (one-vs-rest) asks " +
			"\"is it XYZ?\" for each class on its own, so the probabilities need not " +
			"add up to 1 and a stranger can get low ones for everyone. The Compare tab " +
			"trains both on the same faces and shows them side by side.",
		Tabs: []string{TabCompare},
	}
	if f.prob == nil {
		q.Numbers = fmt.Sprintf("The network on screen has a %s output. %s",
			f.Net.Output, noSelection)
		return q
	}
	var sum float64
	for _, p := range f.prob {
		sum += p
	}
	if f.Net.Output == model.Binary {
		q.Numbers = fmt.Sprintf("The network on screen has one sigmoid, for %s: "+
			"p = %s for %s, and p + (1 − p) = 1.",
			f.Net.Classes[0], FormatProbability(f.prob[0]), f.Title)
		return q
	}
	q.Numbers = fmt.Sprintf("The network on screen has a %s output. "+
		"Its probabilities for %s add up to %s.",
		f.Net.Output, f.Title, FormatProbability(sum))
	return q
}

func (f figures) templates() Question {
	q := Question{
		Text: "What are the layer-1 templates?",
		Answer: "Each layer-1 unit computes z = Σ pixel × weight + bias: the weights, drawn " +
			"on the input grid, are a template the face is compared with. Red weights " +
			"raise z where the face is bright, blue ones lower it.",
		Tabs: []string{TabLayer1},
	}
	if f.Input == nil {
		q.Numbers = noSelection
		return q
	}
	z := f.Net.Trace(f.Input).Z[0]
	best := argmax(z)
	q.Numbers = fmt.Sprintf("For %s, unit %d of %d matches best: z = %s.",
		f.Title, best, len(z), FormatLogit(z[best]))
	return q
}

func (f figures) layer2() Question {
	sizes := f.Net.Sizes()
	text := make([]string, len(sizes))
	for i, s := range sizes {
		text[i] = fmt.Sprint(s)
	}
	q := Question{
		Text: "What does layer 2 do?",
		Answer: "A layer-2 unit adds up the layer-1 values, each times its weight, plus " +
			"a bias, and passes the sum through its activation. It combines templates, " +
			"so it has no single picture of its own; the Layer 2 tab shows what it " +
			"responds to.",
		Tabs: []string{TabLayer2},
	}
	if len(sizes) < 3 {
		q.Numbers = fmt.Sprintf("The network on screen has layers of %s units, inputs first: "+
			"it has no hidden layer, so its layer 1 is its output and there is no layer 2. "+
			"Add hidden layers under More… to see one.", strings.Join(text, " → "))
		return q
	}
	n := sizes[2]
	what := "hidden units"
	if len(sizes) == 3 {
		what = "outputs, because this network has one hidden layer"
	}
	q.Numbers = fmt.Sprintf("The network on screen has layers of %s units, inputs first. "+
		"Layer 2 has %d %s, each weighting %d layer-1 values.",
		strings.Join(text, " → "), n, what, sizes[1])
	return q
}

func (f figures) threshold() Question {
	q := Question{
		Text: "Is the decision p > 0.5 or p ≥ 0.5?",
		Answer: "Visage decides yes when p ≥ 0.5, which is z ≥ 0 because σ(0) = 0.5, " +
			"so an output of exactly 0.5 counts as yes (predictedClass in model/loss.go " +
			"and Rank in model/predict.go). A softmax network has no threshold: it picks " +
			"the class with the largest p, which may be below 0.5.",
		Tabs:     []string{TabThreshold},
		Fallback: TabOutput,
	}
	if f.prob == nil {
		q.Numbers = noSelection
		return q
	}
	k := f.output("")
	z, p := f.logits[k], f.prob[k]
	name := f.Net.Classes[k]
	if f.Net.Output == model.Softmax {
		q.Numbers = fmt.Sprintf("%s: the largest probability is %s's, p = %s, so the "+
			"network picks %s.", f.Title, name, FormatProbability(p), name)
		return q
	}
	verdict, rule := "yes", "≥"
	if p < decisionThreshold {
		verdict, rule = "no", "<"
	}
	q.Numbers = fmt.Sprintf("%s, %s: z = %s and σ(z) = %s %s 0.5, so the answer is %s.",
		f.Title, name, FormatLogit(z), FormatProbability(p), rule, verdict)
	return q
}
