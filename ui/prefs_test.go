package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestSettingsSurviveRestart(t *testing.T) {
	a := test.NewTempApp(t)
	first := newHarnessOn(t, a)
	h1 := first.app
	first.ui(func() {
		h1.settings.grid.SetText("20x20")
		h1.settings.crop.SetSelected("Face")
		h1.settings.equalize.SetChecked(true)
		h1.hidden.SetText("30,10")
		h1.epochs.SetText("123")
		h1.slow.SetChecked(false)
		h1.perUnit.SetChecked(true)
		n := h1.network
		n.activation.SetText("relu,tanh")
		n.output.SetSelected(outputBinary)
		n.positive.SetSelected("s2")
		n.optimizer.SetSelected("SGD with momentum 0.9")
		n.rate.SetText("0.05")
		n.batch.SetText("8")
		n.l2.SetText("0.001")
		n.seed.SetText("7")
		n.validation.SetText("0.25")
		h1.applyTheme(themeDark)
	})
	first.ui(func() { a.Settings().SetTheme(theme.DefaultTheme()) })

	second := newHarnessOn(t, a)
	v := second.app
	second.ui(func() {
		n := v.network
		texts := []struct{ name, got, want string }{
			{"grid", v.settings.grid.Text, "20x20"},
			{"crop", v.settings.crop.Selected, "Face"},
			{"hidden", v.hidden.Text, "30,10"},
			{"epochs", v.epochs.Text, "123"},
			{"activation", n.activation.Text, "relu,tanh"},
			{"output", n.output.Selected, outputBinary},
			{"binary class", n.positive.Selected, "s2"},
			{"optimiser", n.optimizer.Selected, "SGD with momentum 0.9"},
			{"learning rate", n.rate.Text, "0.05"},
			{"batch size", n.batch.Text, "8"},
			{"L2 penalty", n.l2.Text, "0.001"},
			{"seed", n.seed.Text, "7"},
			{"validation share", n.validation.Text, "0.25"},
		}
		for _, tt := range texts {
			if tt.got != tt.want {
				t.Errorf("%s after restart = %q, want %q", tt.name, tt.got, tt.want)
			}
		}
		checks := []struct {
			name      string
			got, want bool
		}{
			{"equalise", v.settings.equalize.Checked, true},
			{"slow motion", v.slow.Checked, false},
			{"per-unit scale", v.perUnit.Checked, true},
		}
		for _, tt := range checks {
			if tt.got != tt.want {
				t.Errorf("%s after restart = %v, want %v", tt.name, tt.got, tt.want)
			}
		}
		if p := v.data.Pipeline; p.Width != 20 || p.Height != 20 {
			t.Errorf("faces loaded on a %d×%d grid, want the saved 20×20", p.Width, p.Height)
		}
		if got := v.net.Inputs(); got != 400 {
			t.Errorf("untrained network has %d inputs, want 400 for the saved grid", got)
		}
	})
	checkTheme(t, a.Settings().Theme(), theme.VariantDark)
}

func TestInvalidSavedGridFallsBack(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString("grid", "huge")
	h := newHarnessOn(t, a)
	h.ui(func() {
		p := h.app.data.Pipeline
		if p.Width != 23 || p.Height != 28 {
			t.Errorf("faces loaded on a %d×%d grid, want the default 23×28", p.Width, p.Height)
		}
	})
}

// checkTheme fails unless th gives the colours of variant whatever variant
// a widget requests.
func checkTheme(t *testing.T, th fyne.Theme, variant fyne.ThemeVariant) {
	t.Helper()
	want := theme.DefaultTheme().Color(theme.ColorNameBackground, variant)
	for _, asked := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		if got := th.Color(theme.ColorNameBackground, asked); got != want {
			t.Errorf("background for variant %d = %v, want %v", asked, got, want)
		}
	}
}

func TestThemeMenuSwitchesTheme(t *testing.T) {
	a := test.NewTempApp(t)
	h := newHarnessOn(t, a)
	v := h.app
	for _, tt := range []struct {
		label   string
		variant fyne.ThemeVariant
	}{
		{"Theme: Light", theme.VariantLight},
		{"Theme: Dark", theme.VariantDark},
	} {
		h.ui(func() {
			item := menuItem(v, tt.label)
			if item == nil {
				t.Fatalf("no menu item %q", tt.label)
			}
			item.Action()
			if !item.Checked {
				t.Errorf("%s is not ticked after choosing it", tt.label)
			}
		})
		checkTheme(t, a.Settings().Theme(), tt.variant)
	}
	h.ui(func() { menuItem(v, "Theme: System").Action() })
	if _, fixed := a.Settings().Theme().(variantTheme); fixed {
		t.Error("Theme: System left a fixed variant in place")
	}
	if got := a.Preferences().String(prefTheme); got != themeSystem {
		t.Errorf("saved theme = %q, want %q", got, themeSystem)
	}
}

// locationRecorder is a dialog that records the folder it is shown in.
type locationRecorder struct {
	location fyne.ListableURI
	shown    bool
}

func (d *locationRecorder) SetLocation(u fyne.ListableURI) { d.location = u }
func (d *locationRecorder) Show()                          { d.shown = true }

func TestDialogStartsInLastFolder(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	chosen := storage.NewFileURI(filepath.Join(dir, "model.visage"))
	first := newHarnessOn(t, a)
	first.ui(func() { first.app.rememberFolder(chosen) })

	second := newHarnessOn(t, a)
	var d locationRecorder
	second.ui(func() { second.app.showInLastFolder(&d) })
	if !d.shown {
		t.Error("the dialog was not shown")
	}
	if d.location == nil {
		t.Fatal("the dialog was given no location")
	}
	if got := filepath.Clean(d.location.Path()); got != dir {
		t.Errorf("dialog location = %q, want the folder of the last file %q", got, dir)
	}
}

func TestDialogSkipsMissingFolder(t *testing.T) {
	a := test.NewTempApp(t)
	gone := storage.NewFileURI(filepath.Join(t.TempDir(), "gone", "x.png"))
	h := newHarnessOn(t, a)
	var d locationRecorder
	h.ui(func() {
		h.app.rememberFolder(gone)
		h.app.showInLastFolder(&d)
	})
	if !d.shown || d.location != nil {
		t.Errorf("shown = %v, location = %v; want shown with no location", d.shown, d.location)
	}
}
