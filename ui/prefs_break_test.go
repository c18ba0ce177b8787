package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// startWith builds an App on a fresh test app whose preferences hold the
// given saved values, and returns the App or the error of newApp.
func startWith(t *testing.T, saved map[string]string) (*App, error) {
	t.Helper()
	a := test.NewTempApp(t)
	for key, value := range saved {
		a.Preferences().SetString(key, value)
	}
	var v *App
	var err error
	do := func(f func()) {
		uiMutex.Lock()
		defer uiMutex.Unlock()
		f()
	}
	uiMutex.Lock()
	defer uiMutex.Unlock()
	v, err = newApp(a, do)
	return v, err
}

// TestCorruptSavedSettingsStart starts the window with saved settings that
// are out of range or malformed. Each must start with the built-in faces,
// so a bad preference can never keep the program from opening.
func TestCorruptSavedSettingsStart(t *testing.T) {
	tests := []struct {
		name  string
		saved map[string]string
	}{
		{"negative epochs", map[string]string{prefEpochs: "-5"}},
		{"grid 0x0", map[string]string{"grid": "0x0"}},
		{"grid 10000x10000", map[string]string{"grid": "10000x10000"}},
		{"unknown theme", map[string]string{prefTheme: "Solarized"}},
		{"hidden layer too large", map[string]string{"hidden": "50000"}},
		{"too many activations", map[string]string{"activation": "relu,tanh,relu"}},
		{"unknown output", map[string]string{"output": "Poisson"}},
		{"batch size 0", map[string]string{"batchSize": "0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := startWith(t, tt.saved)
			if err != nil {
				t.Fatalf("the window did not start: %v", err)
			}
			uiMutex.Lock()
			defer uiMutex.Unlock()
			if got := len(v.data.Classes); got != 3 {
				t.Errorf("%d classes on screen, want the 3 built-in people", got)
			}
		})
	}
}

// TestSavedEpochsNegative checks that a negative saved epoch count is
// not put in the Epochs field, where Train would reject it.
func TestSavedEpochsNegative(t *testing.T) {
	v, err := startWith(t, map[string]string{prefEpochs: "-5"})
	if err != nil {
		t.Fatal(err)
	}
	uiMutex.Lock()
	defer uiMutex.Unlock()
	if got := v.epochs.Text; strings.HasPrefix(got, "-") {
		t.Errorf("Epochs field = %q after a corrupt saved value, want a positive count", got)
	}
}

// TestLastFolderNowAFile remembers a folder, replaces it with a file and
// shows a file dialog, which must open without the stale location.
func TestLastFolderNowAFile(t *testing.T) {
	h := newHarness(t)
	v := h.app
	dir := filepath.Join(t.TempDir(), "models")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	h.ui(func() { v.rememberFolder(storage.NewFileURI(filepath.Join(dir, "a.visage"))) })
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("now a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	var d locationRecorder
	h.ui(func() { v.showInLastFolder(&d) })
	if !d.shown {
		t.Error("the dialog was not shown")
	}
	if d.location != nil {
		t.Errorf("dialog location = %v, a file", d.location)
	}
	h.ui(func() { v.openFolder() })
	h.ui(func() {
		if v.win.Canvas().Overlays().Top() == nil {
			t.Error("Open Folder showed no dialog")
		}
	})
}
