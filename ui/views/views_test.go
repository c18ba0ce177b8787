package views

import (
	"bytes"
	"context"
	"encoding/csv"
	"image"
	"image/gif"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"visage/assets"
	"visage/faceio"
	"visage/model"
)

// fixture is a small network trained on the built-in faces, with what a
// training run records.
type fixture struct {
	data  *faceio.Dataset
	net   *model.Network
	state State
}

func newFixture(t *testing.T, output model.OutputKind) fixture {
	t.Helper()
	data, err := faceio.Load(context.Background(), assets.Faces(),
		faceio.LoadOptions{Pipeline: faceio.DefaultPipeline()})
	if err != nil {
		t.Fatal(err)
	}
	p := data.Pipeline
	classes, labels := data.Classes, data.Labels()
	if output == model.Binary {
		classes = classes[:1]
		if labels, err = model.BinaryLabels(data.Classes, labels, classes[0]); err != nil {
			t.Fatal(err)
		}
	}
	net, err := model.New(model.Config{
		Grid:    model.Grid{Width: p.Width, Height: p.Height, Order: model.Order(p.Order)},
		Hidden:  []int{16, 8},
		Classes: classes,
		Output:  output,
		Seed:    1,
	})
	if err != nil {
		t.Fatal(err)
	}

	all := model.Data{X: mat.NewDense(len(labels), p.Inputs(), data.Inputs()), Y: labels}
	trainIdx, valIdx := model.Split(all.Y, 0.2, 1)
	timeline := &model.Timeline{}
	var history []model.Progress
	rec := model.RecorderFunc(func(p model.Progress) error {
		history = AppendHistory(history, p)
		return timeline.Record(p)
	})
	opt := model.TrainOptions{Epochs: 30, Seed: 1}
	if _, err := model.Train(context.Background(), net, all.Subset(trainIdx), all.Subset(valIdx), opt, rec); err != nil {
		t.Fatal(err)
	}

	face := data.Faces[0]
	return fixture{data: data, net: net, state: State{
		Net: net, Data: data, Fits: true,
		Face:        &Face{Title: face.Path, Input: face.Input},
		History:     history,
		Snapshots:   timeline.Snapshots,
		Validation:  valIdx,
		Layer2:      Unit{Layer: 1, Unit: 0, Compare: -1},
		Attribution: Attribution{Method: MethodGradient, Class: -1},
	}}
}

// colours counts the distinct colours of img, up to limit.
func colours(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return limit
			}
		}
	}
	return len(seen)
}

// checkCSV parses the numbers behind r and returns its rows.
func checkCSV(t *testing.T, name string, r Rendering) [][]string {
	t.Helper()
	if r.CSV == nil {
		return nil
	}
	var buf bytes.Buffer
	if err := r.CSV(&buf); err != nil {
		t.Fatalf("%s: CSV: %v", name, err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("%s: CSV does not parse: %v", name, err)
	}
	if len(rows) < 2 {
		t.Errorf("%s: CSV has %d rows, want a header and data", name, len(rows))
	}
	return rows
}

func TestEveryViewDraws(t *testing.T) {
	f := newFixture(t, model.Softmax)
	s := f.state
	withMethod := func(m string) State {
		c := s
		c.Attribution.Method = m
		return c
	}
	cache := &EigenCache{}
	tests := []struct {
		name    string
		r       Rendering
		hasPlot bool
	}{
		{"layer 1", Layer1(f.net, false, "", 0, 1), false},
		{"layer 1 per unit", Layer1(f.net, true, "", 0, 1), false},
		{"layer 2", Layer2(s, s.Layer2), false},
		{"output", Output(f.net, f.net.Rank(s.Face.Input), "person", "a face", 1), true},
		{"saliency gradient", Saliency(s), false},
		{"saliency smoothgrad", Saliency(withMethod(MethodSmooth)), false},
		{"saliency integrated", Saliency(withMethod(MethodIntegrate)), false},
		{"saliency occlusion", Saliency(withMethod(MethodOcclude)), false},
		{"curves", Curves(s), true},
		{"confusion", Confusion(s), true},
		{"eigenfaces", Eigenfaces(cache, s), false},
		{"timeline", Timeline(s), true},
	}
	for _, tt := range tests {
		img := tt.r.Image
		if img == nil {
			t.Errorf("%s: no image", tt.name)
			continue
		}
		if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
			t.Errorf("%s: image is %v, want at least 100×100", tt.name, b.Size())
		}
		if n := colours(img, 40); n < 40 {
			t.Errorf("%s: image has %d colours, want a drawing with at least 40", tt.name, n)
		}
		checkCSV(t, tt.name, tt.r)
		if hasSVG := tt.r.Plot != nil || tt.r.SVG != nil; hasSVG != tt.hasPlot {
			t.Errorf("%s: has an SVG form %v, want %v", tt.name, hasSVG, tt.hasPlot)
		}
	}
}

func TestViewsExplainMissingData(t *testing.T) {
	f := newFixture(t, model.Softmax)
	empty := State{Net: f.net, Data: f.data, Fits: true, Layer2: Unit{Layer: 1, Compare: -1},
		Attribution: Attribution{Method: MethodGradient, Class: -1}}
	tests := []struct {
		name string
		r    Rendering
	}{
		{"saliency without a face", Saliency(empty)},
		{"curves without a run", Curves(State{})},
		{"timeline without a run", Timeline(empty)},
		{"layer 2 without a unit", Layer2(empty, Unit{Layer: -1, Unit: -1, Compare: -1})},
		{"confusion of another network", Confusion(State{Net: f.net, Data: f.data, Fits: false})},
		{"eigenfaces of one face", Eigenfaces(&EigenCache{}, State{Net: f.net,
			Data: &faceio.Dataset{Faces: f.data.Faces[:1], Classes: f.data.Classes, Pipeline: f.data.Pipeline}})},
	}
	for _, tt := range tests {
		if tt.r.Image == nil {
			t.Errorf("%s: no image", tt.name)
		}
		if tt.r.CSV != nil {
			t.Errorf("%s: offers numbers to export although there are none", tt.name)
		}
	}
}

func TestLayer2ComparesWithSnapshot(t *testing.T) {
	f := newFixture(t, model.Softmax)
	s := f.state
	s.Layer2.Compare = 0
	rows := checkCSV(t, "layer 2", Layer2(s, s.Layer2))
	epoch := f.state.Snapshots[0].Epoch
	found := false
	for _, h := range rows[0] {
		found = found || strings.Contains(h, "(epoch "+strconv.Itoa(epoch)+")")
	}
	if !found {
		t.Errorf("CSV header %q has no column of the snapshot of epoch %d", rows[0], epoch)
	}
	if want := f.net.Inputs() + 1; len(rows) != want {
		t.Errorf("CSV has %d rows, want a header and one row per input: %d", len(rows), want)
	}
}

func TestBinaryConfusionHasTwoClasses(t *testing.T) {
	f := newFixture(t, model.Binary)
	r := Confusion(f.state)
	rows := checkCSV(t, "binary confusion", r)
	want := []string{"", "not " + f.net.Classes[0], f.net.Classes[0]}
	if strings.Join(rows[0], "|") != strings.Join(want, "|") {
		t.Errorf("header = %q, want %q", rows[0], want)
	}
	if len(rows) != 3 {
		t.Errorf("%d rows, want a header and two classes", len(rows))
	}
	total := 0
	for _, row := range rows[1:] {
		for _, cell := range row[1:] {
			n, err := strconv.Atoi(cell)
			if err != nil {
				t.Fatalf("count %q is not a whole number", cell)
			}
			total += n
		}
	}
	if total != len(f.state.Validation) {
		t.Errorf("confusion counts %d faces, want the %d held out", total, len(f.state.Validation))
	}
}

func TestWriteChoosesFormatByExtension(t *testing.T) {
	f := newFixture(t, model.Softmax)
	chart := Confusion(f.state) // has a plot and numbers
	montage := Layer1(f.net, false, "", 0, 1)
	dir := t.TempDir()
	tests := []struct {
		file    string
		r       Rendering
		written string // the file written, or "" for an error
		starts  string // how the file starts
	}{
		{"a.png", montage, "a.png", "\x89PNG"},
		{"b", montage, "b.png", "\x89PNG"},
		{"c.svg", chart, "c.svg", "<?xml"},
		{"output.svg", Output(f.net, f.net.Rank(f.state.Face.Input), "person", "a face", 1), "output.svg", "<?xml"},
		{"d.svg", montage, "", ""},
		{"e.CSV", montage, "e.CSV", ",unit 0,"},
		{"f.jpg", montage, "", ""},
		{"g.csv", Rendering{Image: montage.Image}, "", ""},
	}
	for _, tt := range tests {
		got, err := Write(filepath.Join(dir, tt.file), tt.r, "test")
		if tt.written == "" {
			if err == nil {
				t.Errorf("%s: wrote %s, want an error", tt.file, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if want := filepath.Join(dir, tt.written); got != want {
			t.Errorf("%s: wrote %s, want %s", tt.file, got, want)
		}
		content, err := os.ReadFile(got)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(content), tt.starts) {
			t.Errorf("%s starts with %q, want %q", tt.file, content[:min(len(content), 12)], tt.starts)
		}
	}
}

func TestWriteGIFHasFramePerSnapshot(t *testing.T) {
	f := newFixture(t, model.Softmax)
	path := filepath.Join(t.TempDir(), "timeline.gif")
	if err := WriteGIF(path, TimelineFrames(f.net, f.state.Snapshots)); err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	g, err := gif.DecodeAll(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != len(f.state.Snapshots) {
		t.Errorf("GIF has %d frames, want one per snapshot: %d", len(g.Image), len(f.state.Snapshots))
	}
}

func TestAppendHistoryKeepsWholeRun(t *testing.T) {
	var history []model.Progress
	epochs := 3*HistoryCap + 7
	for e := 1; e <= epochs; e++ {
		history = AppendHistory(history, model.Progress{Epoch: e, Network: &model.Network{}})
	}
	if len(history) > HistoryCap {
		t.Errorf("history has %d epochs, want at most %d", len(history), HistoryCap)
	}
	if last := history[len(history)-1].Epoch; last != epochs {
		t.Errorf("last epoch kept is %d, want %d", last, epochs)
	}
	spacing := history[1].Epoch - history[0].Epoch
	if spacing > 4 {
		t.Errorf("epochs kept %d apart, want at most 4 for %d epochs", spacing, epochs)
	}
	if first := history[0].Epoch; first != spacing {
		t.Errorf("first epoch kept is %d, want %d, the spacing", first, spacing)
	}
	for i := 1; i < len(history)-1; i++ {
		if d := history[i].Epoch - history[i-1].Epoch; d != spacing {
			t.Fatalf("epochs %d and %d are kept %d apart, want %d", history[i-1].Epoch, history[i].Epoch, d, spacing)
		}
	}
	for _, p := range history {
		if p.Network != nil {
			t.Fatal("history keeps a network, which would hold its weights in memory")
		}
	}
}

func TestLayer2ComparesWithOtherModel(t *testing.T) {
	f := newFixture(t, model.Softmax)
	s := f.state
	s.Other, s.OtherName = f.net.Clone(), "other.visage"
	s.Layer2.Model = true
	rows := checkCSV(t, "layer 2", Layer2(s, s.Layer2))
	found := 0
	for _, h := range rows[0] {
		if strings.Contains(h, "(other.visage)") {
			found++
		}
	}
	if found < 2 {
		t.Errorf("CSV header %q has %d columns of the other model, want its projection and maximisation at least", rows[0], found)
	}

	s.Layer2.Unit = len(f.net.Layers[1].B) - 1
	s.Other = newFixture(t, model.Binary).net // fewer output units
	r := Layer2(s, s.Layer2)
	if r.Image == nil {
		t.Fatal("no image when the other model lacks the unit")
	}
}
