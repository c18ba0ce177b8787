package ui

import (
	"image"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// trainBriefly trains the network on screen for a few epochs and selects
// the first face.
func trainBriefly(h *harness) {
	h.t.Helper()
	v := h.app
	h.ui(func() {
		v.epochs.SetText("20")
		test.Tap(v.faceButtons[0])
		test.Tap(v.train)
	})
	h.waitTrainingDone()
}

func TestEveryTabDrawsAfterTraining(t *testing.T) {
	h := newHarness(t)
	trainBriefly(h)
	for _, name := range []string{"Layer 1", "Layer 2", "Saliency", "Training",
		"Confusion / ROC", "Eigenfaces", "Timeline"} {
		w := h.showView(name)
		h.ui(func() {
			if w.picture.image.Image != w.shown.Image {
				t.Errorf("%s: the picture on screen is not the last rendering", name)
			}
			if b := w.shown.Image.Bounds(); b.Dx() < 200 || b.Dy() < 150 {
				t.Errorf("%s: rendering is only %v", name, b.Size())
			}
		})
	}
}

func TestSelectingFaceShowsOutput(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.showView("Layer 1")
	h.ui(func() { test.Tap(v.faceButtons[1]) })
	h.ui(func() {
		if got := v.currentView(); got != v.outputView {
			t.Errorf("tab after selecting a face on Layer 1 = %q, want Output", got.name)
		}
	})
	h.showView("Layer 2")
	h.ui(func() { test.Tap(v.faceButtons[2]) })
	h.ui(func() {
		if got := v.currentView(); got.name != "Layer 2" {
			t.Errorf("tab after selecting a face on Layer 2 = %q, want Layer 2 kept", got.name)
		}
	})
}

func TestTapUnitEnlargesIt(t *testing.T) {
	h := newHarness(t)
	v := h.app
	w := h.showView("Layer 1")
	h.ui(func() {
		w.picture.Resize(fyne.NewSize(600, 600))
		size := w.shown.Image.Bounds().Size()
		at, ok := positionOfUnit(w.shown.Hit, size, w.picture.Size(), 2)
		if !ok {
			t.Fatal("no pixel of the montage maps to unit 2")
		}
		w.picture.Tapped(&fyne.PointEvent{Position: at})
		if v.win.Canvas().Overlays().Top() == nil {
			t.Fatal("tapping a unit opened no dialog")
		}
		if text := overlayText(v.win.Canvas()); !strings.Contains(text, "Unit 2") {
			t.Errorf("dialog text = %q, want it to name unit 2", text)
		}
	})
}

// positionOfUnit finds a point of an area of size area, showing an image of
// size img, where hit finds unit.
func positionOfUnit(hit func(image.Point) (int, bool), img image.Point, area fyne.Size, unit int) (fyne.Position, bool) {
	for y := float32(0); y < area.Height; y += 2 {
		for x := float32(0); x < area.Width; x += 2 {
			at := fyne.NewPos(x, y)
			p, ok := imagePixel(img, area, at)
			if !ok {
				continue
			}
			if u, ok := hit(p); ok && u == unit {
				return at, true
			}
		}
	}
	return fyne.Position{}, false
}

func TestImagePixel(t *testing.T) {
	tests := []struct {
		name string
		img  image.Point
		area fyne.Size
		at   fyne.Position
		want image.Point
		ok   bool
	}{
		{"same size", image.Pt(100, 50), fyne.NewSize(100, 50), fyne.NewPos(10, 20), image.Pt(10, 20), true},
		{"doubled, bars left and right", image.Pt(100, 50), fyne.NewSize(300, 100), fyne.NewPos(50+20, 40), image.Pt(10, 20), true},
		{"in the left bar", image.Pt(100, 50), fyne.NewSize(300, 100), fyne.NewPos(49, 40), image.Point{}, false},
		{"past the right edge", image.Pt(100, 50), fyne.NewSize(300, 100), fyne.NewPos(250, 40), image.Point{}, false},
		{"empty image", image.Pt(0, 0), fyne.NewSize(300, 100), fyne.NewPos(5, 5), image.Point{}, false},
	}
	for _, tt := range tests {
		got, ok := imagePixel(tt.img, tt.area, tt.at)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: imagePixel = %v, %v, want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLayer2FollowsUnitChoice(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	h.showView("Layer 2")
	h.ui(func() {
		u := v.layer2Unit
		u.layer.SetSelectedIndex(len(u.layer.Options) - 1) // the output layer
		u.unit.SetSelectedIndex(1)
	})
	w := h.showView("Layer 2")
	h.ui(func() {
		var b strings.Builder
		if err := w.shown.CSV(&b); err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(b.String(), "\n")
		if !strings.Contains(header, v.net.Classes[1]) {
			t.Errorf("CSV header %q does not name the chosen output, %q", header, v.net.Classes[1])
		}
	})
}

func TestTimelineSliderReplaysEpochs(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	last := h.showView("Timeline")
	var newest image.Image
	h.ui(func() {
		if int(v.frame.Max) != len(v.snapshots)-1 || len(v.snapshots) < 2 {
			t.Fatalf("slider range 0 to %v for %d snapshots", v.frame.Max, len(v.snapshots))
		}
		if v.frame.Value != v.frame.Max {
			t.Errorf("slider at %v after training, want the newest snapshot %v", v.frame.Value, v.frame.Max)
		}
		newest = last.shown.Image
		v.frame.SetValue(0)
	})
	h.waitFor("the first snapshot", func() bool { return last.shown.Image != newest && !last.running })
	h.ui(func() {
		want := "Epoch " + strconv.Itoa(v.snapshots[0].Epoch) + " "
		if !strings.HasPrefix(v.frameLabel.Text, want) {
			t.Errorf("label = %q, want it to start with %q", v.frameLabel.Text, want)
		}
	})
}

func TestLayer2ComparesWithModelFile(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	h.showView("Layer 2")
	h.ui(func() {
		v.otherNet = v.net.Clone()
		v.layer2Unit.setOther("earlier.visage")
	})
	w := h.showView("Layer 2")
	h.ui(func() {
		if got := v.layer2Unit.compare.Selected; got != "model earlier.visage" {
			t.Errorf("comparison chosen = %q, want the model read", got)
		}
		var b strings.Builder
		if err := w.shown.CSV(&b); err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(b.String(), "\n")
		if !strings.Contains(header, "(earlier.visage)") {
			t.Errorf("CSV header %q has no column of the compared model", header)
		}
	})
}
