package viz

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of the decision rule and the note of the probability chart.
const (
	ruleTextSize = vg.Length(8) // points
	noteTextSize = vg.Length(8) // points
	ruleLabelGap = 3            // pixels between the data area and the label
	chartNoteGap = 6            // pixels between the chart and the note
)

// checkRule returns an error when rule is set and is not ">" or ">=", or
// when threshold is not in [0, 1].
func checkRule(rule string, threshold float64) error {
	if rule == "" {
		return nil
	}
	if rule != ">" && rule != ">=" {
		return fmt.Errorf("viz: decision rule %q is invalid; use \">\", "+
			"\">=\" or \"\" for none", rule)
	}
	if math.IsNaN(threshold) || threshold < 0 || threshold > 1 {
		return fmt.Errorf("viz: decision threshold %v is not in [0, 1]",
			threshold)
	}
	return nil
}

// decisionRule draws a dashed vertical line at the threshold across the
// data area, and its label just above the data area.
type decisionRule struct {
	rule      string
	threshold float64
}

func newDecisionRule(rule string, threshold float64) decisionRule {
	return decisionRule{rule: rule, threshold: threshold}
}

// label returns the label of the line, with ">=" drawn as "≥".
func (d decisionRule) label() string {
	rule := d.rule
	if rule == ">=" {
		rule = "≥"
	}
	return "decision: p " + rule + " " +
		strconv.FormatFloat(d.threshold, 'g', -1, 64)
}

func (decisionRule) labelStyle() text.Style {
	return text.Style{
		Color:   textColor,
		Font:    withSize(sansFont, ruleTextSize),
		YAlign:  draw.YBottom,
		Handler: fallbackText{},
	}
}

// Plot implements plot.Plotter. The label starts at the line and ends at
// it instead when it would otherwise pass the right edge of the data area.
func (d decisionRule) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(d.threshold)
	line := draw.LineStyle{
		Color:  textColor,
		Width:  pixels(1),
		Dashes: []vg.Length{pixels(5), pixels(3)},
	}
	c.StrokeLine2(line, x, c.Min.Y, x, c.Max.Y)

	style := d.labelStyle()
	label := d.label()
	at := vg.Point{X: x, Y: c.Max.Y + pixels(ruleLabelGap)}
	if x+style.Width(label) > c.Max.X {
		style.XAlign = draw.XRight
	}
	c.FillText(style, at, label)
}

// noteStyle returns the style of the chart note.
func noteStyle() text.Style {
	return text.Style{
		Color:   quietTextColor,
		Font:    withSize(sansFont, noteTextSize),
		XAlign:  draw.XCenter,
		YAlign:  draw.YBottom,
		Handler: fallbackText{},
	}
}

// drawChartNote draws note, wrapped to the width of area, at the bottom of
// area and returns the part of area above it. With an empty note it
// returns area unchanged.
func drawChartNote(area draw.Canvas, note string) draw.Canvas {
	if strings.TrimSpace(note) == "" {
		return area
	}
	style := noteStyle()
	lines := wrapLines(note, style, area.Max.X-area.Min.X)
	block := strings.Join(lines, "\n")
	centre := (area.Min.X + area.Max.X) / 2
	area.FillText(style, vg.Point{X: centre, Y: area.Min.Y}, block)
	return draw.Crop(area, 0, 0, style.Height(block)+pixels(chartNoteGap), 0)
}

// wrapLines breaks s at spaces into lines no wider than maxWidth in style.
// A single word wider than maxWidth gets its own line.
func wrapLines(s string, style text.Style, maxWidth vg.Length) []string {
	return wrapWords(s, func(line string) bool { return style.Width(line) <= maxWidth })
}
