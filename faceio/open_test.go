package faceio

import (
	"context"
	"image"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestOpenDataset(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	images := npyValues("<f8", []int{2, 4}, false, sequence(8, 0, 0.1))
	labels := npyValues("<i8", []int{2}, false, []float64{4, 2})
	idxImages, idxLabels, _, _ := mnistLike(rng, 3)
	npz := zipFile(t, zipMember{"X.npy", images}, zipMember{"y.npy", labels})
	tests := []struct {
		name  string
		files map[string][]byte
		open  string
		width int // of the grid
		first string
	}{
		{"X and y", map[string][]byte{"X.npy": images, "y.npy": labels},
			"X.npy", 2, "X.npy[1]"},
		{"x and y", map[string][]byte{"x.npy": images, "y.npy": labels},
			"x.npy", 2, "x.npy[1]"},
		{"train split", map[string][]byte{"X_train.npy": images, "y_train.npy": labels,
			"y.npy": []byte("not these labels")}, "X_train.npy", 2, "X_train.npy[1]"},
		{"upper-case Y", map[string][]byte{"X.npy": images, "Y.npy": labels},
			"X.npy", 2, "X.npy[1]"},
		{"npz by content", map[string][]byte{"course.bin": npz}, "course.bin", 2, "course.bin[1]"},
		{"mnist", map[string][]byte{"train-images-idx3-ubyte": idxImages,
			"train-labels-idx1-ubyte": idxLabels}, "train-images-idx3-ubyte", 28, ""},
		{"mnist gzip", map[string][]byte{"t10k-images-idx3-ubyte.gz": gzipped(t, idxImages),
			"t10k-labels-idx1-ubyte.gz": gzipped(t, idxLabels)}, "t10k-images-idx3-ubyte.gz", 28, ""},
		{"mnist images gzip only", map[string][]byte{"train-images-idx3-ubyte.gz": gzipped(t, idxImages),
			"train-labels-idx1-ubyte": idxLabels}, "train-images-idx3-ubyte.gz", 28, ""},
		{"mnist labels gzip only", map[string][]byte{"train-images-idx3-ubyte": idxImages,
			"train-labels-idx1-ubyte.gz": gzipped(t, idxLabels)}, "train-images-idx3-ubyte", 28, ""},
		{"mnist with dots", map[string][]byte{"train-images.idx3-ubyte": idxImages,
			"train-labels.idx1-ubyte": idxLabels}, "train-images.idx3-ubyte", 28, ""},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		writeFiles(t, dir, tt.files)
		d, err := OpenDataset(context.Background(), filepath.Join(dir, tt.open), OpenOptions{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if d.Pipeline.Width != tt.width {
			t.Errorf("%s: grid width %d, want %d", tt.name, d.Pipeline.Width, tt.width)
		}
		if tt.first != "" && d.Faces[0].Path != tt.first {
			t.Errorf("%s: Faces[0].Path = %q, want %q", tt.name, d.Faces[0].Path, tt.first)
		}
	}
}

func TestOpenDatasetFolder(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"ann/1.pgm": randomPGM(rng, 46, 56),
		"ben/1.pgm": randomPGM(rng, 46, 56),
	})
	tests := []struct {
		name string
		p    Pipeline
		want Pipeline
	}{
		{"zero", Pipeline{}, Pipeline{Width: 23, Height: 28}},
		{"width", Pipeline{Width: 10, Equalize: true}, Pipeline{Width: 10, Height: 28, Equalize: true}},
		{"default", DefaultPipeline(), DefaultPipeline()},
	}
	for _, tt := range tests {
		d, err := OpenDataset(context.Background(), dir, OpenOptions{LoadOptions: LoadOptions{Pipeline: tt.p}})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if d.Pipeline != tt.want {
			t.Errorf("%s: Pipeline = %+v, want %+v", tt.name, d.Pipeline, tt.want)
		}
		if want := []string{"ann", "ben"}; !slices.Equal(d.Classes, want) {
			t.Errorf("%s: Classes = %q, want %q", tt.name, d.Classes, want)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := OpenDataset(ctx, dir, OpenOptions{}); err == nil {
		t.Error("cancelled context: no error")
	}
}

func TestOpenDatasetErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	images := npyValues("<f8", []int{2, 4}, false, sequence(8, 0, 0.1))
	idxImages, idxLabels, _, _ := mnistLike(rng, 2)
	tests := []struct {
		name  string
		files map[string][]byte
		open  string
		want  []string // parts of the message, where DIR is the folder
	}{
		{"missing", nil, "X.npy", []string{"DIR/X.npy: no such file"}},
		{"no labels", map[string][]byte{"X_test.npy": images}, "X_test.npy", []string{
			"open dataset DIR/X_test.npy: no labels file: looked for DIR/y_test.npy and DIR/Y_test.npy"}},
		{"unknown npy name", map[string][]byte{"faces.npy": images}, "faces.npy", []string{
			"DIR/faces.npy: cannot tell which file holds the labels: expected a name starting with X"}},
		{"no idx labels", map[string][]byte{"train-images-idx3-ubyte.gz": gzipped(t, idxImages)},
			"train-images-idx3-ubyte.gz", []string{"no labels file: looked for " +
				"DIR/train-labels-idx1-ubyte.gz and DIR/train-labels-idx1-ubyte"}},
		{"unknown idx name", map[string][]byte{"digits": idxImages}, "digits",
			[]string{"DIR/digits: cannot tell which file holds the labels", "train-images-idx3-ubyte"}},
		{"idx labels file", map[string][]byte{"train-labels-idx1-ubyte": idxLabels},
			"train-labels-idx1-ubyte", []string{"IDX labels file: open the images file instead"}},
		{"empty", map[string][]byte{"X.npy": nil}, "X.npy", []string{"DIR/X.npy: file is empty",
			expectedDataset}},
		{"text", map[string][]byte{"X.csv": []byte("1,2,3\n")}, "X.csv", []string{
			"file starts with 31 2c 32 2c 33 0a, which is not a known dataset format", expectedDataset}},
		{"png", map[string][]byte{"face.png": encodePNG(t, randomGray(rng, 4, 4))}, "face.png",
			[]string{"DIR/face.png: file starts with 89 50 4e 47"}},
		{"pickle", map[string][]byte{"data.pkl": []byte("\x80\x04\x95\x00")}, "data.pkl",
			[]string{"Python pickle", "never loaded"}},
		{"gzip text", map[string][]byte{"notes.gz": gzipped(t, []byte("hello"))}, "notes.gz",
			[]string{"gzip data starts with 68 65 6c 6c, which is not a known dataset format"}},
		{"bad gzip", map[string][]byte{"x.gz": []byte("\x1f\x8b\x00")}, "x.gz",
			[]string{"DIR/x.gz: invalid gzip data"}},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		writeFiles(t, dir, tt.files)
		_, err := OpenDataset(context.Background(), filepath.Join(dir, tt.open), OpenOptions{})
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), "faceio: ") {
			t.Errorf("%s: error %q lacks the faceio: prefix", tt.name, err)
		}
		for _, part := range tt.want {
			part = strings.ReplaceAll(part, "DIR/", dir+string(os.PathSeparator))
			if !strings.Contains(err.Error(), part) {
				t.Errorf("%s: error %q, want it to contain %q", tt.name, err, part)
			}
		}
	}
}

func TestIsDataset(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"photo.png":  encodePNG(t, image.NewGray(image.Rect(0, 0, 4, 4))),
		"arrays.npz": []byte("PK\x03\x04 rest of a zip"),
		"X.npy":      []byte("\x93NUMPY\x01\x00"),
		"images.idx": {0, 0, 8, 3, 0, 0, 0, 1},
		"labels.idx": {0, 0, 8, 1, 0, 0, 0, 1},
		"empty":      {},
	})
	tests := map[string]bool{
		".": true, "photo.png": false, "arrays.npz": true, "X.npy": true,
		"images.idx": true, "labels.idx": false, "empty": false, "missing": false,
	}
	for name, want := range tests {
		if got := IsDataset(filepath.Join(dir, name)); got != want {
			t.Errorf("IsDataset(%s) = %v, want %v", name, got, want)
		}
	}
}
