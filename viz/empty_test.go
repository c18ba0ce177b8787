package viz

import (
	"image"
	"strings"
	"testing"
)

func TestEmptyImage(t *testing.T) {
	tests := []struct {
		name          string
		width, height int
		msg           string
	}{
		{"typical", 320, 120, "Train the network to see its layer-1 weights"},
		{"no message", 50, 40, ""},
		{"zero size", 0, 0, "nothing"},
		{"narrow", 30, 200, "a message much wider than the image"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			img := EmptyImage(test.width, test.height, 1, test.msg)
			want := image.Rect(0, 0, test.width, test.height)
			if img.Bounds() != want {
				t.Fatalf("bounds = %v, want %v", img.Bounds(), want)
			}
			if test.width == 0 {
				return
			}
			corner := img.At(0, 0)
			if pixelDistance(corner, backgroundColor) != 0 {
				t.Errorf("corner = %v, want background %v", corner,
					backgroundColor)
			}
		})
	}
}

func TestEmptyImageDrawsText(t *testing.T) {
	blank := EmptyImage(320, 120, 1, "")
	img := EmptyImage(320, 120, 1, "Train the network")
	n := countDifferingPixels(img, blank, 0)
	if n == 0 {
		t.Fatal("message drew no pixels")
	}
	// The text is centred, so it stays away from the edges.
	for _, p := range []image.Point{{2, 60}, {317, 60}, {160, 2}, {160, 117}} {
		if d := pixelDistance(img.At(p.X, p.Y), backgroundColor); d != 0 {
			t.Errorf("pixel %v is not background", p)
		}
	}
}

func TestEmptyImagePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("EmptyImage(-1, 10) did not panic")
		}
	}()
	EmptyImage(-1, 10, 1, "x")
}

func TestWrap(t *testing.T) {
	body := styleFor(1).body
	tests := []struct {
		msg      string
		maxWidth int
		want     []string
	}{
		{"one line", 1000, []string{"one line"}},
		{"two\nparagraphs", 1000, []string{"two", "paragraphs"}},
		{"a b c", 1, []string{"a", "b", "c"}},
		{"  spaced   out  ", 1000, []string{"spaced out"}},
		{"", 100, []string{""}},
	}
	for _, test := range tests {
		got := body.wrap(test.msg, test.maxWidth)
		if strings.Join(got, "|") != strings.Join(test.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", test.msg, test.maxWidth,
				got, test.want)
		}
	}
}

func TestWrapFitsWidth(t *testing.T) {
	body := styleFor(1).body
	msg := "Train the network to see its layer-1 weights, then pick a unit"
	for _, width := range []int{60, 120, 200} {
		for _, line := range body.wrap(msg, width) {
			if w := body.width(line); w > width && strings.Contains(line, " ") {
				t.Errorf("width %d: line %q is %d pixels", width, line, w)
			}
		}
	}
}
