package faceio

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// idxFile returns an IDX file with the element type code, the dimensions
// and the data.
func idxFile(code byte, dims []int, data []byte) []byte {
	b := []byte{0, 0, code, byte(len(dims))}
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	return append(b, data...)
}

func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mnistLike returns an images file and a labels file in the MNIST layout:
// count random 28×28 images and labels 0 to 9.
func mnistLike(rng *rand.Rand, count int) (images, labels []byte, pixels [][]byte, digits []byte) {
	for range count {
		img := make([]byte, 28*28)
		for k := range img {
			img[k] = byte(rng.IntN(256))
		}
		pixels = append(pixels, img)
		digits = append(digits, byte(rng.IntN(10)))
	}
	images = idxFile(idxUnsignedByte, []int{count, 28, 28}, slices.Concat(pixels...))
	labels = idxFile(idxUnsignedByte, []int{count}, digits)
	return images, labels, pixels, digits
}

func TestLoadIDX(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	images, labels, pixels, digits := mnistLike(rng, 40)
	tests := []struct {
		name             string
		imageGz, labelGz bool
	}{
		{"plain", false, false},
		{"gzipped", true, true},
		{"gzipped images", true, false},
		{"gzipped labels", false, true},
	}
	for _, tt := range tests {
		files := map[string][]byte{"train-images-idx3-ubyte": images, "train-labels-idx1-ubyte": labels}
		if tt.imageGz {
			files["train-images-idx3-ubyte"] = gzipped(t, images)
		}
		if tt.labelGz {
			files["train-labels-idx1-ubyte"] = gzipped(t, labels)
		}
		dir := t.TempDir()
		writeFiles(t, dir, files)
		d, err := LoadIDX(context.Background(), filepath.Join(dir, "train-images-idx3-ubyte"),
			filepath.Join(dir, "train-labels-idx1-ubyte"), ArrayOptions{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		checkMNIST(t, tt.name, d, "train-images-idx3-ubyte", pixels, digits)
	}
}

// checkMNIST compares a dataset loaded on the native 28×28 grid with the
// images and labels it came from.
func checkMNIST(t *testing.T, name string, d *Dataset, base string, pixels [][]byte, digits []byte) {
	t.Helper()
	if d.Pipeline.Width != 28 || d.Pipeline.Height != 28 {
		t.Errorf("%s: grid %d×%d, want 28×28", name, d.Pipeline.Width, d.Pipeline.Height)
	}
	if len(d.Faces) != len(pixels) {
		t.Fatalf("%s: %d faces, want %d", name, len(d.Faces), len(pixels))
	}
	for _, f := range d.Faces {
		var row int
		if _, err := fmt.Sscanf(strings.TrimPrefix(f.Path, base), "[%d]", &row); err != nil {
			t.Fatalf("%s: face path %q, want %s[row]", name, f.Path, base)
		}
		if got, want := d.Classes[f.Label], fmt.Sprint(digits[row]); got != want {
			t.Errorf("%s: %s has class %s, want %s", name, f.Path, got, want)
		}
		for k, v := range f.Input {
			if want := float64(pixels[row][k]) / 255; v != want {
				t.Fatalf("%s: %s input %d = %v, want %v", name, f.Path, k, v, want)
			}
		}
		if got := f.Thumbnail.Bounds(); got != image.Rect(0, 0, 56, 56) {
			t.Errorf("%s: %s thumbnail bounds %v, want 56×56", name, f.Path, got)
		}
	}
}

func TestReadIDX(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	images, labels, pixels, digits := mnistLike(rng, 12)
	d, err := ReadIDX(context.Background(), bytes.NewReader(gzipped(t, images)),
		bytes.NewReader(labels), "digits", ArrayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkMNIST(t, "ReadIDX", d, "digits", pixels, digits)

	p := Pipeline{Width: 20, Height: 20, Order: ColumnMajor}
	d, err = ReadIDX(context.Background(), bytes.NewReader(images), bytes.NewReader(labels),
		"digits", ArrayOptions{Pipeline: p})
	if err != nil {
		t.Fatal(err)
	}
	upright := image.NewGray(image.Rect(0, 0, 28, 28))
	copy(upright.Pix, pixels[0])
	for _, f := range d.Faces {
		if f.Path == "digits[0]" && !slices.Equal(f.Input, p.Apply(upright)) {
			t.Errorf("digits[0]: Input differs from Pipeline.Apply of the image")
		}
	}
}

// badIDX are IDX files that must be rejected. Each case replaces the
// images or the labels of a valid pair.
var badIDX = func() []struct {
	name           string
	images, labels []byte
	want           string
} {
	images := idxFile(idxUnsignedByte, []int{3, 2, 2}, make([]byte, 12))
	labels := idxFile(idxUnsignedByte, []int{3}, []byte{1, 2, 3})
	return []struct {
		name           string
		images, labels []byte
		want           string
	}{
		{"empty", []byte{}, labels, "file is empty"},
		{"short magic", []byte{0, 0, 8}, labels, "too short for an IDX file"},
		{"wrong magic", []byte("P5 28 28 255\n"), labels, "not an IDX file: it starts with 50 35 20 32"},
		{"float", idxFile(0x0D, []int{3, 2, 2}, make([]byte, 48)), labels,
			"element type 0x0D (float) is not supported"},
		{"short", idxFile(0x0B, []int{3, 2, 2}, make([]byte, 24)), labels, "0x0B (short)"},
		{"unknown type", idxFile(0x42, []int{3}, nil), labels, "unknown IDX element type 0x42"},
		{"labels as images", labels, labels, "gives 1 as the number of dimensions, expected 3"},
		{"images as labels", images, images, "gives 3 as the number of dimensions, expected 1"},
		{"truncated header", images[:9], labels, "truncated IDX header"},
		{"truncated data", images[:len(images)-1], labels,
			"truncated: the header declares 3 images of 2×2 bytes, which is 12 bytes"},
		{"extra data", append(slices.Clone(images), 7), labels, "more bytes follow"},
		{"truncated labels", images, labels[:len(labels)-1], "declares 3 labels of 1 byte"},
		{"count mismatch", images, idxFile(idxUnsignedByte, []int{4}, []byte{1, 2, 3, 4}),
			"has 3 images (shape (3, 2, 2)) but"},
		{"no images", idxFile(idxUnsignedByte, []int{0, 28, 28}, nil),
			idxFile(idxUnsignedByte, []int{0}, nil), "no images in an array of shape (0, 28, 28)"},
		{"huge count", idxFile(idxUnsignedByte, []int{60000, 28, 28}, make([]byte, 12)), labels,
			"truncated: the header declares 60000 images of 28×28 bytes"},
		{"over MaxArrayBytes", idxFile(idxUnsignedByte, []int{1 << 20, 1 << 20, 1}, nil), labels,
			"over MaxArrayBytes"},
		{"dimension over MaxArrayBytes", idxFile(idxUnsignedByte, []int{0xffffffff, 1, 1}, nil),
			labels, "dimension 0 of the IDX header is 4294967295, over the maximum"},
	}
}()

func TestLoadIDXErrors(t *testing.T) {
	for _, tt := range badIDX {
		for _, gz := range []bool{false, true} {
			images, labels := tt.images, tt.labels
			if gz && len(images) > 0 {
				images, labels = gzipped(t, images), gzipped(t, labels)
			}
			dir := t.TempDir()
			writeFiles(t, dir, map[string][]byte{"images": images, "labels": labels})
			_, err := LoadIDX(context.Background(), filepath.Join(dir, "images"),
				filepath.Join(dir, "labels"), ArrayOptions{})
			if err == nil {
				t.Errorf("%s gzip=%v: no error", tt.name, gz)
				continue
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "faceio: "+dir) {
				t.Errorf("%s gzip=%v: error %q does not start with faceio: and the file",
					tt.name, gz, msg)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("%s gzip=%v: error %q, want it to contain %q", tt.name, gz, msg, tt.want)
			}
		}
	}
}

func TestLoadIDXBadGzip(t *testing.T) {
	valid := gzipped(t, idxFile(idxUnsignedByte, []int{3}, []byte{1, 2, 3}))
	corrupt := slices.Clone(valid)
	corrupt[len(corrupt)-8] ^= 0xff // the CRC-32 of the trailer
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"bad header", []byte("\x1f\x8b\x00\x00"), "invalid gzip data"},
		{"bad checksum", corrupt, "gzip: invalid checksum"},
		{"cut stream", valid[:len(valid)-4], "unexpected EOF"},
	}
	images := idxFile(idxUnsignedByte, []int{3, 1, 1}, []byte{0, 128, 255})
	for _, tt := range tests {
		dir := t.TempDir()
		writeFiles(t, dir, map[string][]byte{"images": images, "labels": tt.data})
		_, err := LoadIDX(context.Background(), filepath.Join(dir, "images"),
			filepath.Join(dir, "labels"), ArrayOptions{})
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), filepath.Join(dir, "labels")) {
			t.Errorf("%s: error %q does not name the labels file", tt.name, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

// TestIDXHugeCountSmallAlloc checks that a tiny file declaring 60000
// MNIST images fails without allocating memory for the declared 47 MB.
func TestIDXHugeCountSmallAlloc(t *testing.T) {
	huge := idxFile(idxUnsignedByte, []int{60000, 28, 28}, make([]byte, 100))
	labels := idxFile(idxUnsignedByte, []int{60000}, make([]byte, 100))
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"plain": huge, "plain-labels": labels,
		"gz": gzipped(t, huge), "gz-labels": gzipped(t, labels),
	})
	tests := []struct {
		name string
		load func() error
	}{
		{"plain file", func() error {
			_, err := LoadIDX(context.Background(), filepath.Join(dir, "plain"),
				filepath.Join(dir, "plain-labels"), ArrayOptions{})
			return err
		}},
		{"gzip file", func() error {
			_, err := LoadIDX(context.Background(), filepath.Join(dir, "gz"),
				filepath.Join(dir, "gz-labels"), ArrayOptions{})
			return err
		}},
		{"stream", func() error {
			_, err := ReadIDX(context.Background(), bytes.NewReader(huge),
				bytes.NewReader(labels), "huge", ArrayOptions{})
			return err
		}},
	}
	for _, tt := range tests {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := tt.load()
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), "truncated") {
			t.Errorf("%s: error %v, want truncated", tt.name, err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
			t.Errorf("%s: allocated %d bytes, want at most 1 MiB", tt.name, n)
		}
	}
}

// FuzzIDX checks that ReadIDX never panics and that each face of a dataset
// it returns has a full input row and a valid label.
func FuzzIDX(f *testing.F) {
	for _, tt := range badIDX {
		f.Add(tt.images, tt.labels)
	}
	rng := rand.New(rand.NewPCG(27, 28))
	images, labels, _, _ := mnistLike(rng, 2)
	f.Add(images, labels)
	f.Add(gzipped(f, images), gzipped(f, labels))
	f.Add(idxFile(idxUnsignedByte, []int{2, 3, 1}, []byte{0, 1, 2, 3, 4, 5}),
		idxFile(idxUnsignedByte, []int{2}, []byte{7, 7}))

	opt := ArrayOptions{Pipeline: Pipeline{Width: 4, Height: 4}}
	f.Fuzz(func(t *testing.T, images, labels []byte) {
		d, err := ReadIDX(context.Background(), bytes.NewReader(images),
			bytes.NewReader(labels), "fuzz", opt)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "faceio: fuzz") {
				t.Errorf("error %q lacks the faceio: prefix and the name", err)
			}
			return
		}
		if len(d.Faces) == 0 || len(d.Classes) == 0 || len(d.Classes) > 256 {
			t.Fatalf("%d faces in %d classes", len(d.Faces), len(d.Classes))
		}
		for _, face := range d.Faces {
			if len(face.Input) != 16 || face.Label < 0 || face.Label >= len(d.Classes) {
				t.Fatalf("face %s: %d inputs, label %d", face.Path, len(face.Input), face.Label)
			}
		}
	})
}
