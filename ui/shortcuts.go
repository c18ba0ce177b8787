package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// quitLabel is the label of the File menu's last item. The desktop driver
// adds an item of that label when the first menu has none.
const quitLabel = "Quit"

// menuShortcuts maps the label of a menu item to its keyboard shortcut.
var menuShortcuts = map[string]*desktop.CustomShortcut{
	"Open Folder…":                 ctrl(fyne.KeyO, 0),
	"Open Model…":                  ctrl(fyne.KeyO, fyne.KeyModifierShift),
	"Save Model…":                  ctrl(fyne.KeyS, 0),
	"Export View (PNG, SVG, CSV)…": ctrl(fyne.KeyE, 0),
	quitLabel:                      ctrl(fyne.KeyQ, 0),
}

// unlessDialog returns action guarded so that it does nothing while a
// dialog is open. A shortcut still reaches the menu behind a dialog, and
// would otherwise stack a second dialog on the first.
func (v *App) unlessDialog(action func()) func() {
	return func() {
		if v.win.Canvas().Overlays().Top() != nil {
			return
		}
		action()
	}
}

func ctrl(key fyne.KeyName, extra fyne.KeyModifier) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierControl | extra}
}

// withShortcuts adds a Quit item to the first menu of m, shows each
// shortcut of menuShortcuts beside its item, and registers the shortcuts
// on the window's canvas too. The desktop driver of Fyne v2.8.1 runs a
// menu item's shortcut itself, before the canvas receives the key, so the
// canvas copy serves drivers without a main menu, such as the test
// driver. It panics when an item of menuShortcuts is missing from m.
func (v *App) withShortcuts(m *fyne.MainMenu, a fyne.App) *fyne.MainMenu {
	quit := fyne.NewMenuItem(quitLabel, a.Quit)
	quit.IsQuit = true
	first := m.Items[0]
	first.Items = append(first.Items, fyne.NewMenuItemSeparator(), quit)

	found := 0
	for _, menu := range m.Items {
		for _, item := range menu.Items {
			key, ok := menuShortcuts[item.Label]
			if !ok {
				continue
			}
			item.Shortcut = key
			if item.Label != quitLabel {
				item.Action = v.unlessDialog(item.Action)
			}
			action := item.Action
			v.win.Canvas().AddShortcut(key, func(fyne.Shortcut) { action() })
			found++
		}
	}
	if found != len(menuShortcuts) {
		panic(fmt.Sprintf("ui: %d of %d menu shortcuts found a menu item", found, len(menuShortcuts)))
	}
	return m
}
