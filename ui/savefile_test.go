package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSavePath(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, folder, typed string
		want                string // "" for an error
	}{
		{"name in folder", dir, "model.visage", filepath.Join(dir, "model.visage")},
		{"spaces trimmed", dir, "  a.png ", filepath.Join(dir, "a.png")},
		{"absolute path typed", "/nonexistent", filepath.Join(dir, "b.csv"), filepath.Join(dir, "b.csv")},
		{"relative subfolder", dir, "sub/c.svg", filepath.Join(dir, "sub", "c.svg")},
		{"empty name", dir, "  ", ""},
		{"a folder", dir, "sub", ""},
		{"missing folder", dir, "nowhere/d.png", ""},
	}
	for _, tt := range tests {
		got, err := savePath(tt.folder, tt.typed)
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s: savePath = %q, want an error", tt.name, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: savePath = %q, %v, want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestSaveKeepsFileUntilConfirmed(t *testing.T) {
	h := newHarness(t)
	v := h.app
	path := filepath.Join(t.TempDir(), "kept.visage")
	if err := os.WriteFile(path, []byte("earlier model"), 0o644); err != nil {
		t.Fatal(err)
	}
	var chosen string
	h.ui(func() {
		v.confirmReplace(path, func() { chosen = path })
		if chosen != "" {
			t.Error("an existing file was chosen without asking")
		}
		if !strings.Contains(overlayText(v.win.Canvas()), "kept.visage already exists") {
			t.Errorf("dialog text = %q, want it to ask about replacing kept.visage", overlayText(v.win.Canvas()))
		}
	})
	content, err := os.ReadFile(path)
	if err != nil || string(content) != "earlier model" {
		t.Errorf("file holds %q (%v) while the question is open, want it untouched", content, err)
	}
}

func TestShortcutIgnoredBehindDialog(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.chooseSavePath("Save Model", "a.visage", func(string) {})
		first := v.win.Canvas().Overlays().Top()
		for _, item := range v.win.MainMenu().Items[0].Items {
			if item.Label == "Export View (PNG, SVG, CSV)…" {
				item.Action()
			}
		}
		if got := v.win.Canvas().Overlays().Top(); got != first {
			t.Error("the export shortcut opened a second dialog over the first")
		}
	})
}
