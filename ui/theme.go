package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme choices of the View menu, saved under prefTheme.
const (
	themeSystem = "System"
	themeLight  = "Light"
	themeDark   = "Dark"
)

// variantTheme is Fyne's default theme with the light or dark variant
// fixed, whatever the system prefers.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(name, t.variant)
}

// themeFor returns the theme of a choice. System and unknown choices
// follow the system's variant.
func themeFor(choice string) fyne.Theme {
	switch choice {
	case themeLight:
		return variantTheme{theme.DefaultTheme(), theme.VariantLight}
	case themeDark:
		return variantTheme{theme.DefaultTheme(), theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// restoreTheme applies the saved theme. It runs before the widgets are
// made: under the desktop driver of Fyne v2.8.1, widgets already measured
// when a theme was set before the window opened kept some colours of the
// old theme. A change from the View menu later redraws them all.
func (v *App) restoreTheme() {
	v.applyTheme(v.fyneApp.Preferences().StringWithFallback(prefTheme, themeSystem))
}

// applyTheme switches to the theme of choice, saves the choice and ticks
// its menu item.
func (v *App) applyTheme(choice string) {
	if choice != themeLight && choice != themeDark {
		choice = themeSystem
	}
	v.fyneApp.Settings().SetTheme(themeFor(choice))
	v.fyneApp.Preferences().SetString(prefTheme, choice)
	for _, item := range v.themeItems {
		item.Checked = item.Label == "Theme: "+choice
	}
	if m := v.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

// viewMenu returns the View menu: the theme choices.
func (v *App) viewMenu() *fyne.Menu {
	v.themeItems = nil
	for _, choice := range []string{themeSystem, themeLight, themeDark} {
		item := fyne.NewMenuItem("Theme: "+choice, func() { v.applyTheme(choice) })
		item.Checked = v.fyneApp.Preferences().String(prefTheme) == choice
		v.themeItems = append(v.themeItems, item)
	}
	return fyne.NewMenu("View", v.themeItems...)
}
