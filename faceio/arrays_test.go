package faceio

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sbinet/npyio/npy"
	"github.com/sbinet/npyio/npz"
	"gonum.org/v1/gonum/mat"
)

// grayTolerance is the rounding of a [0,1] value to 16 bits, with margin.
const grayTolerance = 1e-5

// loadNPYFiles writes the files, keyed by name, to a new folder and loads
// X.npy and y.npy from it.
func loadNPYFiles(t *testing.T, files map[string][]byte, opt ArrayOptions) (*Dataset, error) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	x, y := filepath.Join(dir, "X.npy"), filepath.Join(dir, "y.npy")
	return LoadNPY(context.Background(), x, y, opt)
}

// indexLabels returns the labels 0, 1, ... count-1 as an int64 .npy file.
func indexLabels(count int) []byte {
	values := make([]float64, count)
	for i := range values {
		values[i] = float64(i)
	}
	return npyValues("<i8", []int{count}, false, values)
}

// sequence returns n values from start in steps of step.
func sequence(n int, start, step float64) []float64 {
	values := make([]float64, n)
	for i := range values {
		values[i] = start + step*float64(i)
	}
	return values
}

func TestLoadNPYDtypes(t *testing.T) {
	// Three 2×2 images, in C order. Each case gives the pixel values the
	// images must have after scaling.
	unsigned := sequence(12, 0, 10)
	signed := sequence(12, -60, 10)
	fractions := sequence(12, 0, 1.0/11)
	wide := sequence(12, -1.5, 0.5)
	rescale := func(values []float64) []float64 {
		lo, hi := slices.Min(values), slices.Max(values)
		out := make([]float64, len(values))
		for i, v := range values {
			out[i] = (v - lo) / (hi - lo)
		}
		return out
	}
	levels := sequence(12, 0, 23)
	tests := []struct {
		descrs []string
		values []float64
		want   []float64
	}{
		{[]string{"|u1", "u1", "<u1", ">u1", "=u1"}, levels, sequence(12, 0, 23.0/255)},
		{[]string{"|b1", "<b1"}, []float64{0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1},
			[]float64{0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1}},
		{[]string{"|i1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8", "=i4"}, signed, rescale(signed)},
		{[]string{"<u2", ">u2", "<u4", ">u4", "<u8", ">u8"}, unsigned, rescale(unsigned)},
		{[]string{"<f2", ">f2", "<f4", ">f4", "<f8", ">f8", "|f8", "f8"}, wide, rescale(wide)},
		{[]string{"<f4", ">f8"}, fractions, fractions},
		{[]string{"<f8", "<i2"}, slices.Repeat([]float64{3}, 12), make([]float64, 12)},
		{[]string{"<f8"}, slices.Repeat([]float64{0.5}, 12), slices.Repeat([]float64{0.5}, 12)},
	}
	for _, tt := range tests {
		for _, descr := range tt.descrs {
			for _, fortran := range []bool{false, true} {
				files := map[string][]byte{
					"X.npy": npyValues(descr, []int{3, 4}, fortran, tt.values),
					"y.npy": indexLabels(3),
				}
				d, err := loadNPYFiles(t, files, ArrayOptions{})
				if err != nil {
					t.Errorf("%s fortran=%v: %v", descr, fortran, err)
					continue
				}
				checkInputs(t, descr, d, tt.want)
			}
		}
	}
}

// checkInputs compares the input rows of d, concatenated in the order of
// Faces, with want.
func checkInputs(t *testing.T, name string, d *Dataset, want []float64) {
	t.Helper()
	got := d.Inputs()
	if len(got) != len(want) {
		t.Errorf("%s: %d input values, want %d", name, len(got), len(want))
		return
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > grayTolerance {
			t.Errorf("%s: input %d = %v, want %v", name, i, got[i], want[i])
			return
		}
	}
}

// barImages returns count images of width×height pixels, listed
// row-major, each black with a white top row, and a gray pixel at (1, 2)
// that makes the image asymmetric.
func barImages(count, width, height int) [][]float64 {
	images := make([][]float64, count)
	for i := range images {
		img := make([]float64, width*height)
		for x := range width {
			img[x] = 1
		}
		img[2*width+1] = 0.5
		images[i] = img
	}
	return images
}

// flattenImages lists the pixels of row-major images in the order of a
// row of an array: row-major, or column-major with index x*height + y.
func flattenImages(images [][]float64, width, height int, order ArrayOrder) []float64 {
	var values []float64
	for _, img := range images {
		for j := range img {
			y, x := j/width, j%width
			if order == ArrayColumnMajor {
				x, y = j/height, j%height
			}
			values = append(values, img[y*width+x])
		}
	}
	return values
}

func TestLoadNPYLayouts(t *testing.T) {
	tests := []struct {
		name          string
		shape         []int
		order         ArrayOrder // the option passed to LoadNPY
		stored        ArrayOrder // the order the test writes rows in
		width, height int
	}{
		{"course 400 column-major", []int{3, 400}, ArrayAuto, ArrayColumnMajor, 20, 20},
		{"course 400 forced column-major", []int{3, 400}, ArrayColumnMajor, ArrayColumnMajor, 20, 20},
		{"400 forced row-major", []int{3, 400}, ArrayRowMajor, ArrayRowMajor, 20, 20},
		{"square 64 row-major", []int{3, 64}, ArrayAuto, ArrayRowMajor, 8, 8},
		{"square 64 forced column-major", []int{3, 64}, ArrayColumnMajor, ArrayColumnMajor, 8, 8},
		{"3-D row-major", []int{3, 5, 7}, ArrayAuto, ArrayRowMajor, 7, 5},
		{"3-D 20×20 row-major", []int{3, 20, 20}, ArrayAuto, ArrayRowMajor, 20, 20},
		{"3-D column-major", []int{3, 7, 5}, ArrayColumnMajor, ArrayColumnMajor, 7, 5},
	}
	for _, tt := range tests {
		images := barImages(3, tt.width, tt.height)
		values := flattenImages(images, tt.width, tt.height, tt.stored)
		for _, fortran := range []bool{false, true} {
			files := map[string][]byte{
				"X.npy": npyValues("<f8", tt.shape, fortran, values),
				"y.npy": indexLabels(3),
			}
			d, err := loadNPYFiles(t, files, ArrayOptions{Order: tt.order})
			if err != nil {
				t.Errorf("%s fortran=%v: %v", tt.name, fortran, err)
				continue
			}
			if p := d.Pipeline; p.Width != tt.width || p.Height != tt.height {
				t.Errorf("%s: pipeline grid %d×%d, want %d×%d", tt.name, p.Width, p.Height,
					tt.width, tt.height)
			}
			checkInputs(t, tt.name, d, slices.Concat(images...))
		}
	}
}

func TestLoadNPYBarIsOnTop(t *testing.T) {
	// The course's layout: 20×20 images, each flattened column-major.
	images := barImages(2, 20, 20)
	files := map[string][]byte{
		"X.npy": npyValues("<f8", []int{2, 400}, false,
			flattenImages(images, 20, 20, ArrayColumnMajor)),
		"y.npy": npyValues("<u1", []int{2, 1}, false, []float64{1, 0}),
	}
	d, err := loadNPYFiles(t, files, ArrayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	face := d.Faces[0]
	grid := face.Input
	for x := range 20 {
		if grid[x] != 1 || grid[20+x] != 0 {
			t.Fatalf("rows 0 and 1 of the grid at x=%d are %v and %v, want 1 and 0",
				x, grid[x], grid[20+x])
		}
	}

	thumb := face.Thumbnail
	if got, want := thumb.Bounds(), image.Rect(0, 0, 40, 40); got != want {
		t.Fatalf("thumbnail bounds %v, want %v", got, want)
	}
	for _, p := range []image.Point{{0, 0}, {39, 1}, {0, 2}, {2, 4}, {3, 5}, {39, 39}} {
		want := map[bool]uint8{true: 255, false: 0}[p.Y < 2]
		if p == (image.Point{2, 4}) || p == (image.Point{3, 5}) {
			want = 128 // pixel (1, 2), doubled
		}
		if got := thumb.GrayAt(p.X, p.Y).Y; got != want {
			t.Errorf("thumbnail pixel %v = %d, want %d", p, got, want)
		}
	}
}

func TestLoadNPYPipeline(t *testing.T) {
	images := barImages(2, 20, 20)
	files := map[string][]byte{
		"X.npy": npyValues("<f4", []int{2, 400}, true,
			flattenImages(images, 20, 20, ArrayColumnMajor)),
		"y.npy": indexLabels(2),
	}
	p := Pipeline{Width: 6, Height: 9, Order: ColumnMajor, Equalize: true}
	d, err := loadNPYFiles(t, files, ArrayOptions{Pipeline: p})
	if err != nil {
		t.Fatal(err)
	}
	if d.Pipeline != p {
		t.Errorf("Pipeline = %+v, want %+v", d.Pipeline, p)
	}

	upright := image.NewGray16(image.Rect(0, 0, 20, 20))
	for k, v := range images[0] {
		upright.Pix[2*k], upright.Pix[2*k+1] = uint8(uint16(v*0xffff)>>8), uint8(uint16(v*0xffff))
	}
	if got, want := d.Faces[0].Input, p.Apply(upright); !slices.Equal(got, want) {
		t.Errorf("Input = %.3f,\nwant Pipeline.Apply of the upright image %.3f", got, want)
	}
}

func TestLoadNPYLabels(t *testing.T) {
	tests := []struct {
		name        string
		labels      []byte
		wantClasses []string
		wantLabels  []int // in the order of Faces
		wantRows    []int // row of each face in X.npy, in the order of Faces
	}{
		{"vector", npyValues("<i8", []int{5}, false, []float64{7, 3, 42, 3, 7}),
			[]string{"3", "7", "42"}, []int{0, 0, 1, 1, 2}, []int{1, 3, 0, 4, 2}},
		{"column", npyValues(">i2", []int{5, 1}, false, []float64{1, 0, 1, 0, 1}),
			[]string{"0", "1"}, []int{0, 0, 1, 1, 1}, []int{1, 3, 0, 2, 4}},
		{"row", npyValues("<u1", []int{1, 5}, true, []float64{2, 2, 2, 2, 9}),
			[]string{"2", "9"}, []int{0, 0, 0, 0, 1}, []int{0, 1, 2, 3, 4}},
		{"negative", npyValues("<i4", []int{5}, false, []float64{-1, 10, -1, 2, 10}),
			[]string{"-1", "2", "10"}, []int{0, 0, 1, 2, 2}, []int{0, 2, 3, 1, 4}},
		{"whole floats", npyValues("<f8", []int{5, 1}, false, []float64{1, 0, 1, 0, 1}),
			[]string{"0", "1"}, []int{0, 0, 1, 1, 1}, []int{1, 3, 0, 2, 4}},
		{"half floats", npyValues("<f2", []int{5}, false, []float64{4, 4, 4, 4, 4}),
			[]string{"4"}, []int{0, 0, 0, 0, 0}, []int{0, 1, 2, 3, 4}},
		{"bool", npyValues("|b1", []int{5}, false, []float64{1, 0, 0, 1, 1}),
			[]string{"0", "1"}, []int{0, 0, 1, 1, 1}, []int{1, 2, 0, 3, 4}},
		{"one-hot", npyValues("<f4", []int{5, 4}, false, []float64{
			0, 0, 1, 0,
			1, 0, 0, 0,
			0, 0, 1, 0,
			0, 0, 0, 1,
			1, 0, 0, 0,
		}), []string{"0", "2", "3"}, []int{0, 0, 1, 1, 2}, []int{1, 4, 0, 2, 3}},
		{"one-hot fortran", npyValues("<u1", []int{5, 2}, true, []float64{
			0, 1,
			1, 0,
			0, 1,
			0, 1,
			1, 0,
		}), []string{"0", "1"}, []int{0, 0, 1, 1, 1}, []int{1, 4, 0, 2, 3}},
	}
	images := npyValues("|u1", []int{5, 4}, false, sequence(20, 0, 1))
	for _, tt := range tests {
		d, err := loadNPYFiles(t, map[string][]byte{"X.npy": images, "y.npy": tt.labels},
			ArrayOptions{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !slices.Equal(d.Classes, tt.wantClasses) {
			t.Errorf("%s: Classes = %q, want %q", tt.name, d.Classes, tt.wantClasses)
		}
		if got := d.Labels(); !slices.Equal(got, tt.wantLabels) {
			t.Errorf("%s: Labels() = %v, want %v", tt.name, got, tt.wantLabels)
		}
		var paths, wantPaths []string
		for i, f := range d.Faces {
			paths = append(paths, f.Path)
			wantPaths = append(wantPaths, fmt.Sprintf("X.npy[%d]", tt.wantRows[i]))
		}
		if !slices.Equal(paths, wantPaths) {
			t.Errorf("%s: face paths = %q, want %q", tt.name, paths, wantPaths)
		}
	}
}

func TestLoadNPYErrors(t *testing.T) {
	images := npyValues("<f8", []int{3, 4}, false, sequence(12, 0, 0.05))
	labels := indexLabels(3)
	nan := sequence(12, 0, 0.05)
	nan[6] = math.NaN()
	inf := sequence(12, 0, 1)
	inf[11] = math.Inf(-1)
	valid := func(name string, data []byte) map[string][]byte {
		files := map[string][]byte{"X.npy": images, "y.npy": labels}
		files[name] = data
		return files
	}
	tests := []struct {
		name  string
		files map[string][]byte
		file  string // the file the error must name
		want  string
	}{
		{"object images", valid("X.npy", npyFile(1, npyDict("|O", false, []int{3, 4}),
			[]byte("\x80\x04\x95"))), "X.npy", "object array"},
		{"object labels", valid("y.npy", npyFile(1, npyDict("|O", false, []int{3}),
			nil)), "y.npy", "never unpickled"},
		{"pickle", valid("X.npy", []byte("\x80\x04\x95\x00\x00cos\nsystem\n")),
			"X.npy", "Python pickle"},
		{"truncated", valid("X.npy", images[:len(images)-3]), "X.npy",
			"truncated: the header declares shape (3, 4) of dtype '<f8', which is 96 bytes"},
		{"shape too large", valid("X.npy", npyFile(1, npyDict("<f8", false, []int{4, 4}),
			make([]byte, 96))), "X.npy", "only 96 bytes follow"},
		{"shape too small", valid("X.npy", npyFile(1, npyDict("<f8", false, []int{2, 4}),
			make([]byte, 96))), "X.npy", "more bytes follow"},
		{"huge shape", valid("X.npy", npyFile(1, npyDict("<f8", false, []int{60000, 4096}),
			make([]byte, 96))), "X.npy", "truncated"},
		{"fewer labels", valid("y.npy", indexLabels(2)), "y.npy",
			"X.npy has 3 images (shape (3, 4)) but "},
		{"more labels", valid("y.npy", npyValues("<i8", []int{4, 1}, false, sequence(4, 0, 1))),
			"y.npy", "has shape (4, 1): expected one label per image"},
		{"labels 3-D", valid("y.npy", npyValues("<i8", []int{3, 1, 1}, false, sequence(3, 0, 1))),
			"y.npy", "(3,), (3, 1), (1, 3) or one-hot (3, classes)"},
		{"NaN pixel", valid("X.npy", npyValues("<f4", []int{3, 4}, true, nan)),
			"X.npy", "value NaN at index [1, 2]"},
		{"Inf pixel", valid("X.npy", npyValues("<f8", []int{3, 2, 2}, false, inf)),
			"X.npy", "value -Inf at index [2, 1, 1]"},
		{"fractional label", valid("y.npy", npyValues("<f8", []int{3}, false,
			[]float64{0, 1.5, 2})), "y.npy", "label 1.5 at index 1 is not a whole number"},
		{"NaN label", valid("y.npy", npyValues("<f4", []int{3}, false,
			[]float64{0, 1, math.NaN()})), "y.npy", "label NaN at index 2"},
		{"huge label", valid("y.npy", npyValues("<f8", []int{3}, false,
			[]float64{0, 1e300, 2})), "y.npy", "label 1e+300 at index 1"},
		{"one-hot two ones", valid("y.npy", npyValues("<u1", []int{3, 2}, false,
			[]float64{1, 0, 1, 1, 0, 1})), "y.npy", "value 1 at [1, 1] is a second 1"},
		{"one-hot no one", valid("y.npy", npyValues("<u1", []int{3, 2}, false,
			[]float64{1, 0, 0, 0, 0, 1})), "y.npy", "row 1 of the one-hot labels"},
		{"one-hot two", valid("y.npy", npyValues("<f8", []int{3, 2}, false,
			[]float64{1, 0, 0, 2, 0, 1})), "y.npy", "value 2 at [1, 1] is neither 0 nor 1"},
		{"row not square", valid("X.npy", npyValues("<f8", []int{2, 6}, false, sequence(12, 0, 0))),
			"X.npy", "images array has shape (2, 6): expected (m, n) with n a square"},
		{"1-D images", valid("X.npy", npyValues("<f8", []int{12}, false, sequence(12, 0, 0))),
			"X.npy", "images array has shape (12,)"},
		{"4-D images", valid("X.npy", npyValues("<f8", []int{3, 1, 2, 2}, false, sequence(12, 0, 0))),
			"X.npy", "images array has shape (3, 1, 2, 2)"},
		{"scalar images", valid("X.npy", npyValues("<f8", []int{}, false, []float64{1})),
			"X.npy", "images array has shape ()"},
		{"no images", map[string][]byte{
			"X.npy": npyValues("<f8", []int{0, 400}, false, nil),
			"y.npy": npyValues("<f8", []int{0}, false, nil),
		}, "X.npy", "no images in an array of shape (0, 400)"},
		{"empty images", valid("X.npy", npyValues("<f8", []int{3, 0, 5}, false, nil)),
			"X.npy", "no images in an array of shape (3, 0, 5)"},
		{"complex", valid("X.npy", npyFile(1, npyDict("<c8", false, []int{3, 4}),
			make([]byte, 96))), "X.npy", "is complex"},
		{"empty file", valid("y.npy", nil), "y.npy", "file is empty"},
		{"text file", valid("X.npy", []byte("0.1,0.2\n0.3,0.4\n")), "X.npy", "not an .npy file"},
		{"images too large for a grid", map[string][]byte{
			"X.npy": npyValues("|u1", []int{1, 1, 1025}, false, make([]float64, 1025)),
			"y.npy": indexLabels(1),
		}, "X.npy", "pipeline for 1025×1 images: invalid grid width 1025"},
	}
	for _, tt := range tests {
		_, err := loadNPYFiles(t, tt.files, ArrayOptions{})
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "faceio: ") || !strings.Contains(msg, tt.file) {
			t.Errorf("%s: error %q, want the prefix faceio: and the file %s", tt.name, msg, tt.file)
		}
		if !strings.Contains(msg, tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, msg, tt.want)
		}
	}
}

func TestLoadNPYMissingFiles(t *testing.T) {
	dir := t.TempDir()
	x := filepath.Join(dir, "X.npy")
	writeFiles(t, dir, map[string][]byte{"X.npy": npyValues("<f8", []int{1, 4}, false,
		make([]float64, 4))})
	tests := []struct {
		name, x, y string
		want       string
	}{
		{"no images", filepath.Join(dir, "none.npy"), x, "none.npy: no such file"},
		{"no labels", x, filepath.Join(dir, "y.npy"), "y.npy: no such file"},
		{"folder", dir, x, "is a folder, expected an .npy file"},
	}
	for _, tt := range tests {
		_, err := LoadNPY(context.Background(), tt.x, tt.y, ArrayOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestLoadNPYOptionErrors(t *testing.T) {
	files := map[string][]byte{
		"X.npy": npyValues("<f8", []int{2, 4}, false, sequence(8, 0, 0.1)),
		"y.npy": indexLabels(2),
	}
	tests := []struct {
		name string
		opt  ArrayOptions
		want string
	}{
		{"order", ArrayOptions{Order: "diagonal"}, `unknown array order "diagonal"`},
		{"pipeline", ArrayOptions{Pipeline: Pipeline{Width: -1}}, "invalid grid width -1"},
		{"pipeline order", ArrayOptions{Pipeline: Pipeline{Order: "spiral"}}, `unknown order "spiral"`},
	}
	for _, tt := range tests {
		_, err := loadNPYFiles(t, files, tt.opt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestLoadNPYProgress(t *testing.T) {
	const count = 1000
	files := map[string][]byte{
		"X.npy": npyValues("|u1", []int{count, 4}, false, make([]float64, 4*count)),
		"y.npy": npyValues("|u1", []int{count}, false, make([]float64, count)),
	}
	var calls [][2]int
	progress := func(done, total int) { calls = append(calls, [2]int{done, total}) }
	d, err := loadNPYFiles(t, files, ArrayOptions{Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Faces) != count {
		t.Fatalf("%d faces, want %d", len(d.Faces), count)
	}
	if want := (count + convertBatch - 1) / convertBatch; len(calls) != want {
		t.Errorf("Progress called %d times, want %d", len(calls), want)
	}
	for i, c := range calls {
		if c[1] != count {
			t.Errorf("call %d: Progress(%d, %d), want total %d", i, c[0], c[1], count)
		}
		if i > 0 && c[0] <= calls[i-1][0] {
			t.Errorf("call %d: Progress(%d, %d) after Progress(%d, %d), want more done",
				i, c[0], c[1], calls[i-1][0], calls[i-1][1])
		}
	}
	if last := calls[len(calls)-1]; last != [2]int{count, count} {
		t.Errorf("last call Progress(%d, %d), want (%d, %d)", last[0], last[1], count, count)
	}
}

func TestLoadNPYCancel(t *testing.T) {
	// After the first batch, each goroutine finishes at most the batch it
	// is converting.
	count := convertBatch * (runtime.GOMAXPROCS(0) + 2)
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"X.npy": npyValues("|u1", []int{count, 4}, false, make([]float64, 4*count)),
		"y.npy": npyValues("|u1", []int{count}, false, make([]float64, count)),
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	last := 0
	opt := ArrayOptions{Progress: func(done, total int) {
		last = done
		cancel()
	}}
	_, err := LoadNPY(ctx, filepath.Join(dir, "X.npy"), filepath.Join(dir, "y.npy"), opt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "X.npy") {
		t.Errorf("error %q does not name X.npy", err)
	}
	if last == count {
		t.Errorf("all %d images converted after cancel", count)
	}

	_, err = LoadNPY(ctx, filepath.Join(dir, "X.npy"), filepath.Join(dir, "y.npy"), ArrayOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before the call: error %v, want context.Canceled", err)
	}
}

func TestLoadNPYLargeImagesThumbnail(t *testing.T) {
	files := map[string][]byte{
		"X.npy": npyValues("|u1", []int{1, 60, 200}, false, make([]float64, 60*200)),
		"y.npy": indexLabels(1),
	}
	d, err := loadNPYFiles(t, files, ArrayOptions{Pipeline: Pipeline{Width: 10, Height: 10}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Faces[0].Thumbnail.Bounds(), image.Rect(0, 0, 112, 34); got != want {
		t.Errorf("thumbnail bounds %v, want %v", got, want)
	}
}

// zipFile returns a zip archive of the members, compressed with deflate as
// numpy.savez_compressed does, in the order given.
func zipFile(t *testing.T, members ...zipMember) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, m := range members {
		f, err := w.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type zipMember struct {
	name string
	data []byte
}

func TestLoadNPZ(t *testing.T) {
	images := npyValues("<f8", []int{3, 2, 2}, false, sequence(12, 0, 0.05))
	labels := npyValues("<i8", []int{3}, false, []float64{5, 1, 5})
	tests := []struct {
		name    string
		members []zipMember
	}{
		{"savez names", []zipMember{{"X.npy", images}, {"y.npy", labels}}},
		{"lower-case x", []zipMember{{"y.npy", labels}, {"x.npy", images}}},
		{"upper-case Y", []zipMember{{"X.npy", images}, {"Y.npy", labels}}},
		{"no suffix", []zipMember{{"X", images}, {"y", labels}}},
		{"extra arrays", []zipMember{{"X_test.npy", []byte("not read")},
			{"X.npy", images}, {"notes.txt", []byte("ignored")}, {"y.npy", labels}}},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		path := filepath.Join(dir, "data.npz")
		writeFiles(t, dir, map[string][]byte{"data.npz": zipFile(t, tt.members...)})
		d, err := LoadNPZ(context.Background(), path, ArrayOptions{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if want := []string{"1", "5"}; !slices.Equal(d.Classes, want) {
			t.Errorf("%s: Classes = %q, want %q", tt.name, d.Classes, want)
		}
		if got, want := d.Faces[0].Path, "data.npz[1]"; got != want {
			t.Errorf("%s: Faces[0].Path = %q, want %q", tt.name, got, want)
		}
		checkInputs(t, tt.name, d, slices.Concat(sequence(4, 0.2, 0.05), sequence(4, 0, 0.05),
			sequence(4, 0.4, 0.05)))
	}
}

// TestLoadNPZWrittenByNpyio reads an archive that another implementation
// of the format, github.com/sbinet/npyio, writes.
func TestLoadNPZWrittenByNpyio(t *testing.T) {
	path := filepath.Join(t.TempDir(), "course.npz")
	x := mat.NewDense(4, 9, sequence(36, 0, 2))
	err := npz.Write(path, map[string]any{
		"X": x,
		"y": []int64{0, 9, 9, 0},
		"w": []float32{1, 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := LoadNPZ(context.Background(), path, ArrayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"0", "9"}; !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	// Image 0 has the values 0, 2, ... 16, and the array's maximum is 70.
	row := d.Faces[0].Input
	for k, v := range row {
		if want := float64(2*k) / 70; math.Abs(v-want) > grayTolerance {
			t.Fatalf("Faces[0].Input[%d] = %v, want %v", k, v, want)
		}
	}
}

func TestLoadNPZErrors(t *testing.T) {
	images := npyValues("<f8", []int{3, 4}, false, sequence(12, 0, 0.05))
	labels := indexLabels(3)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"missing labels", zipFile(t, zipMember{"X.npy", images}, zipMember{"labels.npy", labels}),
			"no labels array: expected one named y or Y, found only X, labels"},
		{"missing images", zipFile(t, zipMember{"y.npy", labels}),
			"no images array: expected one named X or x, found only y"},
		{"empty archive", zipFile(t), "found no arrays"},
		{"object labels", zipFile(t, zipMember{"X.npy", images},
			zipMember{"y.npy", npyFile(1, npyDict("|O", false, []int{3}), []byte("\x80\x02"))}),
			"data.npz, array y: dtype \"|O\" is an object array"},
		{"truncated member", zipFile(t, zipMember{"X.npy", images[:100]}, zipMember{"y.npy", labels}),
			"data.npz, array X: truncated"},
		{"longer member", zipFile(t, zipMember{"X.npy", append(images, 0)}, zipMember{"y.npy", labels}),
			"data.npz, array X: the header declares shape (3, 4)"},
		{"not a zip", []byte("PK\x03\x04 but nothing else"), "data.npz: not a valid .npz (zip) file"},
		{"npy file", images, "data.npz: not a valid .npz (zip) file"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		writeFiles(t, dir, map[string][]byte{"data.npz": tt.data})
		_, err := LoadNPZ(context.Background(), filepath.Join(dir, "data.npz"), ArrayOptions{})
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), "faceio: ") {
			t.Errorf("%s: error %q lacks the faceio: prefix", tt.name, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

// TestLoadNPYWrittenByNpyio reads a file that github.com/sbinet/npyio
// writes, with a version 2.0 header.
func TestLoadNPYWrittenByNpyio(t *testing.T) {
	dir := t.TempDir()
	var x, y bytes.Buffer
	if err := npy.Write(&x, mat.NewDense(2, 4, []float64{0, 0.25, 0.5, 1, 1, 0.5, 0.25, 0})); err != nil {
		t.Fatal(err)
	}
	if err := npy.Write(&y, []uint8{3, 4}); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{"X.npy": x.Bytes(), "y.npy": y.Bytes()})
	d, err := LoadNPY(context.Background(), filepath.Join(dir, "X.npy"), filepath.Join(dir, "y.npy"),
		ArrayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkInputs(t, "npyio", d, []float64{0, 0.25, 0.5, 1, 1, 0.5, 0.25, 0})
}

func TestArrayHugeValueRange(t *testing.T) {
	files := map[string][]byte{
		"X.npy": npyValues("<f8", []int{1, 4}, false, []float64{1e308, -1e308, 0, 5e307}),
		"y.npy": indexLabels(1),
	}
	d, err := loadNPYFiles(t, files, ArrayOptions{Order: ArrayRowMajor})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 0, 0.5, 0.75}
	for i, v := range d.Faces[0].Input {
		if math.Abs(v-want[i]) > grayTolerance {
			t.Errorf("input %d = %v, want %v", i, v, want[i])
		}
	}
}

func TestArrayLimits(t *testing.T) {
	tests := []struct {
		name  string
		shape string
		want  string
	}{
		{"too many images", fmt.Sprint(MaxArrayImages+1, ", 1, 1"), "more than"},
		{"too wide", fmt.Sprint("1, 1, ", MaxArrayImageSide+1), "larger than"},
	}
	for _, tt := range tests {
		header := npyFile(1, "{'descr': '|u1', 'fortran_order': False, 'shape': ("+tt.shape+"), }", nil)
		n := 1
		for _, f := range strings.Split(tt.shape, ",") {
			v, _ := strconv.Atoi(strings.TrimSpace(f))
			n *= v
		}
		files := map[string][]byte{
			"X.npy": append(header, make([]byte, n)...),
			"y.npy": indexLabels(1),
		}
		_, err := loadNPYFiles(t, files, ArrayOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}
