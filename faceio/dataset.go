package faceio

import (
	"fmt"
	"image"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Face is one decoded training image.
type Face struct {
	// Path is the slash-separated path relative to the dataset root, such
	// as "s1/3.pgm".
	Path string

	// Label is the index of the person in Dataset.Classes.
	Label int

	// Input is Pipeline.Apply of the image.
	Input []float64

	// Thumbnail is the image in gray, reduced by area averaging so that its
	// longer side is at most ThumbnailSize pixels. Smaller images keep
	// their size.
	Thumbnail *image.Gray
}

// Skipped is a file that LoadDir did not load, with the reason.
type Skipped struct {
	Path string // slash-separated, relative to the dataset root
	Err  error
}

// Dataset is a set of labelled faces loaded by LoadDir.
type Dataset struct {
	// Classes are the names of the person folders with at least one face,
	// sorted with sort.Strings.
	Classes []string

	// Faces are sorted by class, then by file name in natural order, where
	// digit runs compare as numbers ("2.pgm" before "10.pgm").
	Faces []Face

	// Skipped are the files and person folders that could not be read or
	// decoded, in the same folder and file order as Faces.
	Skipped []Skipped

	// Pipeline is the pipeline that made the inputs.
	Pipeline Pipeline
}

// LoadDir loads a dataset from fsys, whose root contains one folder per
// person with that person's images: os.DirFS for a folder on disk, or a
// sub-tree of an embed.FS.
//
// Entries whose names start with '.' and files in the root are ignored, as
// are folders inside a person folder. Symbolic links are followed. Every
// other file in a person folder is decoded by content, so its extension
// does not matter. A file that fails to decode or is not a regular file is
// added to Skipped and does not stop the load. A person folder without any
// face gets no class.
//
// LoadDir returns an error for an invalid pipeline, an unreadable root or
// a root without any face. Files are decoded concurrently, so fsys must be
// safe for concurrent use, as os.DirFS and embed.FS are.
func LoadDir(fsys fs.FS, p Pipeline) (*Dataset, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	people, err := personFolders(fsys)
	if err != nil {
		return nil, err
	}

	var jobs []loaded
	for _, person := range people {
		jobs = append(jobs, listPerson(fsys, person)...)
	}
	loadFaces(fsys, p, jobs)

	d := &Dataset{Pipeline: p}
	d.add(jobs)
	if len(d.Classes) == 0 {
		return nil, noFacesError(len(people), d.Skipped)
	}
	return d, nil
}

// personFolders returns the names of the visible folders in the root of
// fsys, sorted with sort.Strings.
func personFolders(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("faceio: read dataset folder: %w", err)
	}
	var people []string
	for _, e := range entries {
		if hidden(e.Name()) {
			continue
		}
		if mode, err := entryMode(fsys, e.Name(), e); err == nil && mode.IsDir() {
			people = append(people, e.Name())
		}
	}
	sort.Strings(people)
	return people, nil
}

// listPerson returns a job for each visible file in the folder person, in
// natural order, or one failed job for the folder if it cannot be read.
func listPerson(fsys fs.FS, person string) []loaded {
	entries, err := fs.ReadDir(fsys, person)
	if err != nil {
		err = fmt.Errorf("faceio: read folder %s: %w", person, err)
		return []loaded{{path: person, err: err}}
	}
	entries = slices.DeleteFunc(entries, func(e fs.DirEntry) bool {
		return hidden(e.Name())
	})
	slices.SortFunc(entries, func(a, b fs.DirEntry) int {
		return compareNatural(a.Name(), b.Name())
	})

	var jobs []loaded
	for _, e := range entries {
		if job, ok := newJob(fsys, path.Join(person, e.Name()), e); ok {
			jobs = append(jobs, job)
		}
	}
	return jobs
}

// newJob returns the job for the entry name of a person folder, failed
// unless it is a regular file, and false for a folder.
func newJob(fsys fs.FS, name string, e fs.DirEntry) (loaded, bool) {
	job := loaded{path: name}
	mode, err := entryMode(fsys, name, e)
	switch {
	case err != nil:
		job.err = fmt.Errorf("faceio: stat %s: %w", name, err)
	case mode.IsDir():
		return job, false
	case !mode.IsRegular():
		// Opening a named pipe or a device could block or never end.
		job.err = fmt.Errorf("faceio: %s is not a regular file", name)
	}
	return job, true
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

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

// loaded is a file to load and, once loaded, its face or error.
type loaded struct {
	path string
	face Face
	err  error
}

// loadFaces loads the jobs without an error on GOMAXPROCS goroutines.
func loadFaces(fsys fs.FS, p Pipeline, jobs []loaded) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
				if j := &jobs[i]; j.err == nil {
					j.face, j.err = loadFace(fsys, p, j.path)
				}
			}
		})
	}
	wg.Wait()
}

// loadFace decodes one file into a face without a label.
func loadFace(fsys fs.FS, p Pipeline, name string) (Face, error) {
	img, err := DecodeFS(fsys, name)
	if err != nil {
		return Face{}, err
	}
	face := Face{Path: name, Input: p.Apply(img), Thumbnail: Thumbnail(img)}
	return face, nil
}

// add appends the outcomes, which are grouped by person folder, as faces
// and skipped files, and gives each folder with a face a class.
func (d *Dataset) add(outcomes []loaded) {
	for _, o := range outcomes {
		if o.err != nil {
			d.Skipped = append(d.Skipped, Skipped{Path: o.path, Err: o.err})
			continue
		}
		person := path.Dir(o.path)
		if n := len(d.Classes); n == 0 || d.Classes[n-1] != person {
			d.Classes = append(d.Classes, person)
		}
		o.face.Label = len(d.Classes) - 1
		d.Faces = append(d.Faces, o.face)
	}
}

func noFacesError(folders int, skipped []Skipped) error {
	const layout = "expected one subfolder per person containing " +
		formats + " files"
	switch {
	case folders == 0:
		return fmt.Errorf("faceio: no person folders found: %s", layout)
	case len(skipped) == 0:
		return fmt.Errorf("faceio: no image files found in %d person folders: %s",
			folders, layout)
	}
	return fmt.Errorf("faceio: no faces loaded, %d files or folders failed "+
		"(first: %w): %s", len(skipped), skipped[0].Err, layout)
}

// Labels returns the label of each face, in the order of Faces.
func (d *Dataset) Labels() []int {
	labels := make([]int, len(d.Faces))
	for i, f := range d.Faces {
		labels[i] = f.Label
	}
	return labels
}

// Inputs returns the input rows of all faces concatenated, a row-major
// len(Faces)×Pipeline.Inputs() matrix ready for mat.NewDense.
func (d *Dataset) Inputs() []float64 {
	n := d.Pipeline.Inputs()
	inputs := make([]float64, 0, len(d.Faces)*n)
	for _, f := range d.Faces {
		inputs = append(inputs, f.Input...)
	}
	return inputs
}
