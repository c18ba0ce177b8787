package viz

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

var threeBars = []Bar{
	{Label: "Alice", Probability: 0.873, Logit: 2.41},
	{Label: "Bob", Probability: 0.102, Logit: 0.26},
	{Label: "Carol", Probability: 0.025, Logit: -1.15},
}

func TestProbabilityChartErrors(t *testing.T) {
	with := func(b Bar) []Bar {
		return append([]Bar{threeBars[0], threeBars[1]}, b)
	}
	tests := []struct {
		name      string
		bars      []Bar
		highlight int
		want      string
	}{
		{"nil bars", nil, -1, "at least one bar"},
		{"empty bars", []Bar{}, -1, "at least one bar"},
		{"NaN probability", with(Bar{Label: "x", Probability: math.NaN()}),
			0, `bar 2 ("x"): probability NaN`},
		{"+Inf probability", with(Bar{Probability: math.Inf(1)}), 0,
			"probability +Inf"},
		{"-Inf probability", with(Bar{Probability: math.Inf(-1)}), 0,
			"probability -Inf"},
		{"negative probability", with(Bar{Probability: -0.01}), 0,
			"probability -0.01 is not in [0, 1]"},
		{"probability above 1", with(Bar{Probability: 1.5}), 0,
			"probability 1.5 is not in [0, 1]"},
		{"NaN logit", with(Bar{Label: "y", Logit: math.NaN()}), 0,
			`bar 2 ("y"): logit is NaN`},
		{"highlight past end", threeBars, 3, "highlight index 3"},
		{"highlight below -1", threeBars, -2, "highlight index -2"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			opt := ChartOptions{Highlight: test.highlight}
			img, err := ProbabilityChart(test.bars, opt)
			if err == nil {
				t.Fatal("err = nil, want an error")
			}
			if img != nil {
				t.Errorf("image = %T, want nil with an error", img)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "viz: ") {
				t.Errorf("error %q lacks the viz: prefix", msg)
			}
			if !strings.Contains(msg, test.want) {
				t.Errorf("error %q does not contain %q", msg, test.want)
			}
		})
	}
}

func TestProbabilityChartAccepts(t *testing.T) {
	tests := []struct {
		name string
		bars []Bar
		opt  ChartOptions
	}{
		{"infinite logits", []Bar{
			{Label: "a", Probability: 1, Logit: math.Inf(1)},
			{Label: "b", Probability: 0, Logit: math.Inf(-1)},
		}, ChartOptions{Highlight: -1}},
		{"one bar", []Bar{{Label: "only", Probability: 1}},
			ChartOptions{}},
		{"empty label", []Bar{{Probability: 0.5}}, ChartOptions{}},
		{"long label", []Bar{{Label: strings.Repeat("long name ", 30),
			Probability: 0.5}}, ChartOptions{}},
		{"tiny image", threeBars, ChartOptions{Width: 40, Height: 30}},
		{"one pixel", threeBars, ChartOptions{Width: 1, Height: 1}},
		{"many bars", softmaxBars(300, 4), ChartOptions{Height: 200}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			img, err := ProbabilityChart(test.bars, test.opt)
			if err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			want := test.opt.withDefaults(len(test.bars))
			size := image.Pt(want.Width, want.Height)
			if got := img.Bounds().Size(); got != size {
				t.Errorf("size = %v, want %v", got, size)
			}
		})
	}
}

func TestProbabilityChartSize(t *testing.T) {
	tests := []struct {
		opt  ChartOptions
		want image.Point
	}{
		{ChartOptions{}, image.Pt(480, 320)},
		{ChartOptions{Width: 300}, image.Pt(300, 320)},
		{ChartOptions{Height: 500}, image.Pt(480, 500)},
		{ChartOptions{Width: 333, Height: 211}, image.Pt(333, 211)},
	}
	for _, test := range tests {
		img, err := ProbabilityChart(threeBars, test.opt)
		if err != nil {
			t.Fatalf("%+v: %v", test.opt, err)
		}
		want := image.Rectangle{Max: test.want}
		if got := img.Bounds(); got != want {
			t.Errorf("%+v: bounds = %v, want %v", test.opt, got, want)
		}
		if _, ok := img.(*image.RGBA); !ok {
			t.Errorf("%+v: image is %T, want *image.RGBA", test.opt, img)
		}
	}
}

// rowsOf returns the first and last rows of img that contain c, or -1, -1.
func rowsOf(img image.Image, c color.RGBA) (first, last int) {
	first, last = -1, -1
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)) == c {
				if first < 0 {
					first = y
				}
				last = y
				break
			}
		}
	}
	return first, last
}

func TestProbabilityChartHighlight(t *testing.T) {
	// Bars are drawn top to bottom in the given order, so the accent
	// colour moves down as the highlight index grows.
	bars := []Bar{
		{Label: "a", Probability: 0.5},
		{Label: "b", Probability: 0.3},
		{Label: "c", Probability: 0.2},
	}
	prev := -1
	for h := range bars {
		img, err := ProbabilityChart(bars, ChartOptions{Highlight: h})
		if err != nil {
			t.Fatal(err)
		}
		first, _ := rowsOf(img, accentBarColor)
		if first <= prev {
			t.Errorf("highlight %d: accent starts at row %d, want below %d",
				h, first, prev)
		}
		prev = first
	}

	img, err := ProbabilityChart(bars, ChartOptions{Highlight: -1})
	if err != nil {
		t.Fatal(err)
	}
	if first, _ := rowsOf(img, accentBarColor); first != -1 {
		t.Errorf("highlight -1: accent colour at row %d, want none", first)
	}
	if first, _ := rowsOf(img, neutralBarColor); first == -1 {
		t.Error("highlight -1: no neutral bar drawn")
	}
}

func TestBarNotes(t *testing.T) {
	tests := []struct {
		bar  Bar
		want string
	}{
		{Bar{Probability: 0.873, Logit: 2.41}, "p=0.873  z=2.41"},
		{Bar{Probability: 1, Logit: math.Inf(1)}, "p=1.000  z=+Inf"},
		{Bar{Probability: 0, Logit: math.Inf(-1)}, "p=0.000  z=-Inf"},
		{Bar{Probability: 0.00002345, Logit: -12.3456}, "p=2.3e-05  z=-12.3"},
		{Bar{Probability: 0.5, Logit: 1234.5}, "p=0.500  z=1.23e+03"},
	}
	for _, test := range tests {
		got := newBarNotes([]Bar{test.bar}, 10, false).notes[0]
		if got != test.want {
			t.Errorf("note for %+v = %q, want %q", test.bar, got, test.want)
		}
	}
}

func TestBarNotesOrder(t *testing.T) {
	// Plot rows count from the bottom, so the first bar is the last row.
	notes := newBarNotes(threeBars, 10, false)
	want := []string{"p=0.025  z=-1.15", "p=0.102  z=0.26", "p=0.873  z=2.41"}
	for i := range want {
		if notes.notes[i] != want[i] {
			t.Errorf("row %d note = %q, want %q", i, notes.notes[i], want[i])
		}
	}
}

func TestProbabilityChartPanics(t *testing.T) {
	for _, opt := range []ChartOptions{{Width: -1}, {Height: -5}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%+v: ProbabilityChart did not panic", opt)
				}
			}()
			ProbabilityChart(threeBars, opt)
		}()
	}
}

func TestChartCategoryLabels(t *testing.T) {
	// Rows shorter than the minimum text size lose their labels, which
	// would otherwise overlap.
	tests := []struct {
		name   string
		bars   []Bar
		height int
		want   int
	}{
		{"3 bars", threeBars, 320, 3},
		{"40 bars, tall", softmaxBars(40, 3), 640, 40},
		{"40 bars, default height", softmaxBars(40, 3), 0, 40},
		{"40 bars, short", softmaxBars(40, 3), 320, 0},
		{"300 bars, short", softmaxBars(300, 4), 200, 0},
	}
	for _, test := range tests {
		opt := ChartOptions{Height: test.height}.withDefaults(len(test.bars))
		_, area := newChartCanvas(opt)
		p := newChartPlot(test.bars, opt, area, false)
		ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
		if len(ticks) != test.want {
			t.Errorf("%s: %d category labels, want %d", test.name,
				len(ticks), test.want)
		}
	}
}

func TestFitLabel(t *testing.T) {
	style := text.Style{Font: withSize(sansFont, 10),
		Handler: plot.DefaultTextHandler}
	tests := []struct {
		label string
		width vg.Length
		want  string
	}{
		{"Alice", 100, "Alice"},
		{"Person 12 (s12)", 1000, "Person 12 (s12)"},
		{"two\nlines", 1000, "two lines"},
		{"Person 12 (s12)", 45, "Person…"},
		{"Alice", 1, "…"},
	}
	for _, test := range tests {
		got := fitLabel(test.label, style, test.width)
		if got != test.want {
			t.Errorf("fitLabel(%q, %v) = %q, want %q", test.label,
				test.width, got, test.want)
		}
		if got != "…" && style.Width(got) > test.width {
			t.Errorf("fitLabel(%q, %v) = %q is %v wide", test.label,
				test.width, got, style.Width(got))
		}
	}
}

func TestProbabilityChartConcurrent(t *testing.T) {
	bars := softmaxBars(12, 5)
	want, err := ProbabilityChart(bars, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}

	const workers = 4
	got := make(chan image.Image, workers)
	for range workers {
		go func() {
			img, _ := ProbabilityChart(bars, ChartOptions{})
			got <- img
		}()
	}
	for range workers {
		if n := countDifferingPixels(<-got, want, 0); n != 0 {
			t.Errorf("concurrent chart: %d pixels differ", n)
		}
	}
}

func TestFoldedBars(t *testing.T) {
	bars := softmaxBars(100, 5)
	opt := ChartOptions{}.withDefaults(len(bars))
	got, others := folded(bars, opt)
	if len(got) != DefaultMaxBars || others != 100-DefaultMaxBars+1 {
		t.Fatalf("%d rows with %d summed, want %d rows with %d summed",
			len(got), others, DefaultMaxBars, 100-DefaultMaxBars+1)
	}
	var want float64
	for _, b := range bars[DefaultMaxBars-1:] {
		want += b.Probability
	}
	last := got[len(got)-1]
	if math.Abs(last.Probability-want) > 1e-12 {
		t.Errorf("summed probability %v, want %v", last.Probability, want)
	}
	if last.Label != "71 others" {
		t.Errorf("summed row label %q, want %q", last.Label, "71 others")
	}
	if few, n := folded(threeBars, opt); n != 0 || len(few) != 3 {
		t.Errorf("3 bars folded into %d rows with %d summed", len(few), n)
	}
	if opt.Height != 80+22*DefaultMaxBars {
		t.Errorf("default height %d for 100 bars, want room for %d rows", opt.Height, DefaultMaxBars)
	}
	if _, err := ProbabilityChart(bars, ChartOptions{Highlight: 80}); err != nil {
		t.Errorf("highlight among the summed bars: %v", err)
	}
}

func TestProbabilityChartRuleErrors(t *testing.T) {
	tests := []struct {
		name      string
		rule      string
		threshold float64
		want      string
	}{
		{"unknown rule", "<", 0.5, `decision rule "<" is invalid`},
		{"threshold above 1", ">", 1.2, "threshold 1.2 is not in [0, 1]"},
		{"negative threshold", ">=", -0.1, "threshold -0.1 is not in"},
		{"NaN threshold", ">", math.NaN(), "threshold NaN is not in"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			opt := ChartOptions{Rule: test.rule, Threshold: test.threshold}
			img, err := ProbabilityChart(threeBars, opt)
			if err == nil {
				t.Fatal("err = nil, want an error")
			}
			if img != nil {
				t.Errorf("image = %T, want nil with an error", img)
			}
			if !strings.Contains(err.Error(), test.want) {
				t.Errorf("error %q does not contain %q", err, test.want)
			}
		})
	}
}

func TestProbabilityChartRuleIgnoredWhenUnset(t *testing.T) {
	// Without a rule the threshold is not checked and nothing is drawn.
	plain, err := ProbabilityChart(threeBars, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	withThreshold, err := ProbabilityChart(threeBars,
		ChartOptions{Threshold: 7})
	if err != nil {
		t.Fatal(err)
	}
	if n := countDifferingPixels(plain, withThreshold, 0); n != 0 {
		t.Errorf("%d pixels differ with an unused threshold", n)
	}
}

func TestDecisionRuleLabel(t *testing.T) {
	tests := []struct {
		rule      string
		threshold float64
		want      string
	}{
		{">", 0.5, "decision: p > 0.5"},
		{">=", 0.25, "decision: p ≥ 0.25"},
		{">", 0, "decision: p > 0"},
	}
	for _, test := range tests {
		got := newDecisionRule(test.rule, test.threshold).label()
		if got != test.want {
			t.Errorf("label(%q, %v) = %q, want %q", test.rule,
				test.threshold, got, test.want)
		}
	}
}

func TestWrapLinesFitWidth(t *testing.T) {
	style := noteStyle()
	note := "One-vs-rest: each bar is its own sigmoid, so they need not sum to 1"
	for _, width := range []vg.Length{40, 120, 400} {
		lines := wrapLines(note, style, width)
		if got := strings.Join(lines, " "); got != note {
			t.Errorf("width %v: joined lines = %q, want the note", width, got)
		}
		for _, line := range lines {
			if w := style.Width(line); w > width && strings.Contains(line, " ") {
				t.Errorf("width %v: line %q is %v wide", width, line, w)
			}
		}
	}
}

func TestChartNoteShrinksPlot(t *testing.T) {
	// The note takes room from the plot, so the x axis moves up.
	axisRow := func(note string) int {
		img, err := ProbabilityChart(threeBars, ChartOptions{Note: note})
		if err != nil {
			t.Fatal(err)
		}
		_, last := rowsOf(img, neutralBarColor)
		return last
	}
	without, with := axisRow(""), axisRow("a note")
	if with >= without {
		t.Errorf("last bar row with a note = %d, without = %d; want higher",
			with, without)
	}
}
