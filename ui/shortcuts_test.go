package ui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// typeShortcut sends s to the window's canvas as a key press would. The
// test driver's canvas hides the TypedShortcut method of the software
// canvas it wraps (Fyne v2.8.1), so the wrapped canvas is reached through
// its exported embedded field.
func typeShortcut(t *testing.T, v *App, s fyne.Shortcut) {
	t.Helper()
	var c any = v.win.Canvas()
	if w := reflect.ValueOf(c).Elem().FieldByName("WindowlessCanvas"); w.IsValid() {
		c = w.Interface()
	}
	typed, ok := c.(interface{ TypedShortcut(fyne.Shortcut) })
	if !ok {
		t.Fatalf("canvas %T takes no shortcuts", c)
	}
	typed.TypedShortcut(s)
}

// menuItem returns the item labelled label of the window's menu, or nil.
func menuItem(v *App, label string) *fyne.MenuItem {
	for _, menu := range v.win.MainMenu().Items {
		for _, item := range menu.Items {
			if item.Label == label {
				return item
			}
		}
	}
	return nil
}

func TestMenuItemsShowShortcuts(t *testing.T) {
	h := newHarness(t)
	v := h.app
	tests := []struct {
		label string
		key   fyne.KeyName
		mod   fyne.KeyModifier
	}{
		{"Open Folder…", fyne.KeyO, fyne.KeyModifierControl},
		{"Open Model…", fyne.KeyO, fyne.KeyModifierControl | fyne.KeyModifierShift},
		{"Save Model…", fyne.KeyS, fyne.KeyModifierControl},
		{"Export View (PNG, SVG, CSV)…", fyne.KeyE, fyne.KeyModifierControl},
		{"Quit", fyne.KeyQ, fyne.KeyModifierControl},
	}
	h.ui(func() {
		for _, tt := range tests {
			item := menuItem(v, tt.label)
			if item == nil {
				t.Errorf("no menu item %q", tt.label)
				continue
			}
			got, ok := item.Shortcut.(*desktop.CustomShortcut)
			if !ok {
				t.Errorf("%s: shortcut = %v, want a custom shortcut", tt.label, item.Shortcut)
				continue
			}
			if got.KeyName != tt.key || got.Modifier != tt.mod {
				t.Errorf("%s: shortcut = %s, want key %s with modifiers %d",
					tt.label, got.ShortcutName(), tt.key, tt.mod)
			}
		}
		if q := menuItem(v, "Quit"); q == nil || !q.IsQuit {
			t.Error("the Quit item is missing or not marked as the quit item")
		}
	})
}

func TestShortcutsOpenDialogs(t *testing.T) {
	h := newHarness(t)
	v := h.app
	for _, key := range []*desktop.CustomShortcut{
		ctrl(fyne.KeyO, 0), ctrl(fyne.KeyO, fyne.KeyModifierShift), ctrl(fyne.KeyS, 0),
	} {
		h.ui(func() {
			overlays := v.win.Canvas().Overlays()
			typeShortcut(t, v, key)
			top := overlays.Top()
			if top == nil {
				t.Errorf("%s opened no dialog", key.ShortcutName())
				return
			}
			overlays.Remove(top)
		})
	}
}

func TestExportShortcutWithNothingDrawn(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.showTab(v.outputView)
		if v.outputView.shown.Image != nil {
			t.Fatal("the Output view has a rendering to export")
		}
		typeShortcut(t, v, ctrl(fyne.KeyE, 0))
		if v.win.Canvas().Overlays().Top() == nil {
			t.Fatal("Ctrl+E opened no dialog")
		}
		if text := overlayText(v.win.Canvas()); !strings.Contains(text, "Nothing to export") {
			t.Errorf("dialog text = %q, want the information that nothing is drawn", text)
		}
	})
}
