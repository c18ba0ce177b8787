package main

import (
	"path/filepath"
	"testing"
)

// TestRenderFractionalScaleConfusion checks that at a --scale that is not
// a multiple of 1/8, such as 1.1 or 1.3, the confusion image is still the
// matrix and its ROC plot as two squares side by side, as at --scale 1.
func TestRenderFractionalScaleConfusion(t *testing.T) {
	modelPath := trainSmall(t, "8")
	for _, scale := range []string{"1", "1.1", "1.3"} {
		out := filepath.Join(t.TempDir(), "views")
		code, _, stderr := runCLI("render", "--model", modelPath, "--out", out,
			"--data", "default-faces", "--scale", scale)
		if code != 0 {
			t.Fatalf("--scale %s: exit code %d: %s", scale, code, stderr)
		}
		size := pngSize(t, filepath.Join(out, "confusion.png"))
		if size.X != 2*size.Y {
			t.Errorf("--scale %s: confusion.png is %v, want two squares "+
				"side by side (width %d)", scale, size, 2*size.Y)
		}
	}
}
