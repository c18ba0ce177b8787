package faceio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugePNG returns a valid PNG signature and IHDR chunk declaring a
// width×height 8-bit gray image, followed by nothing.
func hugePNG(width, height uint32) []byte {
	ihdr := make([]byte, 4+13)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], width)
	binary.BigEndian.PutUint32(ihdr[8:], height)
	ihdr[12] = 8 // bit depth; colour type 0 (gray) and the rest stay 0

	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	return b.Bytes()
}

func TestDecodeFileFormats(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 3, 2))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(40 * i)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"face.pgm", encodeNetpbm("P5", 3, 2, 255, []int{0, 40, 80, 120, 160, 200})},
		{"face.png", encodePNG(t, gray)},
		{"face.jpg", encodeJPEG(t, gray)},
		{"misnamed.jpg", encodePNG(t, gray)},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		img, err := DecodeFile(path)
		if err != nil {
			t.Errorf("DecodeFile(%s): %v", tt.name, err)
			continue
		}
		if got := img.Bounds(); got != gray.Bounds() {
			t.Errorf("DecodeFile(%s) bounds = %v, want %v", tt.name, got, gray.Bounds())
		}
		// JPEG is lossy, so compare within a few levels.
		for i, want := range gray.Pix {
			got := color.GrayModel.Convert(img.At(i%3, i/3)).(color.Gray).Y
			if d := int(got) - int(want); d < -4 || d > 4 {
				t.Errorf("DecodeFile(%s) pixel %d = %d, want %d", tt.name, i, got, want)
			}
		}
	}
}

func TestDecodeFileErrors(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"notes.jpg":  []byte("not an image\n"),
		"empty.png":  nil,
		"short.pgm":  []byte("P5 4 4 255\n\x00"),
		"huge.pgm":   []byte("P5 100000 100000 255\n"),
		"huge.png":   hugePNG(100000, 100000),
		"bigger.png": hugePNG(MaxPixels+1, 1),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.jpg"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		want     string
		wantSize bool
	}{
		{"notes.jpg", "image: unknown format", false},
		{"empty.png", "file is empty", false},
		{"folder.jpg", "is a folder, not an image file", false},
		{"short.pgm", "netpbm: truncated raster", false},
		{"missing.png", "no such file", false},
		{"huge.pgm", "image too large: 100000×100000", true},
		{"huge.png", "image too large: 100000×100000", true},
		{"bigger.png", "image too large: 50000001×1", true},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		_, err := DecodeFile(path)
		if err == nil {
			t.Errorf("DecodeFile(%s) returned no error, want %q", tt.name, tt.want)
			continue
		}
		if prefix := "faceio: decode " + path + ": "; !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("DecodeFile(%s) error = %q, want prefix %q", tt.name, err, prefix)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DecodeFile(%s) error = %q, want it to contain %q", tt.name, err, tt.want)
		}
		var derr *DecodeError
		if !errors.As(err, &derr) || derr.Path != path {
			t.Errorf("DecodeFile(%s) error %v is not a *DecodeError naming the path", tt.name, err)
		}
		var serr *SizeError
		if got := errors.As(err, &serr); got != tt.wantSize {
			t.Errorf("DecodeFile(%s) error is *SizeError: %t, want %t", tt.name, got, tt.wantSize)
		}
	}
}

func TestDecodeFileGIFFirstFrame(t *testing.T) {
	frame := func(index uint8) *image.Paletted {
		m := image.NewPaletted(image.Rect(0, 0, 2, 2), palette.Plan9)
		for i := range m.Pix {
			m.Pix[i] = index
		}
		return m
	}
	var b bytes.Buffer
	anim := &gif.GIF{Image: []*image.Paletted{frame(10), frame(200)}, Delay: []int{0, 0}}
	if err := gif.EncodeAll(&b, anim); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "anim.gif")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	img, err := DecodeFile(path)
	if err != nil {
		t.Fatalf("DecodeFile: %v", err)
	}
	got, want := img.At(1, 1), palette.Plan9[10]
	if !sameColor(got, want) {
		t.Errorf("pixel (1,1) = %v, want %v from the first frame", got, want)
	}
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// noSeekFS hides the Seek method of its files and counts the opens.
type noSeekFS struct {
	fsys  fs.FS
	opens int
}

func (n *noSeekFS) Open(name string) (fs.File, error) {
	n.opens++
	f, err := n.fsys.Open(name)
	return struct{ fs.File }{f}, err
}

func TestDecodeFSReopensWithoutSeek(t *testing.T) {
	data := encodeNetpbm("P5", 2, 1, 255, []int{7, 9})
	fsys := &noSeekFS{fsys: fstest.MapFS{"a/b.pgm": {Data: data}}}

	img, err := DecodeFS(fsys, "a/b.pgm")
	if err != nil {
		t.Fatalf("DecodeFS: %v", err)
	}
	if got := img.(*image.Gray).Pix; !bytes.Equal(got, []byte{7, 9}) {
		t.Errorf("pixels = %v, want [7 9]", got)
	}
	if fsys.opens != 2 {
		t.Errorf("opened the file %d times, want 2 (header, then image)", fsys.opens)
	}
}

func TestDecodeFSErrorNamesFile(t *testing.T) {
	fsys := fstest.MapFS{"s1/3.pgm": {Data: []byte("P5 2 1 255\n\x07")}}
	_, err := DecodeFS(fsys, "s1/3.pgm")
	want := "faceio: decode s1/3.pgm: truncated PGM file (netpbm: truncated raster: " +
		"got 1 of 2 bytes): copy or download it again"
	if err == nil || err.Error() != want {
		t.Errorf("DecodeFS error = %v, want %q", err, want)
	}
	var ferr FormatError
	if !errors.As(err, &ferr) {
		t.Errorf("DecodeFS error %v does not wrap a FormatError", err)
	}
}

func TestDecodeFileBMPAndTIFF(t *testing.T) {
	dir := t.TempDir()
	src := image.NewGray(image.Rect(0, 0, 4, 3))
	for i := range src.Pix {
		src.Pix[i] = uint8(20 * i)
	}
	encoders := map[string]func(io.Writer, image.Image) error{
		"face.bmp":  bmp.Encode,
		"face.tiff": func(w io.Writer, m image.Image) error { return tiff.Encode(w, m, nil) },
	}
	for name, encode := range encoders {
		var buf bytes.Buffer
		if err := encode(&buf, src); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		img, err := DecodeFile(path)
		if err != nil {
			t.Errorf("DecodeFile(%s): %v", name, err)
			continue
		}
		if got := img.Bounds().Size(); got != image.Pt(4, 3) {
			t.Errorf("%s decoded to size %v, want 4×3", name, got)
		}
		if r, _, _, _ := img.At(3, 2).RGBA(); r>>8 != uint32(src.Pix[11]) {
			t.Errorf("%s pixel (3,2) = %d, want %d", name, r>>8, src.Pix[11])
		}
	}
}
