package views

import (
	"io"

	"visage/model"
	"visage/viz"
)

// decisionThreshold is the probability at or above which a sigmoid output
// counts as yes, the rule the network's accuracy is measured with.
const decisionThreshold = 0.5

// Output draws the probability chart of scores, which net computed for the
// face named title, at the given pixel scale. Noun names what the classes
// are, such as "person".
func Output(net *model.Network, scores []model.Score, noun, title string,
	scale float64) Rendering {
	bars := make([]viz.Bar, len(scores))
	for i, s := range scores {
		bars[i] = viz.Bar{Label: s.Label, Probability: s.Probability, Logit: s.Logit}
	}
	opt := viz.ChartOptions{
		Highlight:  0,
		Title:      "Probability of each " + noun + " for " + title,
		PixelScale: scale,
	}
	switch net.Output {
	case model.Binary:
		opt.Threshold, opt.Rule = decisionThreshold, ">="
	case model.OneVsRest:
		opt.Threshold, opt.Rule = decisionThreshold, ">="
		opt.Note = "One-vs-rest: each bar is its own sigmoid, so the bars need not add up to 1."
	}
	chart, err := viz.ProbabilityChart(bars, opt)
	if err != nil {
		chart = viz.EmptyImage(480, 320, scale, err.Error())
	}
	return Rendering{Image: chart, Net: net,
		CSV: func(w io.Writer) error { return writeScoresCSV(w, scores) },
		SVG: func(w io.Writer) error { return viz.WriteProbabilityChartSVG(w, bars, opt) }}
}

// writeScoresCSV writes the probability and logit of each class.
func writeScoresCSV(w io.Writer, scores []model.Score) error {
	names := make([]string, len(scores))
	rows := make([][]float64, len(scores))
	for i, s := range scores {
		names[i] = s.Label
		rows[i] = []float64{s.Probability, s.Logit}
	}
	return viz.WriteMatrixCSV(w, names, []string{"probability", "logit"}, rows)
}
