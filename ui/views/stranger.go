package views

import (
	"fmt"
	"image/color"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"visage/model"
	"visage/viz"
)

// StrangerResult is the top probabilities that a network trained without
// some people gives the faces of those people, the strangers, and the
// held-out faces of the people it was trained on.
type StrangerResult struct {
	Left      []string  // the people left out of training
	Strangers []float64 // the top probability of each stranger's face
	Known     []float64 // the top probability of each held-out known face
	Epochs    int       // the epochs trained
}

// Count is the number of a group's faces that a rejection threshold
// accepts as one of the trained classes, and the number it rejects.
type Count struct {
	Accepted, Rejected int
}

// Total returns the number of faces counted.
func (c Count) Total() int { return c.Accepted + c.Rejected }

// CountAccepted counts the top probabilities that the rejection threshold
// r accepts, those at or above r, and those it rejects.
func CountAccepted(tops []float64, r float64) Count {
	var c Count
	for _, p := range tops {
		if Unknown(p, r) {
			c.Rejected++
		} else {
			c.Accepted++
		}
	}
	return c
}

// TopProbabilities returns the top probability net gives each row of x.
func TopProbabilities(net *model.Network, x [][]float64) []float64 {
	tops := make([]float64, len(x))
	for i, row := range x {
		prob, _ := net.Predict(row)
		tops[i] = TopProbability(net.Output, prob)
	}
	return tops
}

// Summary states how many strangers and known faces r accepts.
func (res StrangerResult) Summary(r float64) string {
	s, k := CountAccepted(res.Strangers, r), CountAccepted(res.Known, r)
	text := fmt.Sprintf("%d of %d strangers would be accepted as someone at r = %s",
		s.Accepted, s.Total(), formatNumber(r))
	if k.Total() > 0 {
		text += fmt.Sprintf(", and %d of %d held-out faces of known people", k.Accepted, k.Total())
	}
	return text + "."
}

// strangerBins is the number of histogram bins over [0, 1].
const strangerBins = 20

// StrangerPlot returns histograms of the top probabilities of the strangers
// and of the known people's held-out faces, with the rejection threshold r
// drawn as a vertical line. Each bar is a share of its group, so that
// groups of different sizes compare. It returns an error when there are no
// strangers.
func StrangerPlot(res StrangerResult, r float64) (*plot.Plot, error) {
	if len(res.Strangers) == 0 {
		return nil, fmt.Errorf("the stranger test has no faces of the people left out")
	}
	strangers := shareHistogram(res.Strangers, color.RGBA{R: 214, G: 39, B: 40, A: 140})
	peak := binPeak(strangers)
	var known *plotter.Histogram
	if len(res.Known) > 0 {
		known = shareHistogram(res.Known, color.RGBA{R: 31, G: 119, B: 180, A: 140})
		peak = max(peak, binPeak(known))
	}
	line := viz.Series{Name: "r = " + formatNumber(r), X: []float64{r, r}, Y: []float64{0, peak}}
	p, err := viz.CurvesPlot("How sure the network is about each face", "top probability", "share of the group's faces",
		[]viz.Series{line})
	if err != nil {
		return nil, err
	}
	p.Add(strangers)
	p.Legend.Add(fmt.Sprintf("strangers (%d faces)", len(res.Strangers)), strangers)
	if known != nil {
		p.Add(known)
		p.Legend.Add(fmt.Sprintf("known, held out (%d faces)", len(res.Known)), known)
	}
	p.X.Min, p.X.Max = 0, 1
	p.Y.Min = 0
	return p, nil
}

// shareHistogram bins tops over [0, 1] with each bin's height the share of
// tops in it. A top probability of exactly 1 falls in the last bin.
func shareHistogram(tops []float64, fill color.Color) *plotter.Histogram {
	width := 1.0 / strangerBins
	bins := make([]plotter.HistogramBin, strangerBins)
	for i := range bins {
		bins[i] = plotter.HistogramBin{Min: float64(i) * width, Max: float64(i+1) * width}
	}
	for _, p := range tops {
		i := min(max(int(p*strangerBins), 0), strangerBins-1)
		bins[i].Weight += 1 / float64(len(tops))
	}
	return &plotter.Histogram{Bins: bins, Width: width, FillColor: fill,
		LineStyle: draw.LineStyle{Color: color.Gray{Y: 90}, Width: 1}}
}

func binPeak(h *plotter.Histogram) float64 {
	var peak float64
	for _, b := range h.Bins {
		peak = max(peak, b.Weight)
	}
	return peak
}

// WriteCSV writes one row per face: 1 for a stranger or 0 for a known
// person's held-out face, and its top probability.
func (res StrangerResult) WriteCSV(w io.Writer) error {
	rows := make([][]float64, 0, len(res.Strangers)+len(res.Known))
	for _, p := range res.Strangers {
		rows = append(rows, []float64{1, p})
	}
	for _, p := range res.Known {
		rows = append(rows, []float64{0, p})
	}
	return viz.WriteCSV(w, []string{"stranger", "top probability"}, rows)
}
