package views

import (
	"fmt"
	"image"
	"io"

	"visage/model"
	"visage/viz"
)

// OutputPair is the same network design trained twice on the same faces: once
// with a softmax output and once with one sigmoid per class.
type OutputPair struct {
	Softmax   *model.Network
	OneVsRest *model.Network
}

// Compare draws, side by side, the probability charts of both networks of
// pair for the input named title, each with the sum of its probabilities
// under it. Noun names what the classes are, such as "person". Its CSV has
// one row per class and the probability and logit of each network. The
// charts are drawn at the given pixel scale. It panics if the networks do
// not have the same classes in the same order, or if input does not fit
// them.
func Compare(pair OutputPair, input []float64, noun, title string,
	scale float64) Rendering {

	checkPair(pair)
	soft, ovr := pair.Softmax.Rank(input), pair.OneVsRest.Rank(input)
	left := compareChart(soft, viz.ChartOptions{
		Title:      "Softmax, one share of 1 per " + noun + ", for " + title,
		Note:       sumNote(soft) + " Softmax shares 1 among the classes.",
		PixelScale: scale,
	})
	right := compareChart(ovr, viz.ChartOptions{
		Title:     "One sigmoid per " + noun + " for " + title,
		Threshold: decisionThreshold,
		Rule:      ">=",
		Note: sumNote(ovr) + " One-vs-rest: each bar is its own sigmoid, " +
			"so the bars need not add up to 1.",
		PixelScale: scale,
	})
	return Rendering{
		Image: sideBySide(left, right),
		CSV:   func(w io.Writer) error { return writePairCSV(w, pair, input) },
	}
}

// CompareFace draws Compare for the face of s, or a message saying what
// is missing: no pair (nil), no face chosen, or a face that does not fit
// the pair's inputs.
func CompareFace(pair *OutputPair, s State, noun string) Rendering {
	switch {
	case pair == nil:
		return compareMessage(s, "Press Train both to train this design twice, with a softmax output "+
			"and with one sigmoid per "+noun+", on the faces on screen.")
	case s.Face == nil:
		return compareMessage(s, "Click a face or drop a photo to compare the two outputs for it.")
	case !s.Fits || len(s.Face.Input) != pair.Softmax.Inputs():
		return compareMessage(s, "The selected input was prepared for another network: "+
			"click a face of this dataset, or press Train both again.")
	}
	return Compare(*pair, s.Face.Input, noun, s.Face.Title, s.Scale)
}

func compareMessage(s State, text string) Rendering {
	return Rendering{Image: viz.EmptyImage(640, 320, s.Scale, text)}
}

// checkPair panics unless both networks of pair are set, have the output
// kinds their fields name, and share their classes.
func checkPair(pair OutputPair) {
	if pair.Softmax == nil || pair.OneVsRest == nil {
		panic("views: comparison without both networks")
	}
	if pair.Softmax.Output != model.Softmax || pair.OneVsRest.Output != model.OneVsRest {
		panic(fmt.Sprintf("views: comparison of %s and %s networks, want softmax and one-vs-rest",
			pair.Softmax.Output, pair.OneVsRest.Output))
	}
	a, b := pair.Softmax.Classes, pair.OneVsRest.Classes
	if len(a) != len(b) {
		panic(fmt.Sprintf("views: comparison of networks with %d and %d classes", len(a), len(b)))
	}
	for i := range a {
		if a[i] != b[i] {
			panic(fmt.Sprintf("views: comparison of networks whose class %d is %q and %q", i, a[i], b[i]))
		}
	}
}

// compareChart draws the probability chart of scores, or a message when
// it cannot be drawn.
func compareChart(scores []model.Score, opt viz.ChartOptions) image.Image {
	bars := make([]viz.Bar, len(scores))
	for i, s := range scores {
		bars[i] = viz.Bar{Label: s.Label, Probability: s.Probability, Logit: s.Logit}
	}
	chart, err := viz.ProbabilityChart(bars, opt)
	if err != nil {
		return viz.EmptyImage(480, 320, opt.PixelScale, err.Error())
	}
	return chart
}

// ProbabilitySum returns the sum of the probabilities of scores.
func ProbabilitySum(scores []model.Score) float64 {
	var sum float64
	for _, s := range scores {
		sum += s.Probability
	}
	return sum
}

func sumNote(scores []model.Score) string {
	return fmt.Sprintf("Sum of the probabilities: %.4f.", ProbabilitySum(scores))
}

// writePairCSV writes one row per class, in the networks' class order,
// with the probability and logit each network gives input.
func writePairCSV(w io.Writer, pair OutputPair, input []float64) error {
	softP, softZ := pair.Softmax.Predict(input)
	ovrP, ovrZ := pair.OneVsRest.Predict(input)
	rows := make([][]float64, len(softP))
	for i := range rows {
		rows[i] = []float64{softP[i], softZ[i], ovrP[i], ovrZ[i]}
	}
	columns := []string{"softmax probability", "softmax logit",
		"one-vs-rest probability", "one-vs-rest logit"}
	return viz.WriteMatrixCSV(w, pair.Softmax.Classes, columns, rows)
}
