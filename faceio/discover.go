package faceio

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Warning messages of a Dataset, also listed in the documentation of
// Warning.
const (
	msgEmptyFolder = "empty person folder: no images"
	msgLooseFile   = "file in the dataset root is not in a person folder: ignored"
	msgSingleImage = "only one image: it is used for training and none is " +
		"held out for validation"
	msgNoFace = "no image in the person folder could be loaded, so it has no " +
		"class: see the skipped files"
	msgSubfolder = "folder inside a person folder: ignored, because only one " +
		"level of person folders is read"
	msgRootLink    = "symbolic link back to the dataset root: ignored"
	msgNoFaceFound = "no face was found, so the grid is the image's centre"
)

// ignoredNames are the files and folders, in lower case, that operating
// systems, file managers and NAS systems leave in folders.
var ignoredNames = map[string]bool{
	"thumbs.db":                 true, // Windows thumbnails
	"ehthumbs.db":               true,
	"desktop.ini":               true, // Windows folder settings
	"$recycle.bin":              true,
	"system volume information": true,
	"__macosx":                  true, // macOS resource forks in zip files
	"icon\r":                    true, // macOS custom folder icon
	"@eadir":                    true, // Synology thumbnails
}

// ignoredSuffixes end the names, in lower case, of backups and partial
// downloads.
var ignoredSuffixes = []string{"~", ".bak", ".part", ".crdownload", ".tmp"}

// ignored reports whether LoadDir skips the entry name without a warning:
// hidden names, which start with '.' (such as .DS_Store and the AppleDouble
// files "._*" of macOS), and the names above, in any case.
func ignored(name string) bool {
	if strings.HasPrefix(name, ".") {
		return true
	}
	lower := strings.ToLower(name)
	if ignoredNames[lower] {
		return true
	}
	for _, s := range ignoredSuffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	return false
}

// imageExtensions are the extensions, in lower case, of files that look
// like images, for the warning about images in the dataset root.
var imageExtensions = map[string]bool{
	".jpg": true, ".jpeg": true, ".jpe": true, ".png": true, ".gif": true,
	".bmp": true, ".tif": true, ".tiff": true, ".webp": true, ".pgm": true,
	".ppm": true, ".pnm": true, ".heic": true, ".heif": true, ".avif": true,
}

// msgNotUTF8 is the warning for a name that io/fs cannot open, because
// fs.ValidPath requires UTF-8.
const msgNotUTF8 = "name is not valid UTF-8, so it cannot be opened: rename it"

// className returns a folder name, which is valid UTF-8, as a class name:
// in Unicode normalization form C.
func className(folder string) string {
	return norm.NFC.String(folder)
}

// person is one class: its name and the folders whose names normalise to
// it, in byte order.
type person struct {
	name    string
	folders []string
}

// rootFolder is an entry of the dataset root that is a folder.
type rootFolder struct {
	name string
	link bool // reached through a symbolic link
}

// findPeople returns the people of the dataset root, sorted by name with
// strings.Compare, and warnings about the other entries of the root.
func findPeople(ctx context.Context, fsys fs.FS) ([]person, []Warning, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, fmt.Errorf("faceio: read dataset folder: %w", err)
	}
	var folders []rootFolder
	var warnings []Warning
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if f, w, ok := classifyRootEntry(fsys, e); ok {
			folders = append(folders, f)
		} else if w != nil {
			warnings = append(warnings, *w)
		}
	}
	folders, linked := distinctFolders(fsys, folders)
	people, merged := groupPeople(folders)
	return people, slices.Concat(warnings, linked, merged), nil
}

// classifyRootEntry returns the entry e of the root as a folder, or a
// warning about it, or neither for an entry ignored without a warning.
func classifyRootEntry(fsys fs.FS, e fs.DirEntry) (rootFolder, *Warning, bool) {
	name := e.Name()
	if ignored(name) {
		return rootFolder{}, nil, false
	}
	if !utf8.ValidString(name) {
		return rootFolder{}, &Warning{Path: name, Message: msgNotUTF8}, false
	}
	mode, err := entryMode(fsys, name, e)
	switch {
	case err != nil:
		msg := fmt.Sprintf("symbolic link cannot be followed (%v): ignored", pathErrorReason(err))
		return rootFolder{}, &Warning{Path: name, Message: msg}, false
	case mode.IsDir():
		return rootFolder{name: name, link: e.Type()&fs.ModeSymlink != 0}, nil, true
	case mode.IsRegular() && imageExtensions[strings.ToLower(path.Ext(name))]:
		return rootFolder{}, &Warning{Path: name, Message: msgLooseFile}, false
	}
	return rootFolder{}, nil, false
}

// pathErrorReason returns the reason of a *fs.PathError without the
// operation and path, which the warning names already.
func pathErrorReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// distinctFolders drops the folders that are the dataset root or another
// folder of the list, reached through a symbolic link, and returns a
// warning for each. Folders that are not links come first, so the link is
// the one dropped. Only files of an os.DirFS can be compared, with
// os.SameFile, and an fs.FS without symbolic links needs no comparison.
func distinctFolders(fsys fs.FS, folders []rootFolder) ([]rootFolder, []Warning) {
	slices.SortStableFunc(folders, func(a, b rootFolder) int {
		switch {
		case a.link == b.link:
			return 0
		case a.link:
			return 1
		}
		return -1
	})
	root, _ := fs.Stat(fsys, ".")
	var distinct []rootFolder
	var infos []fs.FileInfo
	var warnings []Warning
	for _, f := range folders {
		info, _ := fs.Stat(fsys, f.name)
		if f.link && sameFile(info, root) {
			warnings = append(warnings, Warning{Path: f.name, Message: msgRootLink})
			continue
		}
		same := func(o fs.FileInfo) bool { return sameFile(info, o) }
		if i := slices.IndexFunc(infos, same); i >= 0 {
			msg := fmt.Sprintf("symbolic link to the person folder %s: ignored", distinct[i].name)
			warnings = append(warnings, Warning{Path: f.name, Message: msg})
			continue
		}
		distinct = append(distinct, f)
		infos = append(infos, info)
	}
	return distinct, warnings
}

func sameFile(a, b fs.FileInfo) bool {
	return a != nil && b != nil && os.SameFile(a, b)
}

// groupPeople groups the folders by class name, sorted by name, and
// returns a warning for each folder that joins another one's class.
func groupPeople(folders []rootFolder) ([]person, []Warning) {
	slices.SortFunc(folders, func(a, b rootFolder) int { return strings.Compare(a.name, b.name) })
	byName := map[string]int{}
	var people []person
	var warnings []Warning
	for _, f := range folders {
		name := className(f.name)
		i, ok := byName[name]
		if !ok {
			byName[name] = len(people)
			people = append(people, person{name: name, folders: []string{f.name}})
			continue
		}
		msg := fmt.Sprintf("same name as %s after Unicode normalization: the images "+
			"of both folders form one class", people[i].folders[0])
		warnings = append(warnings, Warning{Path: f.name, Message: msg})
		people[i].folders = append(people[i].folders, f.name)
	}
	slices.SortFunc(people, func(a, b person) int { return strings.Compare(a.name, b.name) })
	return people, warnings
}

// listFiles returns a job for each file of the folders of p, in natural
// order of their class names, after a failed job for each folder that
// cannot be read, and warnings for subfolders and empty folders.
func listFiles(fsys fs.FS, p person, class int) ([]loaded, []Warning) {
	var failed, files []loaded
	var warnings []Warning
	for _, folder := range p.folders {
		entries, err := fs.ReadDir(fsys, folder)
		if err != nil {
			err = fmt.Errorf("faceio: read folder %s: %w", folder, err)
			failed = append(failed, loaded{path: folder, class: class, err: err})
			continue
		}
		jobs, w := folderJobs(fsys, folder, class, entries)
		files = append(files, jobs...)
		warnings = append(warnings, w...)
	}
	if len(failed) == 0 && len(files) == 0 {
		for _, folder := range p.folders {
			warnings = append(warnings, Warning{Path: folder, Message: msgEmptyFolder})
		}
	}
	slices.SortFunc(files, func(a, b loaded) int {
		if c := compareNatural(className(path.Base(a.path)), className(path.Base(b.path))); c != 0 {
			return c
		}
		return strings.Compare(a.path, b.path)
	})
	return append(failed, files...), warnings
}

// folderJobs returns a job for each entry of a person folder that is not
// ignored or a folder, and a warning for each folder.
func folderJobs(fsys fs.FS, folder string, class int,
	entries []fs.DirEntry) ([]loaded, []Warning) {
	var jobs []loaded
	var warnings []Warning
	for _, e := range entries {
		if ignored(e.Name()) {
			continue
		}
		name := path.Join(folder, e.Name())
		job := loaded{path: name, class: class}
		mode, err := entryMode(fsys, name, e)
		switch {
		case !utf8.ValidString(name):
			job.err = fmt.Errorf("faceio: %s: %s", name, msgNotUTF8)
		case err != nil:
			job.err = fmt.Errorf("faceio: %s: cannot follow the symbolic link (%w): "+
				"fix or remove it", name, pathErrorReason(err))
		case mode.IsDir():
			warnings = append(warnings, Warning{Path: name, Message: msgSubfolder})
			continue
		case !mode.IsRegular():
			// Opening a named pipe or a device could block or never end.
			job.err = fmt.Errorf("faceio: %s is not a regular file, so it cannot be "+
				"an image: remove it", name)
		}
		jobs = append(jobs, job)
	}
	return jobs, warnings
}

// entryMode returns the type bits of the entry name, following a symbolic
// link to the file it points to.
func entryMode(fsys fs.FS, name string, e fs.DirEntry) (fs.FileMode, error) {
	if e.Type()&fs.ModeSymlink == 0 {
		return e.Type(), nil
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return 0, err
	}
	return info.Mode().Type(), nil
}
