package faceio

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sbinet/npyio/npz"

	"visage/internal/npy"
)

// ArrayOrder is the order in which a flat row of an image array stores the
// pixels of one image.
type ArrayOrder string

const (
	// ArrayAuto picks the order from the shape. A 2-D array whose rows
	// hold exactly 400 values contains 20×20 images flattened
	// column-major, as in the deep-learning course whose data came from
	// MATLAB. Other 2-D arrays and all 3-D arrays are row-major.
	ArrayAuto ArrayOrder = ""

	// ArrayRowMajor puts pixel (x, y) at index y*width + x of a row.
	ArrayRowMajor ArrayOrder = "row-major"

	// ArrayColumnMajor puts pixel (x, y) at index x*height + y of a row.
	// An (m, a, b) array then holds images a pixels wide and b high,
	// because its rows are read in C order: element [i, x, y] is pixel
	// (x, y) of image i.
	ArrayColumnMajor ArrayOrder = "column-major"
)

// ArrayOptions are the settings of LoadNPY, LoadNPZ, LoadIDX, ReadIDX and
// OpenDataset.
type ArrayOptions struct {
	// Pipeline turns each image into an input row, as it does a photo. A
	// Width or Height of 0 is replaced by the images' own width or height.
	// The images are made upright before the pipeline processes them, so
	// Pipeline.Order only sets the order of the input rows.
	Pipeline Pipeline

	// Order is the layout of the pixels in a row of the image array.
	Order ArrayOrder

	// Progress, if not nil, is called with the number of images converted
	// so far and the total, after every batch of a few hundred images and
	// at the end. Calls never overlap.
	Progress func(done, total int)
}

func (o ArrayOptions) validate() error {
	if o.Pipeline.Crop == CropFace {
		return errors.New(`faceio: crop "face" does not apply to image arrays, ` +
			`whose images are already cropped: use the centre crop`)
	}
	switch o.Order {
	case ArrayAuto, ArrayRowMajor, ArrayColumnMajor:
		return nil
	}
	return fmt.Errorf("faceio: unknown array order %q: want %q, %q or \"\" "+
		"for the automatic choice", o.Order, ArrayRowMajor, ArrayColumnMajor)
}

// pipeline returns o.Pipeline with a zero Width or Height replaced by the
// images' size.
func (o ArrayOptions) pipeline(width, height int) Pipeline {
	p := o.Pipeline
	if p.Width == 0 {
		p.Width = width
	}
	if p.Height == 0 {
		p.Height = height
	}
	return p
}

// MaxArrayBytes is the largest array data, in bytes, that LoadNPY,
// LoadNPZ, LoadIDX and ReadIDX accept. They check the size a header
// declares against it, and against the length of the file, before
// allocating memory for the data.
const MaxArrayBytes = npy.MaxArrayBytes

// array is a numeric array read from an .npy or IDX file.
type array struct {
	*npy.Array
	source string // the file, and the array's name in an .npz, for messages
	base   string // the base name of the file, for Face.Path
}

// LoadNPY loads images and labels from two .npy files as a dataset, such
// as the X.npy and y.npy of a course's practice lab.
//
// The images are an (m, n) array, whose rows are images of n pixels with
// n a square number, or an (m, height, width) array. Rows are read in the
// order ArrayOptions.Order gives. The elements may have any bool, integer
// or float type of 1 to 8 bytes, in either byte order, stored in C or
// Fortran order. Pixel values are mapped to [0,1]: uint8 values are
// divided by 255, and bool values are 0 or 1. Other types are kept as
// they are if all values lie in [0,1]. Otherwise the whole array is
// scaled linearly from its minimum to its maximum, and an array of one
// constant value maps to 0. A NaN or infinite value is an error that
// names its index.
//
// The labels are an (m,), (m, 1) or (1, m) array of whole numbers, or a
// one-hot (m, k) array with exactly one 1 in each row, which gives the
// column of the 1. The distinct labels, sorted numerically, are the
// classes, each named by its value in decimal ("0", "7", "42").
//
// Each face's Path is the base name of the images file and the row, such
// as "X.npy[17]". Faces are sorted by class, then by row. Thumbnails of
// images smaller than 56 pixels on both sides are doubled in size by
// repeating pixels, so that they are visible. Skipped is always empty.
//
// LoadNPY never runs Python code. Object arrays (dtype 'O'), whose data
// is a pickle, and pickle files are rejected. Errors start with
// "faceio: " and name the file. The array data must not exceed
// MaxArrayBytes. If ctx is cancelled, LoadNPY stops once the batches of a
// few hundred images in progress are converted and returns an error that
// wraps ctx.Err().
func LoadNPY(ctx context.Context, xPath, yPath string,
	opt ArrayOptions) (*Dataset, error) {

	if err := opt.validate(); err != nil {
		return nil, err
	}
	images, err := loadNPYFile(xPath)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("faceio: load %s: %w", xPath, err)
	}
	labels, err := loadNPYFile(yPath)
	if err != nil {
		return nil, err
	}
	return arrayDataset(ctx, images, labels, opt)
}

// loadNPYFile reads the .npy file at path.
func loadNPYFile(path string) (*array, error) {
	f, size, err := openArrayFile(path, ".npy")
	if err != nil {
		return nil, err
	}
	defer f.Close()

	values, err := npy.Read(f, size)
	if err != nil {
		return nil, fmt.Errorf("faceio: %s: %w", path, err)
	}
	return &array{Array: values, source: path, base: filepath.Base(path)}, nil
}

// openArrayFile opens the file at path and returns its size, or -1 for a
// file that is not a regular file, such as a pipe. kind names the
// expected file type for messages.
func openArrayFile(path, kind string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("faceio: %w", err)
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, 0, fmt.Errorf("faceio: %w", err)
	case info.IsDir():
		f.Close()
		return nil, 0, fmt.Errorf("faceio: %s is a folder, expected an %s file",
			path, kind)
	case !info.Mode().IsRegular():
		return f, -1, nil
	}
	return f, info.Size(), nil
}

// LoadNPZ loads a dataset from an .npz file, as numpy.savez and
// numpy.savez_compressed write it. The images are the array named X (or
// x) and the labels the array named y (or Y), read as LoadNPY reads them.
// Other arrays are ignored. Face paths are the base name of the .npz file
// and the row, such as "data.npz[17]".
func LoadNPZ(ctx context.Context, path string, opt ArrayOptions) (*Dataset, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	f, size, err := openArrayFile(path, ".npz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if size < 0 {
		return nil, fmt.Errorf("faceio: %s is not a regular file, so it cannot be "+
			"read as an .npz (zip) file", path)
	}

	archive, err := npz.NewReader(f, size)
	if err != nil {
		return nil, fmt.Errorf("faceio: %s: not a valid .npz (zip) file: %w", path, err)
	}
	images, err := readNPZArray(archive, path, "images", "X", "x")
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("faceio: load %s: %w", path, err)
	}
	labels, err := readNPZArray(archive, path, "labels", "y", "Y")
	if err != nil {
		return nil, err
	}
	return arrayDataset(ctx, images, labels, opt)
}

// readNPZArray reads the first array of the archive named one of names,
// with or without the ".npy" that numpy.savez appends. role names the
// array's use for messages.
func readNPZArray(archive *npz.Reader, path, role string,
	names ...string) (*array, error) {

	member, name, ok := findNPZMember(archive.Keys(), names)
	if !ok {
		return nil, fmt.Errorf("faceio: %s: no %s array: expected one named %s, "+
			"found %s", path, role, strings.Join(names, " or "),
			npzContents(archive.Keys()))
	}
	source := path + ", array " + name

	r, err := archive.Open(member)
	if err != nil {
		return nil, fmt.Errorf("faceio: %s: %w", source, err)
	}
	defer r.Close()
	values, err := npy.Read(r, -1)
	if err != nil {
		return nil, fmt.Errorf("faceio: %s: %w", source, err)
	}
	return &array{Array: values, source: source, base: filepath.Base(path)}, nil
}

// findNPZMember returns the member of an .npz that stores one of names,
// and that name.
func findNPZMember(members, names []string) (string, string, bool) {
	for _, name := range names {
		for _, m := range members {
			if m == name+".npy" || m == name {
				return m, name, true
			}
		}
	}
	return "", "", false
}

func npzContents(members []string) string {
	if len(members) == 0 {
		return "no arrays"
	}
	names := make([]string, len(members))
	for i, m := range members {
		names[i] = strings.TrimSuffix(m, ".npy")
	}
	return "only " + strings.Join(names, ", ")
}

// arrayDataset converts an image array and a labels array into a dataset.
func arrayDataset(ctx context.Context, images, labels *array,
	opt ArrayOptions) (*Dataset, error) {

	layout, err := newImageLayout(images, opt.Order)
	if err != nil {
		return nil, err
	}
	values, err := labelValues(labels, images, layout.count)
	if err != nil {
		return nil, err
	}
	classes, classOf := classesOf(values)
	scale, err := newPixelScale(images, layout)
	if err != nil {
		return nil, err
	}
	p := opt.pipeline(layout.width, layout.height)
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("faceio: %s: pipeline for %d×%d images: %s",
			images.source, layout.width, layout.height,
			strings.TrimPrefix(err.Error(), "faceio: "))
	}
	if err := checkInputValues(images.source, layout.count, p); err != nil {
		return nil, err
	}

	src := arrayImages{array: images, layout: layout, scale: scale}
	faces, err := convertImages(ctx, src, p, opt.Progress)
	if err != nil {
		return nil, fmt.Errorf("faceio: load %s: %w", images.source, err)
	}
	for i := range faces {
		faces[i].Label = classOf[i]
	}
	slices.SortStableFunc(faces, func(a, b Face) int { return a.Label - b.Label })
	return &Dataset{Classes: classes, Faces: faces, Pipeline: p}, nil
}

// labelValues returns the label of each of the count images in the array
// images from the array labels.
func labelValues(labels, images *array, count int) ([]int64, error) {
	s := labels.Shape()
	switch {
	case len(s) == 1 && s[0] == count,
		len(s) == 2 && s[0] == count && s[1] == 1,
		len(s) == 2 && s[0] == 1 && s[1] == count:
		return wholeLabels(labels, count)
	case len(s) == 2 && s[0] == count && s[1] >= 2:
		return oneHotLabels(labels)
	}
	return nil, fmt.Errorf("faceio: %s has %d images (shape %s) but %s has shape %s: "+
		"expected one label per image, in shape (%d,), (%d, 1), (1, %d) or one-hot "+
		"(%d, classes)", images.source, count, npy.FormatShape(images.Shape()),
		labels.source, npy.FormatShape(s), count, count, count, count)
}

// maxExactInteger is 2^53, the largest magnitude up to which float64
// holds every integer.
const maxExactInteger = 1 << 53

// wholeLabels returns the count labels of a vector, which must be whole
// numbers. A vector's elements are in the same positions in C and Fortran
// order.
func wholeLabels(labels *array, count int) ([]int64, error) {
	values := make([]int64, count)
	for i := range values {
		v := labels.At(i)
		if v != math.Trunc(v) || math.Abs(v) > maxExactInteger {
			return nil, fmt.Errorf("faceio: %s: label %v at index %d is not a whole "+
				"number from -2^53 to 2^53: labels must be class numbers such as 0 to 9",
				labels.source, v, i)
		}
		values[i] = int64(v)
	}
	return values, nil
}

// oneHotLabels returns the column of the single 1 in each row of an
// (m, k) array of zeros and ones.
func oneHotLabels(labels *array) ([]int64, error) {
	rows, columns := labels.Shape()[0], labels.Shape()[1]
	values := make([]int64, rows)
	for i := range rows {
		hot := -1
		for c := range columns {
			v := labels.At(labels.position2(i, c))
			switch {
			case v == 1 && hot < 0:
				hot = c
			case v == 1 || v != 0:
				return nil, oneHotError(labels, i, c, v)
			}
		}
		if hot < 0 {
			return nil, fmt.Errorf("faceio: %s: row %d of the one-hot labels "+
				"(shape %s) contains no 1", labels.source, i,
				npy.FormatShape(labels.Shape()))
		}
		values[i] = int64(hot)
	}
	return values, nil
}

func oneHotError(labels *array, row, column int, v float64) error {
	reason := "is a second 1 in its row"
	if v != 1 {
		reason = "is neither 0 nor 1"
	}
	return fmt.Errorf("faceio: %s: value %v at [%d, %d] %s: one-hot labels "+
		"(shape %s) must contain exactly one 1 per row", labels.source, v, row,
		column, reason, npy.FormatShape(labels.Shape()))
}

// position2 returns the storage position of element [i, j] of a 2-D array.
func (a *array) position2(i, j int) int {
	if a.Fortran() {
		return i + j*a.Shape()[0]
	}
	return i*a.Shape()[1] + j
}

// classesOf returns the distinct values, sorted, as class names, and the
// class index of each value.
func classesOf(values []int64) ([]string, []int) {
	distinct := slices.Clone(values)
	slices.Sort(distinct)
	distinct = slices.Compact(distinct)

	names := make([]string, len(distinct))
	for i, v := range distinct {
		names[i] = strconv.FormatInt(v, 10)
	}
	classOf := make([]int, len(values))
	for i, v := range values {
		classOf[i], _ = slices.BinarySearch(distinct, v)
	}
	return names, classOf
}
