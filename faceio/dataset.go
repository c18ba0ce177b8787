package faceio

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// MinFaceSide is the smallest width and height, in pixels, of an image
// that Load accepts as a face.
const MinFaceSide = 8

// MaxAspectRatio is the largest ratio of the longer side of an image to
// its shorter side that Load accepts as a face.
const MaxAspectRatio = 8

// Face is one decoded training image.
type Face struct {
	// Path is the slash-separated path relative to the dataset root, such
	// as "s1/3.pgm", with the names as the file system stores them, so
	// that the file can be opened again.
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

// Skipped is a file that Load did not load, with the reason.
type Skipped struct {
	Path string // slash-separated, relative to the dataset root
	Err  error
}

// Warning is something in a dataset folder that a person may want to fix,
// but that did not stop the load. Its Message is one of these:
//
//   - "empty person folder: no images"
//   - "no image in the person folder could be loaded, so it has no class:
//     see the skipped files"
//   - "only one image: it is used for training and none is held out for
//     validation"
//   - "file in the dataset root is not in a person folder: ignored", for
//     files with an image extension; other files in the root, such as a
//     README, are ignored without a warning
//   - "folder inside a person folder: ignored, because only one level of
//     person folders is read"
//   - "symbolic link back to the dataset root: ignored"
//   - "symbolic link to the person folder NAME: ignored"
//   - "symbolic link cannot be followed (REASON): ignored"
//   - "name is not valid UTF-8, so it cannot be opened: rename it", for
//     an entry of the root; io/fs accepts only UTF-8 paths
//   - "same name as NAME after Unicode normalization: the images of both
//     folders form one class"
//   - "no face was found, so the grid is the image's centre", for an image
//     loaded with CropFace
type Warning struct {
	Path    string // slash-separated, relative to the dataset root
	Message string
}

// Dataset is a set of labelled faces loaded by Load or LoadDir.
type Dataset struct {
	// Classes are the names of the person folders with at least one face,
	// in Unicode normalization form C, sorted with sort.Strings.
	Classes []string

	// Faces are sorted by class, then by file name in natural order, where
	// digit runs compare as numbers ("2.pgm" before "10.pgm").
	Faces []Face

	// Skipped are the files and person folders that could not be read or
	// decoded or are not faces, in the same folder and file order as
	// Faces.
	Skipped []Skipped

	// Warnings are sorted by path.
	Warnings []Warning

	// Pipeline is the pipeline that made the inputs.
	Pipeline Pipeline
}

// LoadOptions are the settings of Load.
type LoadOptions struct {
	// Pipeline makes the input rows. It must be valid.
	Pipeline Pipeline

	// MaxPixels is the largest width*height of an image. A larger image is
	// skipped with a *SizeError before its pixels are decoded. 0 means
	// MaxPixels, and a negative value is an error.
	MaxPixels int

	// Progress, if not nil, is called with done = 0 once the files are
	// listed, then after each file with done increasing by one up to
	// total. It is called on the goroutine that called Load, never
	// concurrently, while the decoding goes on.
	Progress func(done, total int)

	// Detector finds the faces when Pipeline.Crop is CropFace, and must
	// not be nil then. It is not used for CropCenter.
	Detector *Detector
}

// LoadDir is Load without cancellation or progress, with the pipeline p.
func LoadDir(fsys fs.FS, p Pipeline) (*Dataset, error) {
	return Load(context.Background(), fsys, LoadOptions{Pipeline: p})
}

// Load loads a dataset from fsys, whose root contains one folder per
// person with that person's images: os.DirFS for a folder on disk, or a
// sub-tree of an embed.FS. The package documentation describes which
// entries it reads, skips or warns about.
//
// Load returns an error for invalid options, an unreadable root or a root
// without any face, and ctx.Err() soon after ctx is cancelled. Files are
// decoded concurrently on GOMAXPROCS goroutines, so fsys must be safe for
// concurrent use, as os.DirFS and embed.FS are.
func Load(ctx context.Context, fsys fs.FS, opt LoadOptions) (*Dataset, error) {
	if err := opt.Pipeline.Validate(); err != nil {
		return nil, err
	}
	if opt.MaxPixels < 0 {
		return nil, fmt.Errorf("faceio: invalid MaxPixels %d: must be positive, "+
			"or 0 for %d", opt.MaxPixels, MaxPixels)
	}
	if opt.Pipeline.Crop == CropFace && opt.Detector == nil {
		return nil, errors.New(`faceio: crop "face" needs a Detector in the load options`)
	}
	people, warnings, err := findPeople(ctx, fsys)
	if err != nil {
		return nil, err
	}

	var jobs []loaded
	for class, p := range people {
		files, w := listFiles(fsys, p, class)
		jobs = append(jobs, files...)
		warnings = append(warnings, w...)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if err := checkInputValues("", len(jobs), opt.Pipeline); err != nil {
		return nil, err
	}
	if err := loadFaces(ctx, fsys, opt, jobs); err != nil {
		return nil, err
	}

	d := &Dataset{Pipeline: opt.Pipeline, Warnings: warnings}
	d.add(people, jobs)
	if len(d.Classes) == 0 {
		return nil, noFacesError(len(people), d.Skipped, d.Warnings)
	}
	slices.SortStableFunc(d.Warnings, func(a, b Warning) int {
		return strings.Compare(a.Path, b.Path)
	})
	return d, nil
}

// loaded is a file to load and, once loaded, its face or error.
type loaded struct {
	path   string
	class  int // index into the people
	face   Face
	err    error
	noFace bool // the face crop found no face and used the centre
}

// loadFaces loads the jobs without an error on GOMAXPROCS goroutines and
// reports the progress. It returns ctx.Err() once ctx is cancelled, after
// the goroutines have stopped.
func loadFaces(ctx context.Context, fsys fs.FS, opt LoadOptions, jobs []loaded) error {
	progress := opt.Progress
	if progress == nil {
		progress = func(int, int) {}
	}
	limit := pixelLimit(opt.MaxPixels)
	progress(0, len(jobs))

	finished := make(chan struct{}, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	defer wg.Wait()
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(jobs) && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				if j := &jobs[i]; j.err == nil {
					j.face, j.noFace, j.err = loadFace(ctx, fsys, opt, limit, j.path)
				}
				finished <- struct{}{}
			}
		})
	}

	for done := 1; done <= len(jobs); done++ {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-finished:
			progress(done, len(jobs))
		}
	}
	return nil
}

// loadFace decodes one file into a face without a label.
func loadFace(ctx context.Context, fsys fs.FS, opt LoadOptions, limit int,
	name string) (face Face, noFace bool, err error) {
	img, release, err := decodeFS(ctx, fsys, name, limit)
	if err != nil {
		return Face{}, false, err
	}
	defer release()
	if err := checkFaceShape(name, img.Bounds()); err != nil {
		return Face{}, false, err
	}
	p := opt.Pipeline
	crop, found := p.Locate(img, opt.Detector)
	face = Face{Path: name, Input: p.ApplyRect(img, crop), Thumbnail: Thumbnail(img)}
	return face, p.Crop == CropFace && len(found) == 0, nil
}

// checkFaceShape returns an error for an image smaller than MinFaceSide
// or more elongated than MaxAspectRatio, which cannot be a face photo.
func checkFaceShape(name string, b image.Rectangle) error {
	w, h := b.Dx(), b.Dy()
	short, long := min(w, h), max(w, h)
	switch {
	case short < MinFaceSide:
		return fmt.Errorf("faceio: %s: image too small: %d×%d pixels, but a face "+
			"needs at least %d×%d: use a larger photo", name, w, h, MinFaceSide, MinFaceSide)
	case long > MaxAspectRatio*short:
		return fmt.Errorf("faceio: %s: not a photo of a face: %d×%d pixels, whose "+
			"longer side is more than %d times the shorter: crop it around the face",
			name, w, h, MaxAspectRatio)
	}
	return nil
}

// add appends the outcomes, which are grouped by person, as faces and
// skipped files, gives each person with a face a class and adds the
// warnings about the people.
func (d *Dataset) add(people []person, outcomes []loaded) {
	counts := make([]int, len(people))
	labels := make([]int, len(people))
	attempted := make([]bool, len(people))
	for _, o := range outcomes {
		attempted[o.class] = true
		if o.err != nil {
			d.Skipped = append(d.Skipped, Skipped{Path: o.path, Err: o.err})
			continue
		}
		if counts[o.class] == 0 {
			labels[o.class] = len(d.Classes)
			d.Classes = append(d.Classes, people[o.class].name)
		}
		counts[o.class]++
		o.face.Label = labels[o.class]
		d.Faces = append(d.Faces, o.face)
		if o.noFace {
			d.Warnings = append(d.Warnings, Warning{Path: o.path, Message: msgNoFaceFound})
		}
	}
	for i, p := range people {
		switch {
		case counts[i] == 1:
			d.Warnings = append(d.Warnings, Warning{Path: p.folders[0], Message: msgSingleImage})
		case counts[i] == 0 && attempted[i]:
			d.Warnings = append(d.Warnings, Warning{Path: p.folders[0], Message: msgNoFace})
		}
	}
}

func noFacesError(folders int, skipped []Skipped, warnings []Warning) error {
	const layout = "expected one subfolder per person containing " +
		formats + " files"
	switch {
	case folders == 0:
		return fmt.Errorf("faceio: no person folders found: %s%s", layout, looseHint(warnings))
	case len(skipped) == 0:
		return fmt.Errorf("faceio: no image files found in %d person folders: %s",
			folders, layout)
	}
	return fmt.Errorf("faceio: no faces loaded, %d files or folders failed "+
		"(first: %w): %s", len(skipped), skipped[0].Err, layout)
}

// looseHint returns advice for a dataset root that contains images but no
// person folder, or "".
func looseHint(warnings []Warning) string {
	n := 0
	for _, w := range warnings {
		if w.Message == msgLooseFile {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; the root contains %d image files, so move each person's "+
		"images into a folder named after the person", n)
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
