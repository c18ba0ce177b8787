package ui

import (
	"fmt"
	"path/filepath"
	"testing"

	"visage/ui/views"
)

// drawnViews are the tabs that render from the state, so every one of
// them has a picture after a training run.
var drawnViews = []string{"Layer 1", "Layer 2", "Threshold", "Compare", "Saliency",
	"Training", "Confusion / ROC", "Eigenfaces", "Timeline"}

// TestEveryTabForEveryShape trains networks of unusual shapes and output
// kinds, then draws every tab, exports it as PNG and builds the Explain
// panel, which must not panic.
func TestEveryTabForEveryShape(t *testing.T) {
	tests := []struct {
		hidden string
		output string
	}{
		{"", outputSoftmax},
		{"1", outputSoftmax},
		{"8,6,4", outputSoftmax},
		{"", outputBinary},
		{"1", outputOneVsRest},
		{"8,6,4", outputBinary},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("hidden %q %s", tt.hidden, tt.output[:6]), func(t *testing.T) {
			h := newHarness(t)
			v := h.app
			h.ui(func() {
				v.hidden.SetText(tt.hidden)
				v.network.output.SetSelected(tt.output)
				v.network.activation.SetText("tanh")
			})
			trainBriefly(h)
			h.ui(func() {
				if v.selected == nil {
					t.Fatalf("no face selected after training; status %q", v.status.Text)
				}
			})
			for _, name := range drawnViews {
				w := h.showView(name)
				h.ui(func() {
					if b := w.shown.Image.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
						t.Errorf("%s: rendering is only %v", name, b.Size())
					}
					path := filepath.Join(t.TempDir(), "view.png")
					if _, err := views.Write(path, w.shown, name); err != nil {
						t.Errorf("%s: export: %v", name, err)
					}
				})
			}
			h.ui(func() {
				if msg := explainPanic(v); msg != "" {
					t.Errorf("Explain panics: %s", msg)
				}
			})
		})
	}
}

// explainPanic builds the Explain panel and returns the message of its
// panic, or "" when it builds.
func explainPanic(v *App) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	v.newExplainPanel(func() {}, func(int) {})
	return ""
}
