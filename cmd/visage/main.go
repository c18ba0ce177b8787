// Command visage opens the Visage window on the built-in faces.
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"visage/assets"
	"visage/ui"
)

// appID matches the ID in FyneApp.toml. Fyne stores preferences under it.
const appID = "app.visage"

func main() {
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	v, err := ui.New(a)
	if err != nil {
		fmt.Fprintln(os.Stderr, "visage:", err)
		os.Exit(1)
	}
	v.Window().ShowAndRun()
}
