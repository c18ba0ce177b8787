package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// newTestCropBox returns a crop box showing a 400×300 photo at scale 1.
func newTestCropBox(t *testing.T, crop image.Rectangle, choices ...image.Rectangle) (*cropBox, *[]image.Rectangle) {
	t.Helper()
	test.NewTempApp(t)
	var changes []image.Rectangle
	b := newCropBox(func(r image.Rectangle) { changes = append(changes, r) })
	b.Resize(fyne.NewSize(400, 300))
	b.Set(image.NewGray(image.Rect(0, 0, 400, 300)), crop, choices, 0.8)
	return b, &changes
}

// drag sends one drag of (dx, dy) that starts at (x, y), as the desktop
// driver reports it: the current position and the movement.
func drag(b *cropBox, x, y, dx, dy float32) {
	b.Dragged(&fyne.DragEvent{
		PointEvent: fyne.PointEvent{Position: fyne.NewPos(x+dx, y+dy)},
		Dragged:    fyne.Delta{DX: dx, DY: dy},
	})
	b.DragEnd()
}

func TestCropBoxDrag(t *testing.T) {
	start := image.Rect(100, 100, 180, 200)
	tests := []struct {
		name         string
		x, y, dx, dy float32
		want         image.Rectangle
	}{
		{"move inside", 140, 150, 50, 20, image.Rect(150, 120, 230, 220)},
		{"move stops at right edge", 140, 150, 500, 0, image.Rect(320, 100, 400, 200)},
		{"move stops at top edge", 140, 150, 0, -400, image.Rect(100, 0, 180, 100)},
		{"grow bottom right", 180, 200, 40, 0, image.Rect(100, 100, 220, 250)},
		{"grow by vertical drag", 180, 200, 0, 50, image.Rect(100, 100, 220, 250)},
		{"shrink top left", 100, 100, 40, 0, image.Rect(140, 150, 180, 200)},
		{"shrink to minimum", 180, 200, -500, 0, image.Rect(100, 100, 108, 110)},
		{"grow stops at bottom", 180, 200, 400, 0, image.Rect(100, 100, 260, 300)},
		{"drag outside does nothing", 20, 20, 50, 50, start},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newTestCropBox(t, start)
			drag(b, tt.x, tt.y, tt.dx, tt.dy)
			if b.crop != tt.want {
				t.Errorf("crop = %v, want %v", b.crop, tt.want)
			}
			if !b.crop.In(image.Rect(0, 0, 400, 300)) {
				t.Errorf("crop %v leaves the photo", b.crop)
			}
		})
	}
}

func TestCropBoxResizeKeepsAspect(t *testing.T) {
	for _, d := range []float32{-60, -20, 10, 35, 70} {
		b, _ := newTestCropBox(t, image.Rect(100, 100, 180, 200))
		drag(b, 180, 200, d, d/3)
		ratio := float64(b.crop.Dx()) / float64(b.crop.Dy())
		if ratio < 0.78 || ratio > 0.82 {
			t.Errorf("drag %v: crop %v has aspect %.3f, want 0.8", d, b.crop, ratio)
		}
	}
}

func TestCropBoxReportsChanges(t *testing.T) {
	b, changes := newTestCropBox(t, image.Rect(100, 100, 180, 200))
	drag(b, 140, 150, 10, 0)
	if len(*changes) != 1 || (*changes)[0] != b.crop {
		t.Errorf("changes = %v, want one report of %v", *changes, b.crop)
	}
}

func TestCropBoxTapChoosesOtherFace(t *testing.T) {
	first, second := image.Rect(10, 10, 90, 110), image.Rect(250, 50, 330, 150)
	b, changes := newTestCropBox(t, first, second)
	b.Tapped(&fyne.PointEvent{Position: fyne.NewPos(290, 100)})
	if b.crop != second {
		t.Errorf("crop after tapping the other face = %v, want %v", b.crop, second)
	}
	if len(b.choices) != 1 || b.choices[0] != first {
		t.Errorf("choices = %v, want the first face %v", b.choices, first)
	}
	if len(*changes) != 1 {
		t.Errorf("%d change reports, want 1", len(*changes))
	}
	b.Tapped(&fyne.PointEvent{Position: fyne.NewPos(200, 280)})
	if b.crop != second {
		t.Errorf("tap outside every face changed the crop to %v", b.crop)
	}
}

func TestCropBoxScaledWidget(t *testing.T) {
	b, _ := newTestCropBox(t, image.Rect(100, 100, 180, 200))
	// At 200×300 the 400×300 photo is drawn at half size, centred
	// vertically: 200×150 at (0, 75).
	b.Resize(fyne.NewSize(200, 300))
	pos, size := b.toWidget(b.crop)
	if pos != fyne.NewPos(50, 125) || size != fyne.NewSize(40, 50) {
		t.Errorf("crop drawn at %v size %v, want (50,125) size 40×50", pos, size)
	}
	drag(b, 70, 150, 10, 5) // 10×5 widget units are 20×10 photo pixels
	if want := image.Rect(120, 110, 200, 210); b.crop != want {
		t.Errorf("crop = %v, want %v", b.crop, want)
	}
}
