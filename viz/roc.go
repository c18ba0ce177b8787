package viz

import (
	"errors"
	"fmt"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ROCSeries is one receiver operating characteristic curve: its points
// (FPR[i], TPR[i]) in order, and the area under it.
type ROCSeries struct {
	Name     string
	FPR, TPR []float64
	AUC      float64
}

// MaxROCLegend is the number of legend entries ROCPlot draws at most. With
// more curves, the last entry reads "+N more".
const MaxROCLegend = 12

// ROCPlot returns a plot of the ROC curves on the unit square with the
// dashed diagonal of a classifier that guesses. Each curve's legend entry
// reads "Name (AUC 0.97)".
//
// ROCPlot returns an error when curves is empty, or when a curve has no
// points, FPR and TPR of different lengths, or a rate that is NaN or
// outside [0, 1].
func ROCPlot(curves []ROCSeries) (*plot.Plot, error) {
	if len(curves) == 0 {
		return nil, errors.New("viz: no ROC curves to plot")
	}
	for i, c := range curves {
		if err := checkROC(c); err != nil {
			return nil, fmt.Errorf("viz: ROC curve %d (%q): %w", i, c.Name, err)
		}
	}

	p := plot.New()
	styleAxes(p, "ROC", "false positive rate", "true positive rate")
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Legend.Left, p.Legend.Top = false, false
	p.Add(plotter.NewGrid(), chanceDiagonal())

	legendCurves := min(len(curves), MaxROCLegend)
	if len(curves) > MaxROCLegend {
		legendCurves = MaxROCLegend - 1
	}
	for i, c := range curves {
		line := rocLine(c, i, len(curves))
		p.Add(line)
		if i < legendCurves {
			p.Legend.Add(rocLabel(c), line)
		}
	}
	if more := len(curves) - legendCurves; more > 0 {
		p.Legend.Add(fmt.Sprintf("+%d more", more))
	}
	return p, nil
}

func checkROC(c ROCSeries) error {
	if len(c.FPR) == 0 || len(c.FPR) != len(c.TPR) {
		return fmt.Errorf("%d false and %d true positive rates: "+
			"give one of each per point", len(c.FPR), len(c.TPR))
	}
	for i := range c.FPR {
		for _, v := range []float64{c.FPR[i], c.TPR[i]} {
			if !(v >= 0 && v <= 1) {
				return fmt.Errorf("rate %v at point %d is not in [0, 1]", v, i)
			}
		}
	}
	return nil
}

func rocLabel(c ROCSeries) string {
	return c.Name + " (AUC " + strconv.FormatFloat(c.AUC, 'f', 2, 64) + ")"
}

// rocLine returns the line of curve i of n. Lines get thinner as n grows,
// so 40 curves stay apart.
func rocLine(c ROCSeries, i, n int) *plotter.Line {
	xys := make(plotter.XYs, len(c.FPR))
	for j := range xys {
		xys[j] = plotter.XY{X: c.FPR[j], Y: c.TPR[j]}
	}
	width := pixels(2)
	if n > 10 {
		width = pixels(1)
	}
	return &plotter.Line{XYs: xys, LineStyle: draw.LineStyle{
		Color: seriesColor(i),
		Width: width,
	}}
}

func chanceDiagonal() *plotter.Line {
	return &plotter.Line{
		XYs: plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}},
		LineStyle: draw.LineStyle{
			Color:  outlineColor,
			Width:  pixels(1),
			Dashes: []vg.Length{pixels(4), pixels(4)},
		},
	}
}
