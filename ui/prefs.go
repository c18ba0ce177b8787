package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"visage/faceio"
)

// Preference keys. Each setting is saved when it changes, not only when
// the window closes.
const (
	prefFolder = "folder" // URI of the folder the last file dialog ended in
	prefEpochs = "epochs"
	prefTheme  = "theme"
)

// restoreSettings puts the saved settings into the controls and saves
// every later change. The epoch count follows later, in restoreEpochs,
// because opening a dataset replaces it.
func (v *App) restoreSettings() {
	p := v.fyneApp.Preferences()
	bindEntry(p, "grid", v.settings.grid)
	bindSelect(p, "crop", v.settings.crop)
	bindCheck(p, "equalise", v.settings.equalize)
	bindEntry(p, "hidden", v.hidden)
	bindCheck(p, "slowMotion", v.slow)
	bindCheck(p, "perUnitScale", v.perUnit)

	n := v.network
	bindEntry(p, "activation", n.activation)
	bindSelect(p, "output", n.output)
	bindSelect(p, "binaryClass", n.positive)
	bindSelect(p, "optimiser", n.optimizer)
	bindEntry(p, "learningRate", n.rate)
	bindEntry(p, "batchSize", n.batch)
	bindEntry(p, "l2", n.l2)
	bindEntry(p, "seed", n.seed)
	bindEntry(p, "validationShare", n.validation)
}

// restoreEpochs puts the saved epoch count into its entry and saves every
// later change, including the count a newly opened dataset sets.
func (v *App) restoreEpochs() {
	p := v.fyneApp.Preferences()
	// A saved count that is not a whole number from 1 up is dropped, so
	// the field keeps the count chosen for the data.
	if n, err := strconv.Atoi(strings.TrimSpace(p.String(prefEpochs))); err != nil || n < 1 {
		p.RemoveValue(prefEpochs)
	}
	bindEntry(p, prefEpochs, v.epochs)
}

// bindEntry sets e to the text saved under key, if any, and saves the text
// whenever it changes.
func bindEntry(p fyne.Preferences, key string, e *widget.Entry) {
	e.SetText(p.StringWithFallback(key, e.Text))
	next := e.OnChanged
	e.OnChanged = func(s string) {
		p.SetString(key, s)
		if next != nil {
			next(s)
		}
	}
}

// bindSelect selects the option saved under key, if it is still offered,
// and saves the choice whenever it changes. A binary network's class is
// saved even when the dataset on screen lacks it, for the next that has it.
func bindSelect(p fyne.Preferences, key string, s *widget.Select) {
	saved := p.String(key)
	if saved != "" && (len(s.Options) == 0 || contains(s.Options, saved)) {
		s.Selected = saved
		s.Refresh()
	}
	next := s.OnChanged
	s.OnChanged = func(choice string) {
		p.SetString(key, choice)
		if next != nil {
			next(choice)
		}
	}
}

// bindCheck sets c to the state saved under key, if any, and saves the
// state whenever it changes. Restoring skips c's OnChanged, because the
// views it would redraw have no network yet.
func bindCheck(p fyne.Preferences, key string, c *widget.Check) {
	c.Checked = p.BoolWithFallback(key, c.Checked)
	c.Refresh()
	next := c.OnChanged
	c.OnChanged = func(on bool) {
		p.SetBool(key, on)
		if next != nil {
			next(on)
		}
	}
}

// loadFirstFaces loads the built-in faces with the saved input settings,
// or with the default ones when the saved settings are invalid or fail,
// so a bad setting never keeps the window from opening.
func (v *App) loadFirstFaces(src source) (*faceio.Dataset, error) {
	ctx := context.Background()
	p, err := v.settings.pipeline()
	if err == nil && checkNetworkSize(p, v.hidden.Text) == nil {
		opt := faceio.OpenOptions{LoadOptions: faceio.LoadOptions{Pipeline: p, Detector: v.detector}}
		if data, err := src.load(ctx, opt); err == nil {
			return data, nil
		}
	}
	opt := faceio.OpenOptions{LoadOptions: faceio.LoadOptions{Pipeline: faceio.DefaultPipeline()}}
	return src.load(ctx, opt)
}

// folderDialog is the part of Fyne's file and folder dialogs that sets
// the folder they open in.
type folderDialog interface {
	SetLocation(fyne.ListableURI)
	Show()
}

// showInLastFolder shows d starting in the folder the last file dialog
// ended in, when that folder can still be listed. Without a location,
// Fyne v2.8.1's dialogs open in the last folder browsed, even in a
// dialog that was cancelled, instead of where a file was last chosen.
func (v *App) showInLastFolder(d folderDialog) {
	if saved := v.fyneApp.Preferences().String(prefFolder); saved != "" {
		if u, err := storage.ParseURI(saved); err == nil {
			if dir, err := storage.ListerForURI(u); err == nil {
				d.SetLocation(dir)
			}
		}
	}
	d.Show()
}

// rememberFolder saves the folder that contains u, a file or folder chosen
// in a dialog, as the place the next dialog starts in.
func (v *App) rememberFolder(u fyne.URI) {
	dir, err := storage.Parent(u)
	if err != nil {
		return
	}
	v.fyneApp.Preferences().SetString(prefFolder, dir.String())
}
