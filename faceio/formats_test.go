package faceio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

func uniform[T interface {
	image.Image
	Set(x, y int, c color.Color)
}](img T, c color.Color) T {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			img.Set(x, y, c)
		}
	}
	return img
}

// TestDecodePNGKinds checks the decoded type and gray level of PNG files
// of each colour type, with alpha composited onto black.
func TestDecodePNGKinds(t *testing.T) {
	r := image.Rect(0, 0, 4, 3)
	opaque := color.RGBA64{R: 0xffff, G: 0x8000, B: 0x1000, A: 0xffff}
	lumaOf := func(r, g, b float64) float64 { return 0.299*r + 0.587*g + 0.114*b }
	palettePix := image.NewPaletted(r, color.Palette{
		color.NRGBA{R: 200, G: 200, B: 200, A: 255},
		color.NRGBA{R: 255, G: 255, B: 255, A: 64},
	})
	palettePix.Pix[0] = 1 // top left translucent, the rest opaque light gray
	tests := []struct {
		name     string
		img      image.Image
		wantType string
		x, y     int
		want     float64
	}{
		{"16-bit RGB", uniform(image.NewRGBA64(r), opaque), "*image.RGBA64", 1, 1,
			lumaOf(1, float64(0x8000)/0xffff, float64(0x1000)/0xffff)},
		{"16-bit RGBA half alpha", uniform(image.NewNRGBA64(r), color.NRGBA64{R: 0xffff, G: 0xffff, B: 0xffff, A: 0x8000}),
			"*image.NRGBA64", 2, 1, float64(0x8000) / 0xffff},
		{"16-bit gray", uniform(image.NewGray16(r), color.Gray16{Y: 0x4000}), "*image.Gray16", 0, 0,
			float64(0x4000) / 0xffff},
		{"8-bit RGBA transparent", uniform(image.NewNRGBA(r), color.NRGBA{R: 255, G: 255, B: 255, A: 0}),
			"*image.NRGBA", 1, 2, 0},
		{"8-bit RGBA quarter alpha", uniform(image.NewNRGBA(r), color.NRGBA{R: 255, G: 255, B: 255, A: 64}),
			"*image.NRGBA", 1, 2, 64.0 / 255},
		{"palette opaque", palettePix, "*image.Paletted", 3, 2, 200.0 / 255},
		{"palette translucent", palettePix, "*image.Paletted", 0, 0, 64.0 / 255},
	}
	for _, tt := range tests {
		img, err := decodeBytes(t, "face.png", encodePNG(t, tt.img))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := fmt.Sprintf("%T", img); got != tt.wantType {
			t.Errorf("%s: decoded to %s, want %s", tt.name, got, tt.wantType)
		}
		row := make([]float64, 1)
		grayRows(img)(row, tt.x, tt.y)
		if !closeTo(row[0], tt.want, 1e-3) {
			t.Errorf("%s: gray at (%d,%d) = %.4f, want %.4f", tt.name, tt.x, tt.y, row[0], tt.want)
		}
	}
}

// TestDecodeGIFOffsetFrame checks that a first frame placed inside a
// larger logical screen decodes to its own bounds, and loads as a face.
func TestDecodeGIFOffsetFrame(t *testing.T) {
	frame := image.NewPaletted(image.Rect(10, 5, 30, 29), color.Palette{color.Black, color.White})
	for i := range frame.Pix {
		frame.Pix[i] = 1
	}
	var b bytes.Buffer
	anim := &gif.GIF{
		Image:  []*image.Paletted{frame},
		Delay:  []int{0},
		Config: image.Config{Width: 40, Height: 30, ColorModel: frame.Palette},
	}
	if err := gif.EncodeAll(&b, anim); err != nil {
		t.Fatal(err)
	}
	img, err := decodeBytes(t, "offset.gif", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds(), image.Rect(10, 5, 30, 29); got != want {
		t.Errorf("bounds = %v, want the frame's own %v", got, want)
	}

	fsys := fstest.MapFS{"p/offset.gif": {Data: b.Bytes()}}
	d, err := LoadDir(fsys, DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if got := d.Faces[0].Input[0]; !closeTo(got, 1, 1e-9) {
		t.Errorf("first input = %v, want 1 (white frame, no black screen)", got)
	}
}

// bombs are tiny files whose headers declare images of far more than
// MaxPixels pixels.
func bombs() map[string][]byte {
	le := binary.LittleEndian
	bmpHeader := []byte("BM")
	bmpHeader = le.AppendUint32(bmpHeader, 54)
	bmpHeader = le.AppendUint32(bmpHeader, 0)
	bmpHeader = le.AppendUint32(bmpHeader, 54)
	bmpHeader = le.AppendUint32(bmpHeader, 40)
	bmpHeader = le.AppendUint32(bmpHeader, 100000) // width
	bmpHeader = le.AppendUint32(bmpHeader, 100000) // height
	bmpHeader = le.AppendUint16(bmpHeader, 1)      // planes
	bmpHeader = le.AppendUint16(bmpHeader, 24)     // bits per pixel
	bmpHeader = append(bmpHeader, make([]byte, 24)...)

	be := binary.BigEndian
	tiffData := appendIFD(tiffHeader(be), be, []ifdEntry{
		{256, 4, 1, 100000}, {257, 4, 1, 100000}, {258, 3, 1, 8}, {259, 3, 1, 1},
		{262, 3, 1, 1}, {273, 4, 1, 8}, {277, 3, 1, 1}, {278, 4, 1, 100000},
		{279, 4, 1, 0xffffffff},
	})
	return map[string][]byte{
		"png": hugePNG(100000, 100000),
		"gif": []byte("GIF89a\xff\xff\xff\xff\x00\x00\x00"),
		"jpeg": []byte("\xff\xd8\xff\xc0\x00\x0b\x08\xff\xff\xff\xff\x01\x01\x11\x00" +
			"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"),
		"bmp":  bmpHeader,
		"tiff": tiffData,
		"webp extended": webpFile(vp8xChunk(0, 10000, 10000),
			riffChunk("VP8L", solidVP8L(1, 1, 0))),
		"webp lossless": webpFile(riffChunk("VP8L", solidVP8L(16384, 16384, 0))),
		"pgm":           []byte("P5 100000 100000 255\n"),
	}
}

func TestDecodeBombs(t *testing.T) {
	for name, data := range bombs() {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := decodeBytes(t, "bomb", data)
		runtime.ReadMemStats(&after)

		var serr *SizeError
		if !errors.As(err, &serr) {
			t.Errorf("%s bomb: error %v, want a *SizeError", name, err)
			continue
		}
		if serr.Width*serr.Height <= MaxPixels {
			t.Errorf("%s bomb: SizeError %d×%d is within MaxPixels", name, serr.Width, serr.Height)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 10<<20 {
			t.Errorf("%s bomb: allocated %d bytes, want under 10 MiB", name, n)
		}
	}
}

// validFiles returns a small valid file of each format.
func validFiles(t *testing.T) map[string][]byte {
	rng := rand.New(rand.NewPCG(51, 52))
	gray := randomGray(rng, 24, 20)
	encode := func(enc func(io.Writer, image.Image) error) []byte {
		var b bytes.Buffer
		if err := enc(&b, gray); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	return map[string][]byte{
		"jpeg": encodeJPEG(t, gray),
		"png":  encodePNG(t, gray),
		"gif":  encode(func(w io.Writer, m image.Image) error { return gif.Encode(w, m, nil) }),
		"bmp":  encode(bmp.Encode),
		"tiff": encode(func(w io.Writer, m image.Image) error { return tiff.Encode(w, m, nil) }),
		"tiff deflate": encode(func(w io.Writer, m image.Image) error {
			return tiff.Encode(w, m, &tiff.Options{Compression: tiff.Deflate})
		}),
		"webp": webpFile(riffChunk("VP8L", solidVP8L(24, 20, 77))),
		"pgm":  randomPGM(rng, 24, 20),
		"ppm":  encodeNetpbm("P6", 24, 20, 255, randomSamples(rng, 3*24*20, 255)),
	}
}

func TestDecodeTruncated(t *testing.T) {
	dir := t.TempDir()
	for name, data := range validFiles(t) {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := DecodeFile(path); err != nil {
			t.Errorf("%s: whole file: %v", name, err)
		}
		// Some decoders accept a file without its last byte, such as a
		// GIF without its trailer, so that cut only must not panic.
		if err := os.WriteFile(path, data[:len(data)-1], 0o644); err != nil {
			t.Fatal(err)
		}
		DecodeFile(path)

		for _, n := range []int{len(data) / 2, 20, 3} {
			if err := os.WriteFile(path, data[:n], 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := DecodeFile(path)
			if err == nil {
				t.Errorf("%s cut to %d of %d bytes: no error", name, n, len(data))
				continue
			}
			if prefix := "faceio: decode " + path + ": "; !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("%s cut to %d bytes: error %q lacks the prefix %q", name, n, err, prefix)
			}
			reason := strings.TrimPrefix(err.Error(), "faceio: decode "+path+": ")
			if !strings.HasPrefix(reason, "truncated ") && !strings.HasPrefix(reason, "not a JPEG, PNG") {
				t.Errorf("%s cut to %d bytes: error %q, want it to report a truncated "+
					"file or an unknown format", name, n, err)
			}
		}
	}
}

func TestDecodeFileMessages(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"photo.heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
			"HEIC, HEIF or AVIF image, which faceio cannot decode (image: unknown format): export it as JPEG or PNG"},
		{"cut.jpg", encodeJPEG(t, quadrants())[:300],
			"truncated JPEG file (unexpected EOF): copy or download it again"},
		{"bad.png", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 40)...),
			"invalid PNG data (png: invalid format: "},
		{"arith.jpg", []byte("\xff\xd8\xff\xc9\x00\x0b\x08\x00\x10\x00\x10\x01\x01\x11\x00"),
			"unsupported kind of JPEG file (unsupported JPEG feature: "},
	}
	for _, tt := range tests {
		_, err := decodeBytes(t, tt.name, tt.data)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestDecodeLimit(t *testing.T) {
	data := encodePNG(t, image.NewGray(image.Rect(0, 0, 100, 50)))
	fsys := fstest.MapFS{"a.png": {Data: data}}
	tests := []struct {
		limit   int
		wantErr bool
	}{{0, false}, {5000, false}, {4999, true}, {MaxPixels * 2, false}}
	for _, tt := range tests {
		_, err := DecodeFSLimit(fsys, "a.png", tt.limit)
		var serr *SizeError
		if got := errors.As(err, &serr); got != tt.wantErr {
			t.Errorf("limit %d: error %v, want a SizeError: %t", tt.limit, err, tt.wantErr)
		}
		if tt.wantErr && serr.Limit != tt.limit {
			t.Errorf("limit %d: SizeError.Limit = %d", tt.limit, serr.Limit)
		}
	}
	want := "image too large: 100×50 exceeds the limit of 4999 pixels, so scale it down before loading"
	if _, err := DecodeFSLimit(fsys, "a.png", 4999); err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("error %v, want suffix %q", err, want)
	}

	defer func() {
		if recover() == nil {
			t.Error("DecodeFileLimit with a negative limit did not panic")
		}
	}()
	DecodeFileLimit("a.png", -1)
}

// TestDecodeFSWithoutReadAtBoundsMemory checks that a file system whose
// files lack ReadAt is read into memory only up to what the image needs.
func TestDecodeFSWithoutReadAtBoundsMemory(t *testing.T) {
	small := encodePNG(t, image.NewGray(image.Rect(0, 0, 10, 10)))
	padded := append(bytes.Clone(small), make([]byte, 17<<20)...) // a 10×10 image and 17 MiB more
	fsys := &noSeekFS{fsys: fstest.MapFS{"small.png": {Data: small}, "padded.png": {Data: padded}}}

	if _, err := DecodeFS(fsys, "small.png"); err != nil {
		t.Errorf("small.png: %v", err)
	}
	_, err := DecodeFS(fsys, "padded.png")
	if want := "so it contains other data such as a video"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("padded.png: error %v, want it to contain %q", err, want)
	}
}

// FuzzDecodeFS checks that no file makes decoding panic, and that errors
// name the file.
func FuzzDecodeFS(f *testing.F) {
	t := &testing.T{}
	for _, data := range validFiles(t) {
		f.Add(data)
	}
	for _, data := range bombs() {
		f.Add(data)
	}
	exifJPEG := encodeJPEG(t, storeOriented(quadrants(), 6))
	f.Add(withAPP1(exifJPEG, append([]byte("Exif\x00\x00"), exifBlock(binary.BigEndian, 6)...)))
	f.Add(withPNGChunk(encodePNG(t, quadrants()), "eXIf", exifBlock(binary.LittleEndian, 3)))
	f.Add(grayTIFF(quadrants(), 7, binary.LittleEndian))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"x": {Data: data}}
		img, err := DecodeFSLimit(fsys, "x", 1<<20)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "faceio: decode x: ") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if img.Bounds().Empty() {
			t.Errorf("image without pixels and no error")
		}
	})
}
