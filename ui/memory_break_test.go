package ui

import (
	"strings"
	"testing"

	"visage/faceio"
)

// TestHugeGridDigitsRejected opens the 1000 built-in digits on a
// 1024×1024 grid with 10 hidden units. The grid is within
// faceio.MaxGridSide and the network, of 10.5 million weights, within
// model.MaxParameters, but the inputs alone take 8 GB:
// on a 200×200 grid the same load grew the heap by 323 MB. The open must
// be rejected with a message before the images are read.
func TestHugeGridDigitsRejected(t *testing.T) {
	h := newHarness(t)
	v := h.app
	var before *faceio.Dataset
	h.ui(func() {
		before = v.data
		v.hidden.SetText("10")
		v.settings.grid.SetText("1024x1024")
		v.open(builtinDigits())
	})
	h.waitLoaded()
	h.ui(func() {
		if v.data != before {
			t.Error("the digits were opened on a 1024×1024 grid")
		}
		if text := overlayText(v.win.Canvas()); !strings.Contains(text, "input values") {
			t.Errorf("dialog text = %q, want it to say the grid needs too many input values", text)
		}
	})
}
