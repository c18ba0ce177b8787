// Command visage opens the Visage window on the built-in faces.
//
// With -demo it trains a short run, selects a face and shows each tab in
// turn, printing "tab NAME" once a tab is drawn and "done" after the
// last, so scripts/screenshots.sh can capture every tab.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"visage/assets"
	"visage/ui"
)

// appID matches the ID in FyneApp.toml. Fyne stores preferences under it.
const appID = "app.visage"

func main() {
	demo := flag.Bool("demo", false, "train briefly and show each tab in turn, printing its name (for screenshots)")
	pause := flag.Duration("demo-pause", 2*time.Second, "how long -demo shows each tab")
	flag.Parse()

	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	v, err := ui.New(a)
	if err != nil {
		fmt.Fprintln(os.Stderr, "visage:", err)
		os.Exit(1)
	}
	if *demo {
		a.Lifecycle().SetOnStarted(func() {
			v.Demo(*pause,
				func(tab string) { fmt.Println("tab", tab) },
				func() { fmt.Println("done") })
		})
	}
	v.Window().ShowAndRun()
}
