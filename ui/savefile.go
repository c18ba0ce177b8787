package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// chooseSavePath prompts for the path of a file to write, starting from the
// file name name in the last folder used, and calls chosen with it once
// the user confirms, and confirms replacing a file that exists.
//
// Fyne's save dialog opens the chosen file for writing before it returns,
// which empties a file that exists, so a save that then fails would lose
// it. This dialog only prompts for the path, so callers can replace the file
// whole, and leave it as it was when writing fails.
func (v *App) chooseSavePath(title, name string, chosen func(path string)) {
	folder := v.lastFolder()
	where := widget.NewLabel(folder)
	where.Truncation = fyne.TextTruncateEllipsis
	entry := widget.NewEntry()
	entry.SetText(name)
	browse := widget.NewButton("Folder…", func() {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				folder = dir.Path()
				where.SetText(folder)
			}
		}, v.win)
		v.showInLastFolder(d)
	})
	items := []*widget.FormItem{
		widget.NewFormItem("File name", entry),
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, browse, where)),
	}
	d := dialog.NewForm(title, "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		path, err := savePath(folder, entry.Text)
		if err != nil {
			dialog.ShowError(err, v.win)
			return
		}
		v.confirmReplace(path, func() {
			v.rememberFolder(storage.NewFileURI(path))
			chosen(path)
		})
	}, v.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	d.Show()
}

// savePath joins a file name typed by the user to folder, unless it is a
// path of its own, and checks that it does not name a folder.
func savePath(folder, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", errors.New("missing file name: type a name for the file")
	}
	path := name
	if !filepath.IsAbs(name) {
		path = filepath.Join(folder, name)
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return "", fmt.Errorf("%s is a folder: type a file name", path)
	}
	if info, err := os.Stat(filepath.Dir(path)); err != nil || !info.IsDir() {
		return "", fmt.Errorf("folder %s not found: choose an existing folder", filepath.Dir(path))
	}
	return path, nil
}

// chooseOpenPath shows a file dialog in the last folder used and calls
// chosen with the path of the file the user opens.
func (v *App) chooseOpenPath(chosen func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, v.win)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		v.rememberFolder(r.URI())
		chosen(r.URI().Path())
	}, v.win)
	v.showInLastFolder(d)
}

// confirmReplace calls then at once when path does not exist, and after
// the user agrees to replace it otherwise.
func (v *App) confirmReplace(path string, then func()) {
	if _, err := os.Stat(path); err != nil {
		then()
		return
	}
	dialog.ShowConfirm("Replace the file?",
		fmt.Sprintf("%s already exists. Replace it?", filepath.Base(path)),
		func(ok bool) {
			if ok {
				then()
			}
		}, v.win)
}

// lastFolder returns the folder the last file dialog was used in, or the
// home folder.
func (v *App) lastFolder() string {
	if saved := v.fyneApp.Preferences().String(prefFolder); saved != "" {
		if u, err := storage.ParseURI(saved); err == nil {
			if info, err := os.Stat(u.Path()); err == nil && info.IsDir() {
				return u.Path()
			}
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}
